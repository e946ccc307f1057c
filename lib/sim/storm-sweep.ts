import { simulateStorm } from './storm-model';
import type { StormBudgetKind, StormOptions } from './storm-options';

/** One failure rate of {@link sweepFailureRates}: calls per request under each budget. */
export interface FailureRatePoint {
  /** Failure probability of one attempt. */
  p: number;
  /** Simulated calls per request, by budget kind. */
  amplification: Record<StormBudgetKind, number>;
  /** Share of requests answered, by budget kind. */
  answered: Record<StormBudgetKind, number>;
}

/** Options of {@link sweepFailureRates}. */
export interface FailureRateSweepOptions {
  /** Attempts per layer, layers, seed, rate… (capacity, trigger and duration are set by the sweep). */
  base?: StormOptions;
  /** Failure rates to run. Default 0, 0.05, 0.1, 0.2, …, 1. */
  ps?: readonly number[];
  /** Simulated seconds per point. Default 60 (60 000 requests at 1000/s). */
  durationS?: number;
}

/** Default failure rates: dense where the budget starts to bind (around 10%). */
export const SWEEP_FAILURE_RATES: readonly number[] = [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * Calls per request against the failure rate, with no budget, gRPC's and
 * Brooker's, on an ample server (independent failures, no dip) — the chart that
 * shows retries multiplying without a budget and staying near ×1.1 with one.
 * Each point reuses the same seed, so the curves differ only by the budget.
 */
export function sweepFailureRates(options: FailureRateSweepOptions = {}): FailureRatePoint[] {
  const ps = options.ps ?? SWEEP_FAILURE_RATES;
  const kinds: StormBudgetKind[] = ['none', 'grpc', 'brooker'];
  const { trigger: _trigger, breaker: _breaker, ...base } = options.base ?? {};
  return ps.map((p) => {
    const amplification = {} as Record<StormBudgetKind, number>;
    const answered = {} as Record<StormBudgetKind, number>;
    for (const kind of kinds) {
      const r = simulateStorm({
        ...base,
        capacity: 100_000,
        durationS: options.durationS ?? 60,
        failureRate: p,
        budget: { ...base.budget, kind },
      });
      amplification[kind] = r.amplification;
      answered[kind] = r.totals.requests === 0 ? 0 : r.totals.succeeded / r.totals.requests;
    }
    return { p, amplification, answered };
  });
}
