import { withSession } from '@/lib/sandbox/session-store';
import { sseResponse } from '@/lib/sandbox/sse';
import type { SandboxEvent } from '@/lib/contract';

export const dynamic = 'force-dynamic';

/** This browser's live event stream: the session first, then requests, retries, breaker transitions and runs. */
export async function GET(request: Request) {
  return withSession(request, (session) =>
    sseResponse<SandboxEvent>((send) => {
      send({ type: 'session', session: session.view() });
      return session.onEvent(send);
    }, request.signal),
  );
}
