import { http, HttpResponse, type HttpHandler } from 'msw';
import { sleep } from '@/lib/resilience/clock';
import { whenAborted } from './abort';
import { readChatRequest } from './chat-request';
import { faultInfo, type FaultInfo } from '@/lib/scenario/fault-catalogue';
import { FAULT_IDS, type FaultId } from '@/lib/scenario/fault-ids';
import { DEFAULT_SLOW_LATENCY_MS } from '@/lib/scenario/scenario';
import type { OpenAIErrorObject } from './openai-shapes';
import { createResponder, type Responder, type UpstreamContext } from './responder';
import { chatStreamEvents, STREAM_PIECE_CHARS, terminatedError } from './sse';

export { FAULT_IDS, isFaultId, type FaultId } from '@/lib/scenario/fault-ids';

/**
 * The faults' behaviour. Each fault is a named MSW resolver that is prepended
 * to the healthy handlers, so the first match wins (MSW's advice). Bodies are
 * OpenAI-shaped, so the SDK raises the same classes it raises in production.
 */

/** A fault's context: the upstream's, plus the options of the rule that fired. */
export interface FaultContext extends UpstreamContext {
  /** Send `x-should-retry: true|false`, which overrides the SDK's own retry decision. Default: no header. */
  shouldRetry?: boolean;
  /** Added latency of the `slow` fault in ms on `clock`. Default 3000. */
  latencyMs?: number;
}

/** An MSW resolver: a Response, or `undefined` to fall through to the next handler. */
export type FaultResolver = (info: { request: Request }) => Promise<Response | undefined>;

/** One entry of the catalogue: the product facts plus the behaviour. */
export interface FaultDef extends FaultInfo {
  id: FaultId;
  handler: (ctx: FaultContext) => FaultResolver;
}

const retryHeader = (ctx: FaultContext): Record<string, string> =>
  ctx.shouldRetry === undefined ? {} : { 'x-should-retry': String(ctx.shouldRetry) };

/** A fault that answers every request with one OpenAI error. */
function statusFault(
  status: number,
  error: (ctx: FaultContext, model: string) => OpenAIErrorObject,
  headers: (ctx: FaultContext, r: Responder) => Record<string, string> = () => ({}),
): FaultDef['handler'] {
  return (ctx) => {
    const r = createResponder(ctx);
    return async ({ request }) => {
      const parsed = await readChatRequest(request);
      const model = parsed.ok ? parsed.value.model : ctx.model;
      return r.error(status, error(ctx, model), { ...headers(ctx, r), ...retryHeader(ctx) });
    };
  };
}

const err = (message: string, type: string, code: string | null, param: string | null = null): OpenAIErrorObject => ({
  message,
  type,
  param,
  code,
});

/** A 429 `rate_limit_exceeded` with the given `Retry-After` headers. */
function rateLimit(retryAfter: (ctx: FaultContext) => Record<string, string>): FaultDef['handler'] {
  return statusFault(
    429,
    (_, model) =>
      err(
        `Rate limit reached for ${model} in organization org-sandbox on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again later.`,
        'requests',
        'rate_limit_exceeded',
      ),
    (ctx) => ({ 'x-ratelimit-remaining-requests': '0', ...retryAfter(ctx) }),
  );
}

const SERVER_ERROR = err('The server had an error while processing your request. Sorry about that!', 'server_error', null);

/** A streaming fault: `build` also decides what a `stream: false` request gets. */
function streamFault(
  build: (r: Responder, ctx: FaultContext, request: Request) => Promise<Response | undefined>,
): FaultDef['handler'] {
  return (ctx) => {
    const r = createResponder(ctx);
    return (info) => build(r, ctx, info.request);
  };
}

/** How each fault behaves, keyed by id; what it *is* (labels, status, SDK class) is `FAULT_INFO` in lib/scenario. */
const BEHAVIOUR = {
  'rate-limit': rateLimit(() => ({ 'retry-after': '2', 'retry-after-ms': '2000' })),
  'rate-limit-date': rateLimit((ctx) => ({ 'retry-after': new Date(Math.ceil(((ctx.now ?? Date.now)() + 3000) / 1000) * 1000).toUTCString() })),
  'rate-limit-long': rateLimit(() => ({ 'retry-after': '120' })),
  'rate-limit-negative': rateLimit(() => ({ 'retry-after': '-5' })),
  'rate-limit-garbage': rateLimit(() => ({ 'retry-after': 'soon' })),
  quota: statusFault(429, () => err('You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota')),
  'server-500': statusFault(500, () => SERVER_ERROR),
  'bad-gateway-502': statusFault(502, () => err('Bad gateway.', 'server_error', 'bad_gateway')),
  'unavailable-503': statusFault(503, () => err('The engine is currently overloaded, please try again later.', 'server_error', null)),
  'gateway-timeout-504': statusFault(504, () => err('Gateway timeout.', 'server_error', 'gateway_timeout')),
  'request-timeout-408': statusFault(408, () => err('Request timed out.', 'invalid_request_error', 'request_timeout')),
  'conflict-409': statusFault(409, () => err('Another request with the same idempotency key is already in progress.', 'invalid_request_error', 'conflict')),
  // Waits for the request's own signal (the SDK timeout or a user cancel); never on a timer.
  timeout: () => async ({ request }) => whenAborted(request.signal),
  'connection-reset': () => async () => HttpResponse.error(),
  // Waits on the sandbox clock, abort-aware, then falls through to the healthy handler.
  slow: (ctx) => async ({ request }) => {
    await sleep(ctx.clock, ctx.latencyMs ?? DEFAULT_SLOW_LATENCY_MS, request.signal);
    return undefined;
  },
  'auth-401': statusFault(401, () => err('Incorrect API key provided: sk-sandb****. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key')),
  'forbidden-403': statusFault(403, () => err('Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory')),
  'model-not-found-404': statusFault(404, (_, model) => err(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found')),
  'context-length-400': statusFault(400, () => err("This model's maximum context length is 16385 tokens. However, your messages resulted in 17012 tokens. Please reduce the length of the messages.", 'invalid_request_error', 'context_length_exceeded', 'messages')),
  'unprocessable-422': statusFault(422, () => err('The request was well-formed but could not be processed.', 'invalid_request_error', 'unprocessable_entity')),
  'stream-cut': streamFault(async (r, ctx, request) => {
    const parsed = await readChatRequest(request);
    if (!parsed.ok || !parsed.value.stream) return HttpResponse.error();
    const events = chatStreamEvents(r.completionParts(parsed.value), { pieces: 2, finish: false, done: false });
    return r.sse(events, { kind: 'error', error: terminatedError() }, request.signal, retryHeader(ctx));
  }),
  'stream-no-done': streamFault(async (r, ctx, request) => {
    const parsed = await readChatRequest(request);
    if (!parsed.ok || !parsed.value.stream) return undefined;
    const parts = r.completionParts(parsed.value);
    const half = Math.max(1, Math.floor(Array.from(parts.content).length / STREAM_PIECE_CHARS / 2));
    const events = chatStreamEvents(parts, { pieces: half, finish: false, done: false });
    return r.sse(events, { kind: 'close' }, request.signal, retryHeader(ctx));
  }),
  'stream-error-event': streamFault(async (r, ctx, request) => {
    const parsed = await readChatRequest(request);
    if (!parsed.ok || !parsed.value.stream) return r.error(500, SERVER_ERROR, retryHeader(ctx));
    const events = chatStreamEvents(r.completionParts(parsed.value), { pieces: 2, trailer: { error: SERVER_ERROR }, finish: false, done: false });
    return r.sse(events, { kind: 'close' }, request.signal, retryHeader(ctx));
  }),
} satisfies Record<FaultId, FaultDef['handler']>;

/** The catalogue, keyed by id: the product facts from lib/scenario joined with each fault's behaviour. */
export const FAULTS = Object.fromEntries(
  FAULT_IDS.map((id) => [id, { ...faultInfo(id), handler: BEHAVIOUR[id] }]),
) as Record<FaultId, FaultDef>;

/** An MSW handler that injects fault `id` on every method and path. Prepend it to the healthy handlers. */
export function faultHandler(id: FaultId, ctx: FaultContext): HttpHandler {
  return http.all('*', FAULTS[id].handler(ctx));
}
