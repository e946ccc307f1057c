/**
 * A retry budget: gRPC's `retryThrottling` token bucket.
 *
 * Backoff spreads retries out in time but never reduces how many there are.
 * Against many independent clients that keep sending, only a limit on retries
 * reduces the work (Brooker, "What is backoff for?", 2022). The Google SRE book
 * keeps retries under ~10% of requests per client; this bucket does the same:
 *
 * - the bucket starts full at `maxTokens`;
 * - every failed attempt costs 1 token (never below 0);
 * - every success earns `tokenRatio` tokens (never above `maxTokens`);
 * - retries are allowed only while tokens > maxTokens / 2.
 *
 * Share one budget per client (per upstream), not per request.
 * See https://github.com/grpc/proposal/blob/master/A6-client-retries.md
 */

/** Options of {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Bucket size; the bucket starts full. Default 10 (gRPC's example). Must be > 0. */
  maxTokens?: number;
  /** Tokens a success earns back. Default 0.1 (gRPC's example), i.e. about one retry per ten successes. Must be ≥ 0. */
  tokenRatio?: number;
}

/** A plain snapshot for charts and JSON. */
export interface RetryBudgetSnapshot {
  tokens: number;
  maxTokens: number;
  tokenRatio: number;
}

/**
 * Tokens are kept in integer thousandths, as gRPC does, so adding 0.1 ten
 * times gives exactly 1 and the bucket never drifts by float error.
 */
const SCALE = 1000;

/** gRPC-style token bucket that decides whether a retry may be sent at all. */
export class RetryBudget {
  readonly maxTokens: number;
  readonly tokenRatio: number;
  private readonly maxMilli: number;
  private readonly ratioMilli: number;
  private readonly thresholdMilli: number;
  private milli: number;

  constructor(options: RetryBudgetOptions = {}) {
    const maxTokens = options.maxTokens ?? 10;
    const tokenRatio = options.tokenRatio ?? 0.1;
    if (!(maxTokens > 0) || !Number.isFinite(maxTokens)) throw new RangeError(`maxTokens must be a finite number > 0, got ${maxTokens}`);
    if (!(tokenRatio >= 0) || !Number.isFinite(tokenRatio)) throw new RangeError(`tokenRatio must be a finite number ≥ 0, got ${tokenRatio}`);
    this.maxTokens = maxTokens;
    this.tokenRatio = tokenRatio;
    this.maxMilli = Math.floor(maxTokens * SCALE);
    this.ratioMilli = Math.round(tokenRatio * SCALE);
    this.thresholdMilli = this.maxMilli / 2;
    this.milli = this.maxMilli;
  }

  /** Current tokens, in [0, maxTokens]. */
  get tokens(): number {
    return this.milli / SCALE;
  }

  /** May a retry be sent now? True while tokens > maxTokens / 2. */
  canRetry(): boolean {
    return this.milli > this.thresholdMilli;
  }

  /** A retryable attempt failed: −1 token, floor 0. */
  recordFailure(): void {
    this.milli = Math.max(0, this.milli - SCALE);
  }

  /** An attempt succeeded: +tokenRatio, capped at maxTokens. */
  recordSuccess(): void {
    this.milli = Math.min(this.maxMilli, this.milli + this.ratioMilli);
  }

  /** Refill the bucket. */
  reset(): void {
    this.milli = this.maxMilli;
  }

  /** A plain copy of the state. */
  snapshot(): RetryBudgetSnapshot {
    return { tokens: this.tokens, maxTokens: this.maxTokens, tokenRatio: this.tokenRatio };
  }

  toJSON(): RetryBudgetSnapshot {
    return this.snapshot();
  }
}
