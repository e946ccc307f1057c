/**
 * The closed forms the storm model must reproduce (its tests check them).
 * Plain arithmetic, so the page can print the formula's value beside the
 * simulated one.
 */

/**
 * Expected calls per request with `calls` total attempts when each fails
 * independently with probability `p`: 1 + p + p² + … + p^(calls−1).
 * At p = 0.5 and 4 attempts: 1.875. At p = 1: `calls`.
 */
export function retryAmplification(p: number, calls: number): number {
  if (p >= 1) return calls;
  return (1 - p ** calls) / (1 - p);
}

/**
 * The most calls a request can make through `layers` stacked retry loops of
 * `attempts` attempts each: attempts^layers (the app's 3 over the SDK's 3 = 9).
 */
export function layeredCalls(attempts: number, layers: number): number {
  return attempts ** layers;
}

/**
 * Expected calls per request through stacked layers with independent failures:
 * the layers act like one loop of attempts^layers calls.
 */
export function layeredAmplification(p: number, attempts: number, layers: number): number {
  return retryAmplification(p, layeredCalls(attempts, layers));
}

/** Share of requests that fail after all `calls` attempts: p^calls. */
export function failedShare(p: number, calls: number): number {
  return p ** calls;
}

/**
 * The ceiling a token-bucket budget puts on amplification, for either variant:
 * retries ≤ tokenRatio × successes + maxTokens per client, and successes ≤
 * requests, so calls per request ≤ 1 + tokenRatio + clients × maxTokens / requests.
 * With gRPC's 10 and 0.1 and many requests: ×1.1.
 */
export function budgetAmplificationBound(requests: number, tokenRatio: number, maxTokens: number, clients = 1): number {
  if (requests <= 0) return Infinity;
  return 1 + tokenRatio + (clients * maxTokens) / requests;
}

/**
 * Is a server of `capacity` stuck once every attempt times out? Then each
 * request makes all its calls, so arrivals are `rate × calls`: above capacity
 * the queue can only grow, and the overload sustains itself (metastable).
 */
export function sustainsStorm(rate: number, calls: number, capacity: number): boolean {
  return rate * calls > capacity;
}
