/** What the API model needs from a retry budget. `RetryBudget` in lib/resilience fits it too. */
export interface RetryBudgetLike {
  /** May the caller retry now? */
  canRetry(): boolean;
  /** Record a failed attempt (a 429). */
  recordFailure(): void;
  /** Record a successful attempt. */
  recordSuccess(): void;
}

/** gRPC `retryThrottling` parameters. JSON-serialisable, so an experiment can carry them. */
export interface RetryBudgetOptions {
  /** Bucket size; the bucket starts full. gRPC's example: 10. */
  maxTokens: number;
  /** Tokens a success earns back. gRPC's example: 0.1. */
  tokenRatio: number;
}

/**
 * A tiny gRPC-style retry budget (token bucket) for the simulator.
 *
 * Every failure costs one token, every success earns `tokenRatio`, and retries stop
 * while tokens ≤ maxTokens / 2. With a ratio of 0.1, retries stay near 10% of
 * successes once the bucket has drained: it limits the *work*, which backoff alone
 * cannot do against a herd (Brooker, "What is backoff for?", 2022).
 *
 * Written here so the simulator has no dependency on work in progress; it follows the
 * same `canRetry / recordFailure / recordSuccess` shape as lib/resilience's budget.
 */
export class SimRetryBudget implements RetryBudgetLike {
  private tokens: number;

  constructor(private readonly options: RetryBudgetOptions) {
    this.tokens = options.maxTokens;
  }

  /** Current token count (for tests and charts). */
  get available(): number {
    return this.tokens;
  }

  canRetry(): boolean {
    return this.tokens > this.options.maxTokens / 2;
  }

  recordFailure(): void {
    this.tokens = Math.max(0, this.tokens - 1);
  }

  recordSuccess(): void {
    this.tokens = Math.min(this.options.maxTokens, this.tokens + this.options.tokenRatio);
  }
}
