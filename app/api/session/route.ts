import { sessionUpdateSchema } from '@/lib/contract';
import { badRequest, json, readJson } from '@/lib/sandbox/http';
import { openSession, withSession } from '@/lib/sandbox/session-http';
import { resolveUpdate } from '@/lib/sandbox/session-update';

export const dynamic = 'force-dynamic';

/** This browser's session (created here, and only here, on first contact): scenario, policy, breaker, stats, speed and endpoint. */
export async function GET(request: Request) {
  return openSession(request, (session) => json(session.view()));
}

/** Change the preset, faults, policy, speed or mode. Applies to the next request. */
export async function PUT(request: Request) {
  return withSession(request, async (session) => {
    const body = await readJson(request, sessionUpdateSchema);
    if (!body.ok) return body.response;
    const { paused, ...settings } = body.data;
    const next = resolveUpdate(session.current, settings);
    if ('error' in next) return badRequest(next.error);
    const view = session.update(next);
    return json(paused === undefined ? view : session.setPaused(paused));
  });
}
