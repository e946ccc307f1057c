import { HttpResponse } from 'msw';
import type { Clock } from '@/lib/resilience/clock';
import type { Random } from '@/lib/resilience/random';
import { renderProviderError, type ErrorFaultId, type ProviderId, type RenderVars } from '@/lib/scenario/providers';
import { createIdSource, randomIdSeed, type IdSource } from './ids';
import { approxTokens, formatResetDuration } from './openai-shapes';
import { WIRE_PROFILES, type WireError, type WireProfile } from './profiles';
import { ADVERTISED_LIMITS, createRateWindow, type RateWindow, type WindowLimits, type WindowSnapshot } from './rate-window';
import type { RequestProblem } from './request-problem';
import { SSE_HEADERS, sseStream } from './sse';
import type { RenderedStream } from './stream-plan';

/**
 * What every mock handler (healthy or faulty) needs: injected time and
 * randomness, the model's identity, the request's dialect, and how to answer.
 * One context is shared by all handlers of a session, so ids and the rate
 * window run on.
 */
export interface UpstreamContext {
  /** Sandbox clock: latency, stream gaps and rate-limit windows run on it. */
  clock: Clock;
  /** Seeded randomness: `createUpstream` draws from it only for `probability` rules. */
  random: Random;
  /** The model this upstream serves in `GET /models`. Responses echo the requested model. */
  model: string;
  /** Deterministic answer to the last user message. */
  answer: (question: string) => string;
  /** Wall clock in epoch ms for `created` and HTTP-date headers. Default `Date.now`. */
  now?: () => number;
  /** Id source shared by all handlers. Default: a fresh, randomly seeded one (it never draws from `random`). */
  ids?: IdSource;
  /** Rate window behind the rate-limit headers. Default: a fresh one. */
  window?: RateWindow;
  /** Limits of this request's window. Default {@link ADVERTISED_LIMITS}: counted, never enforced. */
  limits?: WindowLimits;
  /** Gap between streamed chunks in ms on `clock`. Default 0 (the whole stream at once). */
  streamChunkDelayMs?: number;
  /** This request's dialect. Default `openai`. */
  provider?: ProviderId;
}

/** The verdict of {@link Responder.admit}. */
export type Admission = { ok: true; snapshot: WindowSnapshot } | { ok: false; response: Response };

/** Response builders bound to one context: every response carries its dialect's headers. */
export interface Responder {
  readonly ids: IdSource;
  readonly provider: ProviderId;
  readonly wire: WireProfile;
  /** Unix seconds from the wall clock, for `created`. */
  created(): number;
  /** Headers for one response; `snapshot` is the window after this request counted (default: a peek). */
  headers(o?: { processingMs?: number; snapshot?: WindowSnapshot }): Record<string, string>;
  json(status: number, body: unknown, extra?: Record<string, string>, snapshot?: WindowSnapshot): Response;
  /** An error in this dialect's body. */
  error(error: WireError, extra?: Record<string, string>, snapshot?: WindowSnapshot): Response;
  /** This dialect's rendering of an error fault (lib/scenario/providers). */
  fault(id: ErrorFaultId, vars?: RenderVars, extra?: Record<string, string>): Response;
  /** This dialect's answer to a malformed request. */
  problem(p: RequestProblem): Response;
  sse(stream: RenderedStream, signal: AbortSignal, extra?: Record<string, string>, snapshot?: WindowSnapshot): Response;
  /**
   * Count one generation of `prompt` and `answer` against the window. Over an
   * enforced limit it is refused with this dialect's 429 and the true wait in
   * `retry-after` (and `retry-after-ms` on OpenAI-compatible dialects).
   */
  admit(prompt: string, answer: string, model: string): Admission;
}

/** Build a {@link Responder}, filling the context's defaults once. */
export function createResponder(ctx: UpstreamContext): Responder {
  const ids = ctx.ids ?? createIdSource(randomIdSeed());
  const window = ctx.window ?? createRateWindow();
  const limits = ctx.limits ?? ADVERTISED_LIMITS;
  const provider = ctx.provider ?? 'openai';
  const wire = WIRE_PROFILES[provider];
  const now = ctx.now ?? Date.now;
  const headers: Responder['headers'] = (o = {}) =>
    wire.headers({
      requestId: wire.requestId(ids),
      processingMs: o.processingMs ?? 5,
      window: o.snapshot ?? window.peek(ctx.clock.now(), limits),
      wallNow: now(),
    });
  const json: Responder['json'] = (status, body, extra, snapshot) => jsonResponse(status, body, { ...headers({ snapshot }), ...extra });
  const error: Responder['error'] = (e, extra, snapshot) => {
    const h = headers({ snapshot });
    const requestId = h['x-request-id'] ?? h['request-id'] ?? '';
    return jsonResponse(e.status, wire.errorBody(e, requestId), { ...h, ...extra });
  };
  return {
    ids,
    provider,
    wire,
    created: () => Math.floor(now() / 1000),
    headers,
    json,
    error,
    fault: (id, vars, extra) => error(renderProviderError(provider, id, vars), extra),
    problem: (p) => error(wire.problem(p)),
    sse: (stream, signal, extra, snapshot) =>
      new HttpResponse(sseStream({ events: stream.events, ending: stream.ending, clock: ctx.clock, delayMs: ctx.streamChunkDelayMs, signal }), {
        status: 200,
        headers: { ...headers({ snapshot }), ...SSE_HEADERS, ...extra },
      }),
    admit: (prompt, answer, model) => {
      const tokens = approxTokens(prompt) + approxTokens(answer);
      const verdict = window.take(ctx.clock.now(), tokens, limits);
      if (verdict.ok) return verdict;
      const w = verdict.snapshot;
      const wait = formatResetDuration(verdict.waitMs);
      const vars: RenderVars =
        verdict.limit === 'requests'
          ? { model, limit: w.limitRequests, wait }
          : { model, limit: w.limitTokens, used: w.limitTokens - w.remainingTokens, requested: tokens, wait };
      const retryAfter = { 'retry-after': String(Math.ceil(verdict.waitMs / 1000)), ...(provider === 'anthropic' ? {} : { 'retry-after-ms': String(Math.ceil(verdict.waitMs)) }) };
      const fault = verdict.limit === 'requests' ? 'rate-limit-window' : 'token-rate-limit';
      return { ok: false, response: error(renderProviderError(provider, fault, vars), retryAfter, w) };
    },
  };
}

/** A JSON response (MSW's `HttpResponse`, so handlers stay idiomatic). */
function jsonResponse(status: number, body: unknown, headers: Record<string, string>): Response {
  return new HttpResponse(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Deterministic stand-in for server time: ~10 ms per generated token plus a little overhead. */
export function processingMsFor(content: string): number {
  return 120 + approxTokens(content) * 10;
}
