import { json } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';

export const dynamic = 'force-dynamic';

/**
 * The report card of this browser's student's own client: every check with its
 * verdict and evidence, the calls the session's endpoint saw and their logical
 * requests, and the exam's progress (`ClientReport` in lib/contract).
 */
export async function GET(request: Request) {
  return withSession(request, (session) => json(session.clientCalls.record.report()));
}
