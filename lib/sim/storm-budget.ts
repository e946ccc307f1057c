import type { StormBudgetKind } from './storm-options';

/**
 * Per-client retry budgets (token buckets) for the storm model, in one typed
 * array so a thousand clients cost nothing per decision.
 *
 * Two variants, both starting full at `maxTokens` and never above it:
 *
 * - **`grpc`** — gRPC `retryThrottling` (proposal A6), exactly as lib/resilience/retry-budget.ts:
 *   every failed attempt costs 1 token (floor 0), every success earns `tokenRatio`;
 *   a retry is allowed only while tokens > maxTokens / 2. The failure is recorded
 *   first, so the decision after a failure sees the bucket already debited.
 *   Retries are free; failures pay.
 * - **`brooker`** — Brooker's "adaptive retries" ("Fixing retries with token buckets
 *   and circuit breakers", 2022): a success deposits `tokenRatio`; a failure costs
 *   nothing; a retry is allowed only if a whole token is in the bucket, and it
 *   takes that token. Retries pay; failures are free.
 *
 * Why both hold amplification near ×(1 + tokenRatio): tokens only come from
 * successes (`tokenRatio` each), and every retry is matched by one token spent
 * (`brooker`) or by one unfloored failure of a full token (`grpc`), so over any
 * run retries ≤ tokenRatio × successes + maxTokens per client. With 0.1 that is
 * "retries under 10% of requests", the Google SRE book's per-client budget.
 *
 * Tokens are kept in integer thousandths, as gRPC does, so ten successes at 0.1
 * make exactly one token.
 */
export class StormBudgets {
  private readonly milli: Int32Array;
  private readonly maxMilli: number;
  private readonly ratioMilli: number;
  private readonly grpc: boolean;

  /**
   * @param kind `grpc` or `brooker` (`none` is not a budget: do not construct one).
   * @param clients buckets, one per client.
   * @param maxTokens bucket size (gRPC's example: 10).
   * @param tokenRatio tokens per success (gRPC's example: 0.1).
   */
  constructor(kind: Exclude<StormBudgetKind, 'none'>, clients: number, maxTokens: number, tokenRatio: number) {
    this.grpc = kind === 'grpc';
    this.maxMilli = Math.round(maxTokens * 1000);
    this.ratioMilli = Math.round(tokenRatio * 1000);
    this.milli = new Int32Array(clients).fill(this.maxMilli);
  }

  /** Tokens in client `c`'s bucket. */
  tokens(c: number): number {
    return this.milli[c]! / 1000;
  }

  /** Mean tokens over all clients (for the chart). */
  meanTokens(): number {
    let sum = 0;
    for (let c = 0; c < this.milli.length; c++) sum += this.milli[c]!;
    return sum / this.milli.length / 1000;
  }

  /** An outer-layer attempt of client `c` succeeded. */
  onSuccess(c: number): void {
    const t = this.milli[c]! + this.ratioMilli;
    this.milli[c] = t > this.maxMilli ? this.maxMilli : t;
  }

  /** An outer-layer attempt of client `c` failed (error, timeout or rejection). Costs a token under gRPC only. */
  onFailure(c: number): void {
    if (!this.grpc) return;
    const t = this.milli[c]! - 1000;
    this.milli[c] = t < 0 ? 0 : t;
  }

  /** May client `c` retry now? Under Brooker's rule a yes also spends the token. Call after {@link onFailure}. */
  tryRetry(c: number): boolean {
    const t = this.milli[c]!;
    if (this.grpc) return t * 2 > this.maxMilli;
    if (t < 1000) return false;
    this.milli[c] = t - 1000;
    return true;
  }
}
