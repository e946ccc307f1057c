import { endpointHandler } from '@/lib/sandbox/endpoint';

export const dynamic = 'force-dynamic';

/** The scenario's local-model layer (the lesson's LOCAL_LLM_BASE_URL), to test your own fallback: `…/api/sandbox/{scenario}/local/v1`. */
const handler = endpointHandler({ layer: 'local' });

// Every method is routed, so a wrong one gets the API's own 405 instead of Next's empty one.
export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
