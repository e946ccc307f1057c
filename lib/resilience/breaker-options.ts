import type { Clock } from './clock';

/** Options of a {@link CircuitBreaker}; every field has the default shown. */
export interface CircuitBreakerOptions {
  /** `'consecutive'` opens after N failures in a row; `'failure-rate'` on the failure ratio of the window. Default `'consecutive'`. */
  mode?: 'consecutive' | 'failure-rate';
  /** Consecutive mode: failures in a row that open the circuit. Default 5 (lesson §4.2). */
  failureThreshold?: number;
  /** Failure-rate mode: ratio in (0, 1] of failed calls in the window that opens it. Default 0.5. */
  failureRateThreshold?: number;
  /** Size of the sliding count window (calls). Default 10 (lesson's `window_size`). */
  windowSize?: number;
  /** Failure-rate mode: no decision before this many calls are in the window. Default 10, clamped to `windowSize`. */
  minimumCalls?: number;
  /** Probe successes needed in half-open to close. Default 1 (the demo's breaker); §4.2 uses 2. */
  successThreshold?: number;
  /** How long to stay open before half-open, in ms. Default 60 000 (lesson's `timeout=60`). */
  openMs?: number;
  /** Concurrent trial calls allowed while half-open. Default 1. */
  halfOpenMaxProbes?: number;
  /** Which errors count as failures. Default: all. Others are rethrown without being recorded. */
  isFailure?: (error: unknown) => boolean;
  /** Time source. Default {@link systemClock}. Fixed for the breaker's life (its timestamps are on it). */
  clock?: Clock;
}

/** What {@link CircuitBreaker.reconfigure} may change: everything but the clock. */
export type BreakerReconfigureOptions = Omit<CircuitBreakerOptions, 'clock'>;

/** The resolved numeric options, exposed for the dashboard. */
export type ResolvedBreakerOptions = Readonly<Required<Omit<CircuitBreakerOptions, 'clock' | 'isFailure'>>>;

/** Fill in the defaults and validate; throws a `RangeError` naming the first bad option. */
export function resolveBreakerOptions(o: CircuitBreakerOptions): ResolvedBreakerOptions {
  const windowSize = o.windowSize ?? 10;
  const r = {
    mode: o.mode ?? 'consecutive',
    failureThreshold: o.failureThreshold ?? 5,
    failureRateThreshold: o.failureRateThreshold ?? 0.5,
    windowSize,
    minimumCalls: Math.min(o.minimumCalls ?? 10, windowSize),
    successThreshold: o.successThreshold ?? 1,
    openMs: o.openMs ?? 60_000,
    halfOpenMaxProbes: o.halfOpenMaxProbes ?? 1,
  } as const;
  if (r.mode !== 'consecutive' && r.mode !== 'failure-rate') throw new RangeError(`CircuitBreaker: unknown mode '${String(r.mode)}'`);
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`CircuitBreaker: ${name} must be an integer ≥ 1 (got ${v})`);
  };
  positiveInt('failureThreshold', r.failureThreshold);
  positiveInt('windowSize', r.windowSize);
  positiveInt('minimumCalls', r.minimumCalls);
  positiveInt('successThreshold', r.successThreshold);
  positiveInt('halfOpenMaxProbes', r.halfOpenMaxProbes);
  if (!(r.failureRateThreshold > 0 && r.failureRateThreshold <= 1))
    throw new RangeError(`CircuitBreaker: failureRateThreshold must be in (0, 1] (got ${r.failureRateThreshold})`);
  if (!(r.openMs >= 0)) throw new RangeError(`CircuitBreaker: openMs must be ≥ 0 (got ${r.openMs})`);
  return r;
}
