/**
 * A retry circuit breaker per client (Brooker, "Fixing retries with token
 * buckets and circuit breakers", 2022): first tries always go out, whatever the
 * failure rate; only *retries* stop while recent attempts mostly fail.
 *
 * Why only retries? A client-side breaker that also blocks first tries turns a
 * partial outage into a full one for that client. Blocking only retries removes
 * exactly the extra load retries add, and the first tries keep sampling the
 * server, so the breaker closes by itself once they succeed again — it needs no
 * half-open state or probe timer.
 *
 * "Recent" is a rolling time window of `slots` equal slots (10, as Hystrix and
 * opossum keep theirs). Each client's counts are updated in O(1): moving to a
 * new slot clears only the slots that expired.
 */
export class StormRetryBreakers {
  private readonly slots: number;
  private readonly slotMs: number;
  private readonly fails: Int32Array;
  private readonly totals: Int32Array;
  private readonly sumFails: Int32Array;
  private readonly sumTotals: Int32Array;
  /** Index (time / slotMs) of each client's newest slot. */
  private readonly current: Float64Array;

  /**
   * @param clients one breaker per client.
   * @param threshold stop retrying while failures / attempts ≥ this (0–1).
   * @param windowMs length of the rolling window in ms.
   * @param minSamples below this many attempts in the window, retries are allowed.
   * @param slots slots in the window. Default 10.
   */
  constructor(
    clients: number,
    private readonly threshold: number,
    windowMs: number,
    private readonly minSamples: number,
    slots = 10,
  ) {
    this.slots = slots;
    this.slotMs = windowMs / slots;
    this.fails = new Int32Array(clients * slots);
    this.totals = new Int32Array(clients * slots);
    this.sumFails = new Int32Array(clients);
    this.sumTotals = new Int32Array(clients);
    this.current = new Float64Array(clients);
  }

  /** Move client `c`'s window to `nowMs`, forgetting slots that fell out of it. */
  private advance(c: number, nowMs: number): void {
    const slot = Math.floor(nowMs / this.slotMs);
    let cur = this.current[c]!;
    if (slot <= cur) return;
    const base = c * this.slots;
    if (slot - cur >= this.slots) {
      this.fails.fill(0, base, base + this.slots);
      this.totals.fill(0, base, base + this.slots);
      this.sumFails[c] = 0;
      this.sumTotals[c] = 0;
    } else {
      while (cur < slot) {
        cur++;
        const i = base + (cur % this.slots);
        this.sumFails[c]! -= this.fails[i]!;
        this.sumTotals[c]! -= this.totals[i]!;
        this.fails[i] = 0;
        this.totals[i] = 0;
      }
    }
    this.current[c] = slot;
  }

  /** Record the outcome of one of client `c`'s outer-layer attempts at `nowMs`. */
  record(c: number, nowMs: number, failed: boolean): void {
    this.advance(c, nowMs);
    const i = c * this.slots + (this.current[c]! % this.slots);
    this.totals[i]!++;
    this.sumTotals[c]!++;
    if (failed) {
      this.fails[i]!++;
      this.sumFails[c]!++;
    }
  }

  /** Is client `c`'s breaker open (retries stopped) at `nowMs`? */
  isOpen(c: number, nowMs: number): boolean {
    this.advance(c, nowMs);
    const total = this.sumTotals[c]!;
    return total >= this.minSamples && this.sumFails[c]! >= this.threshold * total;
  }

  /** Failure ratio in client `c`'s window at `nowMs` (0 when empty). */
  failureRatio(c: number, nowMs: number): number {
    this.advance(c, nowMs);
    const total = this.sumTotals[c]!;
    return total === 0 ? 0 : this.sumFails[c]! / total;
  }

  /** Fraction of clients whose breaker is open at `nowMs` (for the chart). */
  openFraction(nowMs: number): number {
    const n = this.sumTotals.length;
    let open = 0;
    for (let c = 0; c < n; c++) if (this.isOpen(c, nowMs)) open++;
    return open / n;
  }
}
