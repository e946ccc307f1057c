import { runRequestSchema, type SandboxEvent } from '@/lib/contract';
import { BusyError } from '@/lib/sandbox/admission';
import { apiError, busy, json, readJson } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';
import { sessionEventStream } from '@/lib/sandbox/session-stream';

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
    let run;
    try {
      run = r.kind === 'burst' ? session.startBurst(r.count, r.messages) : r.kind === 'steady' ? session.startSteady(r.rps, r.durationMs, r.messages) : session.stopRun();
    } catch (error) {
      early?.dispose();
      if (error instanceof BusyError) return busy(error);
      throw error;
    }
    if (!early || !run) {
      early?.dispose();
      return json({ run });
    }
    const id = run.id;
    const stream = sessionEventStream(session, request.signal, {
      first: () => {
        early.dispose();
        return buffered;
      },
      until: (e) => e.type === 'run' && e.run.id === id && e.run.state !== 'running',
    });
    if (stream) return stream;
    early.dispose();
    return apiError(429, 'Too many open event streams for this session; the run started, follow it on GET /api/events.', { 'retry-after': '5' });
  });
}
