import { INSTANCE } from '@/lib/sandbox/session-http';

export const dynamic = 'force-dynamic';

/** Liveness for a load balancer, and the empty-route baseline of `npm run bench:load`: no session, no work. */
export function GET() {
  return Response.json({ ok: true, instance: INSTANCE }, { headers: { 'x-sandbox-instance': INSTANCE } });
}
