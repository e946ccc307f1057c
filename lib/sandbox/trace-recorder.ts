import type { AnswerSource, Layer, RequestRecord, TraceError, TraceStep } from '@/lib/contract';
import type { ErrorClassification } from '@/lib/resilience/classify';
import { redactSecrets } from './redact';

/**
 * One request's bookkeeping: the waterfall of steps shown in the inspector,
 * the primary's attempt count, and the last classified error. The layers and
 * the retry policy's events write into it; {@link finishRecord} turns it into
 * the record the dashboard charts.
 */
export interface RequestContext {
  id: number;
  trace: TraceStep[];
  /** Calls the primary made for this request, numbered across retries. */
  attempts: number;
  /** Calls that reached the primary's upstream, the SDK's hidden retries included. */
  upstreamCalls: number;
  lastError?: ErrorClassification;
  /** The breaker refused the primary (the lesson's "circuit_breaker_trips"). */
  rejectedByBreaker: boolean;
}

/** A fresh context for request `id`. */
export function newRequestContext(id: number): RequestContext {
  return { id, trace: [], attempts: 0, upstreamCalls: 0, rejectedByBreaker: false };
}

/** Longest upstream error message kept in a trace, in characters. */
const MAX_MESSAGE = 300;

/** A classified error as the trace shows it. The message is redacted: it may quote a key. */
export function traceError(c: ErrorClassification, error: unknown): TraceError {
  return {
    kind: c.kind,
    ...(c.status !== undefined ? { status: c.status } : {}),
    ...(c.code !== undefined ? { code: c.code } : {}),
    sdkClass: c.sdkClass,
    message: redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, MAX_MESSAGE),
    retryable: c.retryable,
    why: c.why,
  };
}

/** Which layer of the chain an answer's source belongs to. */
export function layerOf(source: AnswerSource): Layer {
  return source === 'api' ? 'primary' : source === 'local' ? 'local' : source === 'cache' ? 'cache' : 'canned';
}

/** Close the trace with its answer step and build the finished record. Times in sandbox ms. */
export function finishRecord(
  ctx: RequestContext,
  r: { message: string; source: AnswerSource; content: string; startedAt: number; endedAt: number; runId?: string },
): RequestRecord {
  ctx.trace.push({ type: 'answer', at: r.endedAt, layer: layerOf(r.source), source: r.source });
  return {
    id: ctx.id,
    message: r.message,
    source: r.source,
    content: r.content,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    latencyMs: r.endedAt - r.startedAt,
    attempts: ctx.attempts,
    // Without a hidden layer (or when it reported nothing), every attempt is one call.
    upstreamCalls: Math.max(ctx.upstreamCalls, ctx.attempts),
    trace: ctx.trace,
    ...(r.runId ? { runId: r.runId } : {}),
  };
}
