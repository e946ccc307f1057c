import { notAnEndpoint, rateLimitReport } from '@/lib/sandbox/endpoint';

export const dynamic = 'force-dynamic';

/** The scenario's rate windows for the dashboard's gauge (`RateLimitReport`); an unknown scenario is the API's 404. */
export async function GET(request: Request, { params }: { params: Promise<{ scenario: string }> }) {
  const report = rateLimitReport(request, (await params).scenario);
  return report ? Response.json(report, { headers: { 'cache-control': 'no-store' } }) : notAnEndpoint(request);
}
