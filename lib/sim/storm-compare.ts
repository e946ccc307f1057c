import { simulateStorm, type StormRunResult } from './storm-model';
import type { StormOptions } from './storm-options';

/** The runs `--compare` puts side by side. */
export const STORM_CURES = ['as-given', 'grpc', 'brooker', 'breaker'] as const;
/** One of {@link STORM_CURES}. */
export type StormCure = (typeof STORM_CURES)[number];

/** One row of a comparison. */
export interface StormComparisonRow {
  cure: StormCure;
  result: StormRunResult;
}

/**
 * The same run (same seed, same arrivals, same coin flips) as given, then with
 * gRPC's budget, Brooker's budget and the retry breaker in place of whatever
 * budget or breaker it had: what each cure changes, and nothing else.
 */
export function compareStormCures(options: StormOptions): StormComparisonRow[] {
  const { budget: _budget, breaker: _breaker, ...bare } = options;
  const variants: Record<StormCure, StormOptions> = {
    'as-given': options,
    grpc: { ...bare, budget: { kind: 'grpc', maxTokens: options.budget?.maxTokens, tokenRatio: options.budget?.tokenRatio } },
    brooker: { ...bare, budget: { kind: 'brooker', maxTokens: options.budget?.maxTokens, tokenRatio: options.budget?.tokenRatio } },
    breaker: { ...bare, breaker: options.breaker ?? {} },
  };
  return STORM_CURES.map((cure) => ({ cure, result: simulateStorm(variants[cure]) }));
}
