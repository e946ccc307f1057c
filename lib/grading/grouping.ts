import { callKind, releasedAt, type CallRecord } from './call-record';

/**
 * Which calls are one logical request: the first attempt and its retries.
 *
 * - An explicit `Idempotency-Key` or `X-Request-Id` chosen by the client ties
 *   calls together (the openai SDKs' own `stainless-…` keys are per SDK call, so
 *   they do not count: a retry loop around the SDK makes a new one each time).
 * - Otherwise the same body from the same client is the same request, when it
 *   comes back within the window after the previous attempt ended and that
 *   attempt did not succeed (nobody retries a success; asking again after one is
 *   a new request).
 *
 * Decided on arrival, so the exam can pick a call's fault before it is answered.
 */

/** How a call is keyed, from its headers and body. */
export interface GroupKey {
  by: CallRecord['groupedBy'];
  /** The explicit header's value, or a fingerprint of (method, path, client key, body). */
  value: string;
}

/** The key of a call: an explicit header when the client chose one, else its body fingerprint. */
export function groupKeyOf(hints: CallRecord['hints'], bodyFingerprint: string): GroupKey {
  const explicit = (v: string | null) => v !== null && v !== '' && !v.startsWith('stainless-');
  if (explicit(hints.idempotencyKey)) return { by: 'idempotency-key', value: `idem:${hints.idempotencyKey}` };
  if (explicit(hints.requestId)) return { by: 'x-request-id', value: `rid:${hints.requestId}` };
  return { by: 'body', value: `body:${bodyFingerprint}` };
}

interface OpenGroup {
  id: number;
  attempts: number;
  last: CallRecord;
}

/** Assigns logical request ids and attempt numbers, call by call. */
export class LogicalGrouper {
  private readonly open = new Map<string, OpenGroup>();
  private nextId = 1;

  /**
   * @param windowMs longest quiet gap inside one logical request, ms (see `GradingThresholds.groupWindowMs`).
   * @param maxGroups most groups remembered at once; the least recently used go first. Default 1000.
   */
  constructor(
    private readonly windowMs: number,
    private readonly maxGroups = 1000,
  ) {}

  /** Set `record.logical`, `record.attempt` and `record.groupedBy`; returns true when it starts a new logical request. */
  assign(record: CallRecord, key: GroupKey): boolean {
    const group = this.open.get(key.value);
    record.groupedBy = key.by;
    if (group && this.continues(group.last, record.at, key.by)) {
      group.attempts++;
      group.last = record;
      record.logical = group.id;
      record.attempt = group.attempts;
      this.open.delete(key.value); // re-insert: Map order is recency order
      this.open.set(key.value, group);
      return false;
    }
    const created: OpenGroup = { id: this.nextId++, attempts: 1, last: record };
    record.logical = created.id;
    record.attempt = 1;
    this.open.delete(key.value);
    this.open.set(key.value, created);
    while (this.open.size > this.maxGroups) this.open.delete(this.open.keys().next().value!);
    return true;
  }

  /** Forget everything; ids start at 1 again. */
  clear(): void {
    this.open.clear();
    this.nextId = 1;
  }

  private continues(last: CallRecord, at: number, by: GroupKey['by']): boolean {
    const since = releasedAt(last) ?? last.at;
    if (at - since > this.windowMs) return false;
    // An explicit key says "same request" even after a success (a duplicate); a body does not.
    return by !== 'body' || callKind(last) !== 'ok';
  }
}
