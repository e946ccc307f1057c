/**
 * Thrown (as a rejection) when the breaker refuses a call without running it.
 * Branded with `isBrokenCircuit: true` so classifiers need not rely on class
 * names (minified in production) or on message text — the lesson's demo tests
 * `"熔断器开启" in str(e)`, which breaks as soon as the wording changes.
 */
export class BrokenCircuitError extends Error {
  readonly isBrokenCircuit = true as const;
  override readonly name: string = 'BrokenCircuitError';
  /** Clock time (ms) at which the breaker will admit a probe; unset when unknown. */
  retryAt?: number;
  constructor(message = 'Circuit is open (熔断器开启): call rejected without reaching the upstream', retryAt?: number) {
    super(message);
    if (retryAt !== undefined) this.retryAt = retryAt;
  }
}

/** Thrown while the breaker is held open by `CircuitBreaker.isolate`. */
export class IsolatedCircuitError extends BrokenCircuitError {
  override readonly name: string = 'IsolatedCircuitError';
  constructor() {
    super('Circuit is isolated (熔断器被手动隔离): call rejected without reaching the upstream');
  }
}

/** True for {@link BrokenCircuitError} and subclasses, across realms and bundles (checks the brand). */
export const isBrokenCircuitError = (e: unknown): e is BrokenCircuitError =>
  typeof e === 'object' && e !== null && (e as { isBrokenCircuit?: unknown }).isBrokenCircuit === true;
