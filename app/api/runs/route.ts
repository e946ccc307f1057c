import { readJson, json } from '@/lib/sandbox/http';
import { runRequestSchema } from '@/lib/contract';
import { withSession } from '@/lib/sandbox/session-store';
import { sseResponse } from '@/lib/sandbox/sse';
import type { SandboxEvent } from '@/lib/contract';

/**
 * Start a burst or a steady load, or stop it. With `Accept: text/event-stream`
 * the response streams the run's events until it ends; otherwise it returns
 * `{ run }` and progress arrives on `GET /api/events`.
 */
export async function POST(request: Request) {
  return withSession(request, async (session) => {
    const body = await readJson(request, runRequestSchema);
    if (!body.ok) return body.response;
    const r = body.data;
    const wantsStream = (request.headers.get('accept') ?? '').includes('text/event-stream');
    // Subscribe before starting, so the stream sees the run's first event.
    const buffered: SandboxEvent[] = [];
    const early = wantsStream ? session.onEvent((e) => buffered.push(e)) : undefined;
    const run =
      r.kind === 'burst' ? session.startBurst(r.count, r.messages) : r.kind === 'steady' ? session.startSteady(r.rps, r.durationMs, r.messages) : session.stopRun();
    if (!wantsStream || !run) {
      early?.dispose();
      return json({ run });
    }
    return sseResponse<SandboxEvent>((send, close) => {
      early?.dispose();
      const forward = (e: SandboxEvent) => {
        send(e);
        if (e.type === 'run' && e.run.id === run.id && e.run.state !== 'running') close();
      };
      const sub = session.onEvent(forward);
      buffered.forEach(forward);
      return sub;
    }, request.signal);
  });
}
