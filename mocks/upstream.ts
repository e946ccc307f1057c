import { getResponse, type HttpHandler } from 'msw';
import { systemClock, type Clock } from '@/lib/resilience/clock';
import { EventEmitter, type Event } from '@/lib/resilience/events';
import type { Random } from '@/lib/resilience/random';
import { PRIMARY_MODEL } from '@/lib/scenario/models';
import type { ProviderId } from '@/lib/scenario/providers';
import { DEFAULT_WINDOW_RPM, DEFAULT_WINDOW_TPM, layerScenarioSchema, type FaultRule, type LayerScenario } from '@/lib/scenario/scenario';
import { abortError, raceAbort } from './abort';
import { answerFor } from './answers';
import { authProblem } from './auth';
import { faultHandler, type FaultId } from './faults';
import { healthyHandlers } from './handlers';
import { createIdSource, randomIdSeed } from './ids';
import { isOpenAiCompatible, type WireError } from './profiles';
import { createRateWindow, type WindowSnapshot } from './rate-window';
import { requestFor } from './request-body';
import { createResponder, type UpstreamContext } from './responder';
import { createRulePicker } from './rule-picker';

/**
 * One layer's mock upstream for one session: the healthy handlers with the
 * active fault prepended, resolved by MSW's `getResponse` (no global patching,
 * so sessions stay isolated), behind a `fetch` the openai SDK can use. Every
 * request names its dialect; the faults, counters and rate window are shared.
 */

/** One request that reached the upstream. */
export interface UpstreamCall {
  /** Sandbox time in ms. */
  at: number;
  /** The fault injected, or `null` when the call went to the healthy API (or was refused for a missing key). */
  fault: FaultId | null;
  method: string;
  /** URL path, e.g. `/v1/chat/completions`. */
  path: string;
}

/** Options of one {@link Upstream.resolve}. */
export interface ResolveOptions {
  /** The request's dialect. Default `openai`. */
  provider?: ProviderId;
}

/** A per-session mock of one API (the primary or the local model). */
export interface Upstream {
  /** Pass to `new OpenAI({ fetch, maxRetries: 0, apiKey: 'sk-sandbox', baseURL: 'https://mock.openai.local/v1' })`. Speaks OpenAI's dialect. */
  fetch: typeof fetch;
  /** A `fetch` that speaks one dialect, e.g. for `new Anthropic({ fetch: upstream.fetchFor('anthropic') })`. */
  fetchFor(provider: ProviderId): typeof fetch;
  /** Requests that reached this upstream (tests use it to prove an open breaker stops calls). */
  readonly calls: number;
  /** Fires as each request arrives, before it is answered. */
  onCall: Event<UpstreamCall>;
  /** Swap the faults live. Restarts the `first-n` count. Throws on an invalid layer. */
  setScenario(layer: LayerScenario): void;
  /** The rules in force. */
  readonly scenario: LayerScenario;
  /** Check the key, count, pick a fault and resolve one request in its dialect. `undefined` when no handler matched. */
  resolve(request: Request, options?: ResolveOptions): Promise<Response | undefined>;
  /** The rate window now, as the `x-ratelimit-*` headers would report it (for the dashboard's gauge). */
  rateLimit(): WindowSnapshot;
}

/** Options of {@link createUpstream}. */
export interface UpstreamOptions {
  scenario: LayerScenario;
  /** Sandbox clock. `timeline` rules read it, so it should read 0 when the session starts. */
  clock: Clock;
  /** Seeded random; drawn from once per `probability` rule evaluated, and for nothing else. */
  random: Random;
  /** Default {@link answerFor}. Use `localAnswerFor` for the local model. */
  answer?: (question: string) => string;
  /** Model listed in `GET /models`. Default `gpt-3.5-turbo`. Responses echo the requested model. */
  model?: string;
  /** Wall clock (epoch ms) for `created` and HTTP dates. Default `Date.now`. */
  now?: () => number;
  /** Seed of the response ids. Default: a random one, so no two upstreams share ids. */
  idSeed?: number;
  /** Gap between stream chunks in ms on `clock`. Default 0. */
  streamChunkDelayMs?: number;
}

/** The error undici's fetch throws when the peer resets the connection. */
export function connectionResetError(): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' }),
  });
}

/** Create a session's upstream for one layer. */
export function createUpstream(opts: UpstreamOptions): Upstream {
  const ctx: UpstreamContext = {
    clock: opts.clock,
    random: opts.random,
    model: opts.model ?? PRIMARY_MODEL,
    answer: opts.answer ?? answerFor,
    now: opts.now,
    ids: createIdSource(opts.idSeed ?? randomIdSeed()),
    window: createRateWindow(),
    streamChunkDelayMs: opts.streamChunkDelayMs,
  };
  // One set of healthy handlers per dialect, built on first use; they share the context's ids and window.
  const healthy = new Map<ProviderId, HttpHandler[]>();
  const healthyFor = (provider: ProviderId) => {
    let handlers = healthy.get(provider);
    if (!handlers) healthy.set(provider, (handlers = healthyHandlers({ ...ctx, provider })));
    return handlers;
  };
  const picker = createRulePicker(layerScenarioSchema.parse(opts.scenario), opts.clock, opts.random);
  const calls = new EventEmitter<UpstreamCall>();
  let count = 0;
  // Built once per (rule, dialect), not per request: a scenario's rules are immutable data.
  const byRule = new WeakMap<FaultRule, Map<ProviderId, HttpHandler[]>>();
  const handlersFor = (rule: FaultRule, provider: ProviderId) => {
    let perProvider = byRule.get(rule);
    if (!perProvider) byRule.set(rule, (perProvider = new Map()));
    let list = perProvider.get(provider);
    if (!list) {
      const ruleCtx = { ...ctx, provider, shouldRetry: rule.shouldRetry, latencyMs: rule.latencyMs, rpm: rule.rpm, tpm: rule.tpm };
      perProvider.set(provider, (list = [faultHandler(rule.fault, ruleCtx), ...healthyFor(provider)]));
    }
    return list;
  };

  const resolve = (request: Request, options: ResolveOptions = {}): Promise<Response | undefined> => {
    const provider = options.provider ?? 'openai';
    const refused = authProblem(request, provider);
    // A missing key is refused first, as the real API does: it is counted, but uses up no fault rule.
    const rule = refused ? null : picker.next();
    count++;
    calls.emit({ at: opts.clock.now(), fault: rule?.fault ?? null, method: request.method, path: new URL(request.url).pathname });
    if (refused) return Promise.resolve(createResponder({ ...ctx, provider }).error(refused));
    // MSW's layout: named fault override first, happy path after; the first response wins.
    const handlers = rule ? handlersFor(rule, provider) : healthyFor(provider);
    return getResponse(handlers, request);
  };

  const fetchFor = (provider: ProviderId) =>
    (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      // The caller's own signal, and a body read once (see requestFor).
      const request = requestFor(input, init);
      if (request.signal.aborted) throw abortError(request.signal);
      // Race the signal: a hanging handler must not outlive the SDK's timeout or a user's cancel.
      const response = await raceAbort(resolve(request, { provider }), request.signal);
      if (response === undefined) {
        throw new TypeError('fetch failed', { cause: new Error(`No mock handler for ${request.method} ${request.url}`) });
      }
      if (response.type === 'error') throw connectionResetError();
      return response;
    }) as typeof fetch;

  return {
    fetch: fetchFor('openai'),
    fetchFor,
    get calls() {
      return count;
    },
    onCall: calls.event,
    setScenario: (layer) => picker.reset(layerScenarioSchema.parse(layer)),
    get scenario() {
      return picker.layer;
    },
    resolve,
    rateLimit: () => {
      const rule = picker.layer.rules.find((r) => r.fault === 'rate-limit-window');
      return ctx.window!.peek(opts.clock.now(), rule ? { requests: rule.rpm ?? DEFAULT_WINDOW_RPM, tokens: rule.tpm ?? DEFAULT_WINDOW_TPM, enforce: true } : undefined);
    },
  };
}

/**
 * A body that fails on the first read. Returned from a Next route it makes the
 * server destroy the socket before any byte is written (Next flushes headers
 * only with the first chunk), so the client's fetch rejects with
 * `TypeError: fetch failed` (cause: "other side closed"): a connection reset.
 */
export function brokenConnectionResponse(): Response {
  const body = new ReadableStream<Uint8Array>({ start: (c) => c.error(connectionResetError()) });
  return new Response(body, { status: 200 });
}

/**
 * Answer an incoming HTTP request (e.g. in a Next route for the fault
 * endpoint) with the upstream's handlers, in the given dialect.
 * - A network fault (`HttpResponse.error()`), an aborted or crashed handler →
 *   {@link brokenConnectionResponse}: the client sees a reset, never a status.
 * - A cut stream keeps its erroring body: the client gets the first chunks, then
 *   `TypeError: terminated`.
 * - No matching handler → the dialect's 404 (`Invalid URL (POST /…)` on OpenAI's), as the real APIs answer unknown paths.
 */
export async function handleUpstreamRequest(request: Request, upstream: Pick<Upstream, 'resolve'>, options: ResolveOptions = {}): Promise<Response> {
  let response: Response | undefined;
  try {
    response = await upstream.resolve(request, options);
  } catch {
    return brokenConnectionResponse();
  }
  if (response === undefined) return notFoundResponse(request, options.provider ?? 'openai');
  if (response.type === 'error') return brokenConnectionResponse();
  return response;
}

/** A stateless responder for endpoint-level errors: its own random request ids, an unlimited window. */
const standalone = (provider: ProviderId) => createResponder({ clock: systemClock, random: Math.random, model: PRIMARY_MODEL, answer: answerFor, provider });

/** An error response in a dialect's own shape, with its request-id header (for errors before any upstream is reached). */
export function dialectErrorResponse(provider: ProviderId, error: WireError, headers: Record<string, string> = {}): Response {
  return standalone(provider).error(error, headers);
}

/** The dialect's 404 for a path it does not serve, with a request id like every error. */
export function notFoundResponse(request: Request, provider: ProviderId): Response {
  const { pathname } = new URL(request.url);
  return isOpenAiCompatible(provider)
    ? dialectErrorResponse(provider, { status: 404, type: 'invalid_request_error', code: null, param: null, message: `Invalid URL (${request.method} ${pathname})` })
    : dialectErrorResponse(provider, { status: 404, type: 'not_found_error', code: null, message: `Not Found: ${request.method} ${pathname}` });
}
