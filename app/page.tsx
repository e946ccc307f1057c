import { DashboardCharts } from '@/components/dashboard/charts/dashboard-charts';
import { ClientReportPanel } from '@/components/dashboard/client-report-panel';
import { ConnectionBox } from '@/components/dashboard/connection-box';
import { DashboardHeader } from '@/components/dashboard/dashboard-header';
import { ErrorBanner } from '@/components/dashboard/error-banner';
import { PolicyPanel } from '@/components/dashboard/policy-panel';
import { RequestInspector } from '@/components/dashboard/request-inspector';
import { RunControls } from '@/components/dashboard/run-controls';
import { SandboxProvider } from '@/components/dashboard/sandbox-provider';
import { ScenarioPanel } from '@/components/dashboard/scenario-panel';
import { StatCards } from '@/components/dashboard/stat-cards';

/**
 * The dashboard. A server component that only lays out client leaves: the
 * live state (session, SSE stream, actions) lives in <SandboxProvider>, and
 * each panel subscribes to the slice it shows.
 */
export default function Home() {
  return (
    <SandboxProvider>
      <div className="mx-auto flex max-w-[2400px] flex-col gap-4 p-4 xl:p-6">
        <DashboardHeader />
        <ErrorBanner />
        <StatCards />
        <div className="grid grid-cols-[minmax(22rem,26rem)_minmax(0,1fr)] gap-4">
          <aside className="flex flex-col gap-4">
            <ScenarioPanel />
            <PolicyPanel />
            <ConnectionBox />
          </aside>
          <main className="flex min-w-0 flex-col gap-4">
            <RunControls />
            <DashboardCharts />
            <RequestInspector />
            <ClientReportPanel />
          </main>
        </div>
      </div>
    </SandboxProvider>
  );
}
