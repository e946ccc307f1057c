import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { sleep } from '@/lib/resilience/clock';
import { faultInfo, type FaultInfo } from '@/lib/scenario/fault-catalogue';
import { FAULT_IDS, type FaultId } from '@/lib/scenario/fault-ids';
import { renderProviderError, type ErrorFaultId } from '@/lib/scenario/providers';
import { DEFAULT_KEEP_ALIVE_HOLD_MS, DEFAULT_SLOW_LATENCY_MS, DEFAULT_WINDOW_RPM, DEFAULT_WINDOW_TPM } from '@/lib/scenario/scenario';
import { whenAborted } from './abort';
import { ANTHROPIC_PING } from './anthropic-shapes';
import { apiOf, generate, isStream } from './generate';
import { healthyHandlers } from './handlers';
import { isOpenAiCompatible } from './profiles';
import { createResponder, type Responder, type UpstreamContext } from './responder';
import { SSE_HEADERS, sseStream, terminatedError } from './sse';
import type { StreamEnd } from './stream-plan';
import { bodyText } from './request-body';

export { FAULT_IDS, isFaultId, type FaultId } from '@/lib/scenario/fault-ids';

/**
 * The faults' behaviour. Each fault is a named MSW resolver that is prepended
 * to the healthy handlers, so the first match wins (MSW's advice). What a
 * fault sends is the request's dialect's own (lib/scenario/providers), so each
 * SDK raises the class it raises in production.
 */

/** A fault's context: the upstream's, plus the options of the rule that fired. */
export interface FaultContext extends UpstreamContext {
  /** Send `x-should-retry: true|false`, which overrides the SDK's own retry decision. Default: no header. */
  shouldRetry?: boolean;
  /** Added latency of `slow`, or the hold of `keep-alive-hold`, in ms on `clock`. */
  latencyMs?: number;
  /** Requests per minute of `rate-limit-window`. Default 10. */
  rpm?: number;
  /** Tokens per minute of `rate-limit-window`. Default 20 000. */
  tpm?: number;
}

/** An MSW resolver: a Response, or `undefined` to fall through to the next handler. */
export type FaultResolver = (info: { request: Request }) => Promise<Response | undefined>;

/** One entry of the catalogue: the product facts plus the behaviour. */
export interface FaultDef extends FaultInfo {
  id: FaultId;
  handler: (ctx: FaultContext) => FaultResolver;
}

/** Gap between keep-alives while a connection is held, in ms of sandbox time. */
export const KEEP_ALIVE_INTERVAL_MS = 5000;

const retryHeader = (ctx: FaultContext): Record<string, string> =>
  ctx.shouldRetry === undefined ? {} : { 'x-should-retry': String(ctx.shouldRetry) };

/** The requested model, for messages that name it; the upstream's when the body has none. */
async function modelOf(request: Request, fallback: string): Promise<string> {
  try {
    const body: unknown = JSON.parse(await bodyText(request));
    const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
    return typeof model === 'string' && model !== '' ? model.slice(0, 100) : fallback;
  } catch {
    return fallback;
  }
}

/** A fault that answers every request with the dialect's rendering of one error. */
function errorFault(id: ErrorFaultId, headers: (ctx: FaultContext, r: Responder) => Record<string, string> = () => ({})): FaultDef['handler'] {
  return (ctx) => {
    const r = createResponder(ctx);
    return async ({ request }) => r.fault(id, { model: await modelOf(request, ctx.model) }, { ...headers(ctx, r), ...retryHeader(ctx) });
  };
}

/** A 429 with the given `Retry-After` headers; OpenAI's also says no requests remain. */
function rateLimit(id: ErrorFaultId, retryAfter: (ctx: FaultContext) => Record<string, string>): FaultDef['handler'] {
  return errorFault(id, (ctx, r) => ({ ...(r.provider === 'openai' ? { 'x-ratelimit-remaining-requests': '0' } : {}), ...retryAfter(ctx) }));
}

/**
 * A streaming fault: a stream request ends as `end` says; a non-stream request
 * gets `nonStream` (a Response, or `undefined` to be answered normally).
 */
function streamFault(end: (r: Responder) => StreamEnd, nonStream: (r: Responder, ctx: FaultContext, request: Request) => Promise<Response | undefined>): FaultDef['handler'] {
  return (ctx) => {
    const r = createResponder(ctx);
    return async ({ request }) => {
      if (apiOf(request) === null) return undefined;
      if (!(await isStream(request))) return nonStream(r, ctx, request);
      const response = await generate(r, ctx, request, end(r));
      for (const [name, value] of Object.entries(retryHeader(ctx))) response?.headers.set(name, value);
      return response;
    };
  };
}

const failure = (id: ErrorFaultId, kind: 'error-event' | 'failed') => (r: Responder): StreamEnd => ({ kind, error: renderProviderError(r.provider, id) });

/**
 * DeepSeek under load: a 200 at once, then nothing but keep-alives (SSE
 * comments, Anthropic `ping`s, or blank lines when not streaming) until the
 * hold ends and the server closes the connection. Bytes keep arriving, so an
 * idle timeout never fires.
 */
const keepAliveHold: FaultDef['handler'] = (ctx) => async ({ request }) => {
  if (apiOf(request) === null) return undefined;
  const stream = await isStream(request);
  const r = createResponder(ctx);
  const beat = !stream ? '\n' : isOpenAiCompatible(r.provider) ? ': keep-alive\n\n' : ANTHROPIC_PING;
  const hold = ctx.latencyMs ?? DEFAULT_KEEP_ALIVE_HOLD_MS;
  const beats = Math.max(1, Math.ceil(hold / KEEP_ALIVE_INTERVAL_MS));
  const body = sseStream({ events: Array.from({ length: beats }, () => beat), ending: { kind: 'error', error: terminatedError() }, clock: ctx.clock, delayMs: KEEP_ALIVE_INTERVAL_MS, signal: request.signal });
  const type = stream ? SSE_HEADERS : { 'content-type': 'application/json' };
  return new HttpResponse(body, { status: 200, headers: { ...r.headers(), ...type, ...retryHeader(ctx) } });
};

/** How each fault behaves, keyed by id; what it *is* (labels, status, SDK class) is `FAULT_INFO` in lib/scenario. */
const BEHAVIOUR = {
  'rate-limit': rateLimit('rate-limit', () => ({ 'retry-after': '2', 'retry-after-ms': '2000' })),
  'rate-limit-date': rateLimit('rate-limit-date', (ctx) => ({ 'retry-after': new Date(Math.ceil(((ctx.now ?? Date.now)() + 3000) / 1000) * 1000).toUTCString() })),
  'rate-limit-long': rateLimit('rate-limit-long', () => ({ 'retry-after': '120' })),
  'rate-limit-negative': rateLimit('rate-limit-negative', () => ({ 'retry-after': '-5' })),
  'rate-limit-garbage': rateLimit('rate-limit-garbage', () => ({ 'retry-after': 'soon' })),
  quota: errorFault('quota'),
  // The healthy API with enforced per-minute limits: every response counts down, the one over the limit is refused.
  'rate-limit-window': (ctx) => async ({ request }) =>
    getResponse(healthyHandlers({ ...ctx, limits: { requests: ctx.rpm ?? DEFAULT_WINDOW_RPM, tokens: ctx.tpm ?? DEFAULT_WINDOW_TPM, enforce: true } }), request),
  'token-rate-limit': rateLimit('token-rate-limit', () => ({ 'retry-after': '6', 'retry-after-ms': '6000' })),
  'slow-down': rateLimit('slow-down', () => ({ 'retry-after': '10' })),
  'server-500': errorFault('server-500'),
  'bad-gateway-502': errorFault('bad-gateway-502'),
  'unavailable-503': errorFault('unavailable-503'),
  'overloaded-503': errorFault('overloaded-503'),
  'gateway-timeout-504': errorFault('gateway-timeout-504'),
  'request-timeout-408': errorFault('request-timeout-408'),
  'conflict-409': errorFault('conflict-409'),
  // Waits for the request's own signal (the SDK timeout or a user cancel); never on a timer.
  timeout: () => async ({ request }) => whenAborted(request.signal),
  'connection-reset': () => async () => HttpResponse.error(),
  // Waits on the sandbox clock, abort-aware, then falls through to the healthy handler.
  slow: (ctx) => async ({ request }) => {
    await sleep(ctx.clock, ctx.latencyMs ?? DEFAULT_SLOW_LATENCY_MS, request.signal);
    return undefined;
  },
  'keep-alive-hold': keepAliveHold,
  'auth-401': errorFault('auth-401'),
  'forbidden-403': errorFault('forbidden-403'),
  'model-not-found-404': errorFault('model-not-found-404'),
  'context-length-400': errorFault('context-length-400'),
  'unprocessable-422': errorFault('unprocessable-422'),
  'content-filter': errorFault('content-filter'),
  'stream-cut': streamFault(() => ({ kind: 'cut' }), async () => HttpResponse.error()),
  'stream-no-done': streamFault(() => ({ kind: 'no-end' }), async () => undefined),
  'stream-error-event': streamFault(failure('stream-error-event', 'error-event'), async (r, ctx) => r.fault('stream-error-event', {}, retryHeader(ctx))),
  'stream-failed': streamFault(failure('stream-failed', 'failed'), async (r, ctx) => r.fault('stream-failed', {}, retryHeader(ctx))),
  'stream-failed-rate-limit': streamFault(failure('stream-failed-rate-limit', 'failed'), async (r, ctx) => r.fault('stream-failed-rate-limit', {}, retryHeader(ctx))),
  'stream-incomplete': streamFault(() => ({ kind: 'incomplete' }), async (r, ctx, request) => generate(r, ctx, request, { kind: 'incomplete' })),
} satisfies Record<FaultId, FaultDef['handler']>;

/** The catalogue, keyed by id: the product facts from lib/scenario joined with each fault's behaviour. */
export const FAULTS = Object.fromEntries(
  FAULT_IDS.map((id) => [id, { ...faultInfo(id), handler: BEHAVIOUR[id] }]),
) as Record<FaultId, FaultDef>;

/** An MSW handler that injects fault `id` on every method and path. Prepend it to the healthy handlers. */
export function faultHandler(id: FaultId, ctx: FaultContext): HttpHandler {
  return http.all('*', FAULTS[id].handler(ctx));
}
