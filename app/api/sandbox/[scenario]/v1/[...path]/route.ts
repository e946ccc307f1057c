import { serveEndpoint } from '@/lib/sandbox/endpoint';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ scenario: string }> };

/** The OpenAI-compatible fault endpoint: point any OpenAI client's base URL at `/api/sandbox/{scenario}/v1`. */
export async function POST(request: Request, { params }: Params) {
  return serveEndpoint(request, (await params).scenario);
}

export async function GET(request: Request, { params }: Params) {
  return serveEndpoint(request, (await params).scenario);
}
