import { CaptionLine } from './caption-line';
import { DashboardCharts } from './charts/dashboard-charts';
import { ErrorBanner } from './error-banner';
import { PresenterControls } from './presenter-controls';
import { PresenterHeader } from './presenter-header';
import { ScriptPanel } from './script-panel';
import { StatCards } from './stat-cards';

/**
 * Projector root size: 23 px makes Tailwind's smallest body text (text-sm,
 * 0.875 rem) 20 px. Written as a rule on <html> that applies only while this
 * view is in the page, so the server's first paint is already at size (no flash).
 */
const PRESENT_ROOT_CSS = 'html:has([data-view="present"]){font-size:23px}';

/**
 * `/?view=present`: everything an instructor shows, on one 1920×1080 screen
 * without scrolling — the breaker state and a caption line narrating each
 * event, the script and scenario, the run controls, and the four charts
 * (retry delays, breaker timeline, success and cache-hit rate, outcome by source).
 * A server component that lays out client leaves.
 */
export function PresenterView() {
  return (
    <div data-view="present" className="grid h-screen grid-rows-[auto_auto_minmax(0,1fr)] gap-2 overflow-hidden p-3">
      <style>{PRESENT_ROOT_CSS}</style>
      <PresenterHeader />
      <div className="flex flex-col gap-2">
        <CaptionLine large />
        <ErrorBanner />
      </div>
      <div className="grid min-h-0 grid-cols-[26rem_minmax(0,1fr)] gap-3">
        <aside className="flex min-h-0 flex-col gap-2 overflow-hidden">
          <ScriptPanel large />
          <PresenterControls />
          <StatCards compact />
        </aside>
        <main className="min-h-0 min-w-0">
          <DashboardCharts variant="present" />
        </main>
      </div>
    </div>
  );
}
