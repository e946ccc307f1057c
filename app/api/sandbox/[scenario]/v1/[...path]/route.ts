import { endpointHandler } from '@/lib/sandbox/endpoint';

export const dynamic = 'force-dynamic';

/** The OpenAI-compatible fault endpoint: point any OpenAI client's base URL at `/api/sandbox/{scenario}/v1`. */
const handler = endpointHandler();

// Every method is routed, so a wrong one gets the API's own 405 instead of Next's empty one.
export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
