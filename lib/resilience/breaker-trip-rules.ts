/**
 * When a closed breaker opens: its memory of recent results, and the two trip
 * rules of lesson 19 §4 that read it. The state machine (circuit-breaker.ts)
 * records results here and asks the rule; it never counts by itself.
 *
 * Both counters are kept in both modes, so switching mode with
 * `reconfigure` keeps what the breaker has seen, and the dashboard can show
 * the failure run and the window whichever rule is in charge.
 */

/** Why a rule wants the circuit open, in both languages. */
export interface TripVerdict {
  code: 'failure-threshold' | 'failure-rate';
  zh: string;
  en: string;
}

/**
 * What a closed breaker remembers: the current run of failures and a sliding
 * window of the last `size` results. The window is a ring buffer, so recording
 * never allocates.
 */
export class ClosedRecord {
  /** Failures in a row since the last success. */
  consecutiveFailures = 0;
  private ring: Uint8Array;
  private head = 0;
  private filled = 0;
  private failed = 0;

  /** @param size window length in calls (integer ≥ 1). */
  constructor(size: number) {
    this.ring = new Uint8Array(size);
  }

  /** Count one result: `true` = success. */
  record(success: boolean): void {
    this.consecutiveFailures = success ? 0 : this.consecutiveFailures + 1;
    const i = this.head;
    if (this.filled === this.ring.length) {
      if (this.ring[i] === 0) this.failed--;
    } else this.filled++;
    this.ring[i] = success ? 1 : 0;
    if (!success) this.failed++;
    this.head = i + 1 === this.ring.length ? 0 : i + 1;
  }

  /** Results in the window (≤ size). */
  get count(): number {
    return this.filled;
  }

  /** Failures in the window. */
  get failures(): number {
    return this.failed;
  }

  /** Window length in calls. */
  get size(): number {
    return this.ring.length;
  }

  /** The window's results, oldest first, `true` = success. */
  results(): boolean[] {
    const out: boolean[] = [];
    const n = this.ring.length;
    for (let k = 0, j = (this.head - this.filled + n) % n; k < this.filled; k++, j = (j + 1) % n) out.push(this.ring[j] === 1);
    return out;
  }

  /** Change the window length, keeping the newest results that fit. The failure run is kept as is. */
  resize(size: number): void {
    if (size === this.ring.length) return;
    const kept = this.results().slice(-size);
    this.ring = new Uint8Array(size);
    this.head = this.filled = this.failed = 0;
    const run = this.consecutiveFailures;
    for (const ok of kept) this.record(ok);
    this.consecutiveFailures = run;
  }

  /** Forget everything (on closing). */
  clear(): void {
    this.consecutiveFailures = 0;
    this.head = this.filled = this.failed = 0;
  }
}

/** A trip rule: given what the breaker remembers, why it must open now, or `undefined`. */
export interface TripRule {
  readonly mode: 'consecutive' | 'failure-rate';
  shouldTrip(record: ClosedRecord): TripVerdict | undefined;
}

/** Opens after `failureThreshold` failures in a row (lesson §4.2's reading, and cockatiel's `ConsecutiveBreaker`). */
export function consecutiveRule(failureThreshold: number): TripRule {
  return {
    mode: 'consecutive',
    shouldTrip: ({ consecutiveFailures: n }) =>
      n >= failureThreshold
        ? { code: 'failure-threshold', zh: `连续失败 ${n} 次 ≥ 阈值 ${failureThreshold}`, en: `${n} consecutive failures ≥ threshold ${failureThreshold}` }
        : undefined,
  };
}

/**
 * Opens when at least `minimumCalls` results are in the window and the failed share
 * reaches `failureRateThreshold` (0–1), as resilience4j's count-based window does.
 */
export function failureRateRule(failureRateThreshold: number, minimumCalls: number): TripRule {
  const limit = `${Math.round(failureRateThreshold * 100)}%`;
  return {
    mode: 'failure-rate',
    shouldTrip: ({ count, failures }) => {
      if (count < minimumCalls || failures / count < failureRateThreshold) return undefined;
      const pct = `${Math.round((failures / count) * 100)}%`;
      return { code: 'failure-rate', zh: `最近 ${count} 次调用失败 ${failures} 次（${pct}）≥ ${limit}`, en: `${failures}/${count} recent calls failed (${pct}) ≥ ${limit}` };
    },
  };
}

/** The rule a breaker's resolved options select. */
export function tripRuleFor(o: { mode: 'consecutive' | 'failure-rate'; failureThreshold: number; failureRateThreshold: number; minimumCalls: number }): TripRule {
  return o.mode === 'consecutive' ? consecutiveRule(o.failureThreshold) : failureRateRule(o.failureRateThreshold, o.minimumCalls);
}
