import { badRequest, json } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';

export const dynamic = 'force-dynamic';

/**
 * The report card of this browser's student's own client: every check with its
 * verdict and evidence, the calls the session's endpoint saw and their logical
 * requests, and the exam's progress (`ClientReport` in lib/contract).
 * `?calls=N` lists only the newest N calls (the checks still read them all).
 */
export async function GET(request: Request) {
  const raw = new URL(request.url).searchParams.get('calls');
  const calls = raw === null ? undefined : Number(raw);
  if (calls !== undefined && !(Number.isInteger(calls) && calls >= 0 && calls <= 10_000)) {
    return badRequest(`calls must be a whole number from 0 to 10000 (got '${raw!.slice(0, 20)}').`);
  }
  return withSession(request, (session) => json(session.clientCalls.record.report(calls === undefined ? {} : { calls })));
}
