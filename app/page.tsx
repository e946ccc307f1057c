import { CaptionLine } from '@/components/dashboard/caption-line';
import { DashboardCharts } from '@/components/dashboard/charts/dashboard-charts';
import { ClientReportPanel } from '@/components/dashboard/client-report-panel';
import { PolicyCodePanel } from '@/components/dashboard/code/policy-code-panel';
import { ConnectionBox } from '@/components/dashboard/connection-box';
import { DashboardHeader } from '@/components/dashboard/dashboard-header';
import { ErrorBanner } from '@/components/dashboard/error-banner';
import { LabPanel } from '@/components/dashboard/lab/lab-panel';
import { PolicyPanel } from '@/components/dashboard/policy-panel';
import { PresenterView } from '@/components/dashboard/presenter-view';
import { ReplayExportPanel } from '@/components/dashboard/replay-export-panel';
import { RequestInspector } from '@/components/dashboard/request-inspector';
import { RoomJoin } from '@/components/dashboard/room-join';
import { RunControls } from '@/components/dashboard/run-controls';
import { SandboxProvider } from '@/components/dashboard/sandbox-provider';
import { ScenarioPanel } from '@/components/dashboard/scenario-panel';
import { ScriptPanel } from '@/components/dashboard/script-panel';
import { StatCards } from '@/components/dashboard/stat-cards';
import { PRESENT_VIEW } from '@/components/dashboard/view';

/**
 * The dashboard. A server component that only lays out client leaves: the
 * live state (session, SSE stream, actions) lives in <SandboxProvider>, and
 * each panel subscribes to the slice it shows. `?view=present` lays the same
 * live state out for a projector (the provider stays mounted across the switch).
 */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if ((await searchParams).view === PRESENT_VIEW)
    return (
      <SandboxProvider>
        <PresenterView />
      </SandboxProvider>
    );
  return (
    <SandboxProvider>
      <div className="mx-auto flex max-w-[2400px] flex-col gap-4 p-4 xl:p-6">
        <DashboardHeader />
        <ErrorBanner />
        <CaptionLine />
        <StatCards />
        <div className="grid grid-cols-[minmax(22rem,26rem)_minmax(0,1fr)] gap-4">
          <aside className="flex flex-col gap-4">
            <RoomJoin />
            <ScenarioPanel />
            <ScriptPanel />
            <PolicyPanel />
            <ConnectionBox />
          </aside>
          <main className="flex min-w-0 flex-col gap-4">
            <RunControls />
            <DashboardCharts />
            <PolicyCodePanel />
            <RequestInspector />
            <ClientReportPanel />
            <LabPanel />
            <ReplayExportPanel />
          </main>
        </div>
      </div>
    </SandboxProvider>
  );
}
