import { apiError } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';
import { sessionEventStream } from '@/lib/sandbox/session-stream';

export const dynamic = 'force-dynamic';

/** This browser's live event stream: the session first, then requests, retries, breaker transitions and runs. */
export async function GET(request: Request) {
  return withSession(request, (session) => sessionEventStream(session, request.signal) ?? apiError(429, 'Too many open event streams for this session: close another tab first.', { 'retry-after': '5' }));
}
