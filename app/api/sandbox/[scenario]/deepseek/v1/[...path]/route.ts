import { endpointHandler } from '@/lib/sandbox/endpoint';

export const dynamic = 'force-dynamic';

/** DeepSeek's dialect: `new OpenAI({ baseURL: '…/api/sandbox/{scenario}/deepseek/v1' })`. */
const handler = endpointHandler({ provider: 'deepseek' });

// Every method is routed, so a wrong one gets the API's own 405 instead of Next's empty one.
export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
