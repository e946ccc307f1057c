import { endpointHandler } from '@/lib/sandbox/endpoint';

export const dynamic = 'force-dynamic';

/** Anthropic's dialect: `new Anthropic({ baseURL: '…/api/sandbox/{scenario}/anthropic' })`; the SDK appends `/v1/messages`. */
const handler = endpointHandler({ provider: 'anthropic' });

// Every method is routed, so a wrong one gets the API's own 405 instead of Next's empty one.
export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
