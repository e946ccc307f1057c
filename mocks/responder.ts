import { HttpResponse } from 'msw';
import type { Clock } from '@/lib/resilience/clock';
import type { Random } from '@/lib/resilience/random';
import type { ChatRequest } from './chat-request';
import {
  approxTokens,
  createIdSource,
  errorBody,
  standardHeaders,
  type CompletionParts,
  type IdSource,
  type OpenAIErrorObject,
} from './openai-shapes';
import { SSE_HEADERS, sseStream, type StreamEnding } from './sse';

/**
 * What every mock handler (healthy or faulty) needs: injected time and
 * randomness, the model's identity, and how to answer. One context is shared
 * by all handlers of a session, so ids and rate-limit counters run on.
 */
export interface UpstreamContext {
  /** Sandbox clock: latency, stream gaps and rate-limit windows run on it. */
  clock: Clock;
  /** Seeded randomness: `createUpstream` draws from it only for `probability` rules. */
  random: Random;
  /** The model this upstream serves; echoed in responses and in `GET /models`. */
  model: string;
  /** Deterministic answer to the last user message. */
  answer: (question: string) => string;
  /** Wall clock in epoch ms for `created` and HTTP-date headers. Default `Date.now`. */
  now?: () => number;
  /** Id source shared by all handlers. Default: a fresh `createIdSource(0)` (never draws from `random`). */
  ids?: IdSource;
  /** Request counter behind the `x-ratelimit-*` headers. Default: a fresh meter of 500 requests/min. */
  meter?: RequestMeter;
  /** Gap between streamed chunks in ms on `clock`. Default 0 (the whole stream at once). */
  streamChunkDelayMs?: number;
}

/** Counts requests per fixed 60 s window of sandbox time, for the `x-ratelimit-*` headers. */
export interface RequestMeter {
  readonly limit: number;
  /** Count one request at `now` (sandbox ms); returns what is left and when the window resets (ms). */
  take(now: number): { remaining: number; resetMs: number };
}

/** @param limitPerMinute requests per minute advertised in `x-ratelimit-limit-requests`. Default 500. */
export function createRequestMeter(limitPerMinute = 500): RequestMeter {
  let window = -1;
  let used = 0;
  return {
    limit: limitPerMinute,
    take(now) {
      const w = Math.floor(now / 60_000);
      if (w !== window) [window, used] = [w, 0];
      used++;
      return { remaining: Math.max(0, limitPerMinute - used), resetMs: (w + 1) * 60_000 - now };
    },
  };
}

/** Response builders bound to one context: every response carries the standard OpenAI headers. */
export interface Responder {
  readonly ids: IdSource;
  /** Unix seconds from the wall clock, for `created`. */
  created(): number;
  /** Standard headers for one response; counts the request on the meter. */
  headers(o?: { processingMs?: number; remaining?: number; resetMs?: number }): Record<string, string>;
  json(status: number, body: unknown, extra?: Record<string, string>): Response;
  error(status: number, error: OpenAIErrorObject, extra?: Record<string, string>): Response;
  sse(events: readonly string[], ending: StreamEnding, signal: AbortSignal, extra?: Record<string, string>): Response;
  /** Id, time, model, answer and prompt of a completion for `req`. */
  completionParts(req: ChatRequest): CompletionParts;
}

/** Build a {@link Responder}, filling the context's defaults once. */
export function createResponder(ctx: UpstreamContext): Responder {
  const ids = ctx.ids ?? createIdSource();
  const meter = ctx.meter ?? createRequestMeter();
  const now = ctx.now ?? Date.now;
  const headers: Responder['headers'] = (o = {}) => {
    const counted = meter.take(ctx.clock.now());
    return standardHeaders({
      requestId: ids.request(),
      processingMs: o.processingMs ?? 5,
      limitRequests: meter.limit,
      remainingRequests: o.remaining ?? counted.remaining,
      resetRequestsMs: o.resetMs ?? counted.resetMs,
    });
  };
  return {
    ids,
    created: () => Math.floor(now() / 1000),
    headers,
    json: (status, body, extra) => jsonResponse(status, body, { ...headers(), ...extra }),
    error: (status, error, extra) => jsonResponse(status, errorBody(error), { ...headers(), ...extra }),
    sse: (events, ending, signal, extra) =>
      new HttpResponse(
        sseStream({ events, ending, clock: ctx.clock, delayMs: ctx.streamChunkDelayMs, signal }),
        { status: 200, headers: { ...headers(), ...SSE_HEADERS, ...extra } },
      ),
    completionParts: (req) => {
      const content = ctx.answer(req.question);
      return { id: ids.completion(), created: Math.floor(now() / 1000), model: ctx.model, content, prompt: req.prompt };
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
