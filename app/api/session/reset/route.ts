import { json } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';

/** Reset this browser's sandbox: time 0, breaker closed, cache empty, stats zero. Scenario and policy stay. */
export async function POST(request: Request) {
  return withSession(request, (session) => json(session.reset()));
}
