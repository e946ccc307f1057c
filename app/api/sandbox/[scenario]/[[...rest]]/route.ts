import { notAnEndpoint } from '@/lib/sandbox/endpoint';

export const dynamic = 'force-dynamic';

/** Anything under a scenario that is no endpoint (`/api/sandbox/x`, `/api/sandbox/x/chat/completions`): the API's 404, not Next's HTML. */
const handler = async (request: Request) => notAnEndpoint(request);

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
