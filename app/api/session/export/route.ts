import { exportCsv } from '@/lib/contract';
import { badRequest, json } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';

export const dynamic = 'force-dynamic';

/**
 * This build's events (requests, retries, breaker transitions, script steps)
 * for download: `?format=csv` (the default) or `?format=json`. Times are sandbox
 * ms, so a replayed run exports the same file in any browser.
 */
export async function GET(request: Request) {
  return withSession(request, (session) => {
    const format = new URL(request.url).searchParams.get('format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') return badRequest(`Unknown format '${format}': expected csv or json.`);
    const view = session.view();
    const rows = session.log.snapshot();
    const name = `sandbox-events-${view.script?.id ?? view.presetId ?? 'custom'}-seed${view.scenario.seed}`;
    const headers = { 'content-disposition': `attachment; filename="${name}.${format}"`, 'cache-control': 'no-store' };
    if (format === 'csv') return new Response(exportCsv(rows), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
    return json(
      {
        session: { generation: view.generation, presetId: view.presetId, script: view.script?.id ?? null, seed: view.scenario.seed, speed: view.speed, policy: view.policy, now: view.now },
        dropped: session.log.dropped,
        events: rows,
      },
      { headers },
    );
  });
}
