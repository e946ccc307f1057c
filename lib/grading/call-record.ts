import type { ClientCallKind } from '@/lib/contract';

/**
 * One call as the recorder keeps it while it happens: mutable, because its
 * answer, its body and the client's disconnect arrive after it does. The
 * report reads these; the wire sees {@link ClientCallView}s made from them.
 */
export interface CallRecord {
  /** Arrival order, from 1. */
  seq: number;
  /** Arrival, ms since the record started. */
  at: number;
  answeredAt: number | null;
  endedAt: number | null;
  method: string;
  path: string;
  fault: string | null;
  status: number | null;
  errorCode: string | null;
  sentHeaders: Record<string, string>;
  retryAfterMs: number | null;
  stream: boolean;
  body: 'complete' | 'cut' | 'abandoned' | 'pending';
  /** Response body bytes delivered to the client. */
  bytes: number;
  /** The client disconnected before the answer was complete. */
  clientLeft: boolean;
  hints: { retryCount: number | null; userAgent: string | null; idempotencyKey: string | null; requestId: string | null };
  logical: number;
  attempt: number;
  groupedBy: 'idempotency-key' | 'x-request-id' | 'body';
  question: string;
  /** First characters of each assistant message the request quoted (to spot a partial answer taken as final). */
  assistantPrefixes: string[];
  /** Text a streamed answer delivered, shortened. */
  streamedText: string;
  examScene: string | null;
}

/** Statuses that never get better by retrying (the lesson's §1.2 list, plus 413). */
export const PERMANENT_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 413, 422]);

/** Error codes that mean "out of money": OpenAI, DeepSeek, Qwen and Anthropic spellings. */
export const QUOTA_CODES: ReadonlySet<string> = new Set(['insufficient_quota', 'insufficient_balance', 'billing_error', 'Arrearage', 'AllocationQuota', 'Throttling.AllocationQuota']);

/** Faults that break a stream after a 200: cut, truncated (no `[DONE]`), or an error event. */
export const BROKEN_STREAM_FAULTS: ReadonlySet<string> = new Set(['stream-cut', 'stream-no-done', 'stream-error-event']);

/** The class of an HTTP error status: quota, permanent, retryable (408, 409, 429, 5xx) or other. */
export function statusKind(status: number, code: string | null): 'quota' | 'permanent' | 'retryable' | 'other-error' {
  if (status === 402 || (code !== null && QUOTA_CODES.has(code))) return 'quota';
  if (PERMANENT_STATUSES.has(status)) return 'permanent';
  if (status === 408 || status === 409 || status === 429 || status >= 500) return 'retryable';
  return 'other-error';
}

/** What a call turned out to be, so far (see {@link ClientCallKind}). */
export function callKind(r: CallRecord): ClientCallKind {
  if (r.clientLeft) return 'client-left';
  if (r.answeredAt === null || r.status === null) return 'pending';
  if (r.status >= 400) return statusKind(r.status, r.errorCode);
  if (r.status < 200 || r.status >= 300) return 'other-error';
  if (r.body === 'cut') return r.bytes === 0 ? 'reset' : 'broken-stream';
  if (r.stream && r.fault !== null && BROKEN_STREAM_FAULTS.has(r.fault)) return 'broken-stream';
  if (r.body === 'pending') return 'pending';
  return 'ok';
}

/** True for a finished call that did not deliver an answer. */
export const isFailure = (kind: ClientCallKind): boolean => kind !== 'ok' && kind !== 'pending';

/**
 * When the client was free to act on this call's outcome: the moment an error
 * status was handed over (its wait for Retry-After starts there), else when the
 * exchange ended (a body read or cut, or the client leaving). `null` while it runs.
 */
export function releasedAt(r: CallRecord): number | null {
  if (r.clientLeft) return r.endedAt;
  if (r.status !== null && r.status >= 400) return r.answeredAt;
  return r.endedAt ?? (r.body === 'pending' ? null : r.answeredAt);
}
