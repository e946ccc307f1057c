import { getResponse } from 'msw';
import type { Clock } from '@/lib/resilience/clock';
import { EventEmitter, type Event } from '@/lib/resilience/events';
import type { Random } from '@/lib/resilience/random';
import { abortError, raceAbort } from './abort';
import { PRIMARY_MODEL } from '@/lib/scenario/models';
import { answerFor } from './answers';
import { faultHandler, type FaultId } from './faults';
import { healthyHandlers } from './handlers';
import { createIdSource, errorBody } from './openai-shapes';
import { createRequestMeter, type UpstreamContext } from './responder';
import { createRulePicker } from './rule-picker';
import { layerScenarioSchema, type FaultRule, type LayerScenario } from '@/lib/scenario/scenario';

/**
 * One layer's mock upstream for one session: the healthy handlers with the
 * active fault prepended, resolved by MSW's `getResponse` (no global patching,
 * so sessions stay isolated), behind a `fetch` the openai SDK can use.
 */

/** One request that reached the upstream. */
export interface UpstreamCall {
  /** Sandbox time in ms. */
  at: number;
  /** The fault injected, or `null` when the call went to the healthy API. */
  fault: FaultId | null;
  method: string;
  /** URL path, e.g. `/v1/chat/completions`. */
  path: string;
}

/** A per-session mock of one OpenAI-compatible API (the primary or the local model). */
export interface Upstream {
  /** Pass to `new OpenAI({ fetch, maxRetries: 0, apiKey: 'sk-sandbox', baseURL: 'https://mock.openai.local/v1' })`. */
  fetch: typeof fetch;
  /** Requests that reached this upstream (tests use it to prove an open breaker stops calls). */
  readonly calls: number;
  /** Fires as each request arrives, before it is answered. */
  onCall: Event<UpstreamCall>;
  /** Swap the faults live. Restarts the `first-n` count. Throws on an invalid layer. */
  setScenario(layer: LayerScenario): void;
  /** The rules in force. */
  readonly scenario: LayerScenario;
  /** Count, pick a fault and resolve one request through the handlers. `undefined` when no handler matched. */
  resolve(request: Request): Promise<Response | undefined>;
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
  /** Model reported in responses. Default `gpt-3.5-turbo`. */
  model?: string;
  /** Wall clock (epoch ms) for `created` and HTTP dates. Default `Date.now`. */
  now?: () => number;
  /** Seed of the response ids. Default 0. */
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
    ids: createIdSource(opts.idSeed ?? 0),
    meter: createRequestMeter(),
    streamChunkDelayMs: opts.streamChunkDelayMs,
  };
  const healthy = healthyHandlers(ctx);
  const picker = createRulePicker(layerScenarioSchema.parse(opts.scenario), opts.clock, opts.random);
  const calls = new EventEmitter<UpstreamCall>();
  let count = 0;
  // Built once per rule, not per request: a scenario's rules are immutable data.
  const byRule = new WeakMap<FaultRule, ReturnType<typeof healthyHandlers>>();
  const handlersFor = (rule: FaultRule) => {
    let list = byRule.get(rule);
    if (!list) {
      list = [faultHandler(rule.fault, { ...ctx, shouldRetry: rule.shouldRetry, latencyMs: rule.latencyMs }), ...healthy];
      byRule.set(rule, list);
    }
    return list;
  };

  const resolve = (request: Request): Promise<Response | undefined> => {
    const rule = picker.next();
    count++;
    calls.emit({ at: opts.clock.now(), fault: rule?.fault ?? null, method: request.method, path: new URL(request.url).pathname });
    // MSW's layout: named fault override first, happy path after; the first response wins.
    const handlers = rule ? handlersFor(rule) : healthy;
    return getResponse(handlers, request);
  };

  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    // undici links `request.signal` to the caller's signal only through a WeakRef.
    // A handler that waits on nothing but that signal (the `timeout` fault) is
    // then unreachable from any root, and GC may collect the whole wait: the
    // SDK's timeout fires into nothing and the call hangs forever (seen in tests).
    // Handing the handlers the caller's own signal keeps the chain reachable.
    const callerSignal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (callerSignal) Object.defineProperty(request, 'signal', { value: callerSignal, configurable: true });
    if (request.signal.aborted) throw abortError(request.signal);
    // Race the signal: a hanging handler must not outlive the SDK's timeout or a user's cancel.
    const response = await raceAbort(resolve(request), request.signal);
    if (response === undefined) {
      throw new TypeError('fetch failed', { cause: new Error(`No mock handler for ${request.method} ${request.url}`) });
    }
    if (response.type === 'error') throw connectionResetError();
    return response;
  };

  return {
    fetch: fetchImpl as typeof fetch,
    get calls() {
      return count;
    },
    onCall: calls.event,
    setScenario: (layer) => picker.reset(layerScenarioSchema.parse(layer)),
    get scenario() {
      return picker.layer;
    },
    resolve,
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
 * Answer an incoming HTTP request (e.g. in a Next route for the OpenAI-compatible
 * endpoint) with the upstream's handlers.
 * - A network fault (`HttpResponse.error()`), an aborted or crashed handler →
 *   {@link brokenConnectionResponse}: the client sees a reset, never a status.
 * - A cut stream keeps its erroring body: the client gets the first chunks, then
 *   `TypeError: terminated`.
 * - No matching handler → 404 `Invalid URL`, as the real API answers unknown paths.
 */
export async function handleUpstreamRequest(request: Request, upstream: Pick<Upstream, 'resolve'>): Promise<Response> {
  let response: Response | undefined;
  try {
    response = await upstream.resolve(request);
  } catch {
    return brokenConnectionResponse();
  }
  if (response === undefined) {
    const { pathname } = new URL(request.url);
    const body = errorBody({ message: `Invalid URL (${request.method} ${pathname})`, type: 'invalid_request_error', param: null, code: null });
    return Response.json(body, { status: 404 });
  }
  if (response.type === 'error') return brokenConnectionResponse();
  return response;
}
