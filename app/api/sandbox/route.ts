import { notAnEndpoint } from '@/lib/sandbox/endpoint';

export const dynamic = 'force-dynamic';

/** `/api/sandbox` itself, with no scenario: the API's 404 saying what the endpoint looks like. */
const handler = async (request: Request) => notAnEndpoint(request);

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
