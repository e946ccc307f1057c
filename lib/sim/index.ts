/**
 * The thundering-herd simulator (Brooker, "Exponential Backoff And Jitter", AWS 2015).
 * Browser-safe: no Node imports here, so a Web Worker can run experiments.
 * The CLI lives in `./cli.ts` and is deliberately not exported.
 */
export { EventQueue } from './event-queue';
export { BROOKER_NETWORK, createNetworkDelay, createStandardNormal } from './normal';
export { clientRandom, deriveSeed, hashUniform, STORM_STREAM, STREAM, streamKey, uniformAt } from './seeds';
export {
  BROOKER_STRATEGY_IDS,
  createStrategy,
  isSimStrategyId,
  SIM_STRATEGY_IDS,
  strategyLabel,
  type SimStrategy,
  type SimStrategyId,
} from './strategies';
export { simulateOcc, type OccModelOptions, type OccRunResult } from './occ-model';
export { API_MODEL_DEFAULTS, simulateApi, type ApiModelOptions, type ApiRunResult } from './api-model';
export { SimRetryBudget, type RetryBudgetLike, type RetryBudgetOptions } from './budget';
export { percentileOfSorted, summarize, type SummaryStats } from './stats';
export {
  runExperiment,
  SIM_LIMITS,
  SIM_MODELS,
  validateExperimentOptions,
  type ExperimentOptions,
  type ExperimentResult,
  type SimModel,
  type StrategyResult,
} from './run';
export { clientRange, sweepClients, type SweepOptions, type SweepPoint, type SweepResult } from './sweep';
export { parseArgs, USAGE, type ParseResult, type SimCommand } from './cli-args';
export { alignColumns, formatExperimentTable, formatSweepTable } from './format-table';
export {
  resolveStormOptions,
  STORM_BACKOFF_IDS,
  STORM_BREAKER_DEFAULTS,
  STORM_BUDGET_KINDS,
  STORM_DEFAULTS,
  STORM_LIMITS,
  validateStormOptions,
  type ResolvedStormOptions,
  type StormBackoffId,
  type StormBreakerOptions,
  type StormBudgetKind,
  type StormBudgetOptions,
  type StormOptions,
  type StormTrigger,
} from './storm-options';
export { poissonCdf, simulateStorm, type StormRunResult, type StormTotals } from './storm-model';
export { type StormSeries } from './storm-series';
export { RECOVERED_SHARE, stormWindow, summarizeStorm, type StormSummary, type StormWindow } from './storm-summary';
export { StormBudgets } from './storm-budget';
export { StormRetryBreakers } from './storm-breaker';
export {
  budgetAmplificationBound,
  failedShare,
  layeredAmplification,
  layeredCalls,
  retryAmplification,
  sustainsStorm,
} from './storm-closed-form';
export { isStormPresetId, STORM_PRESET_IDS, STORM_PRESETS, type StormPresetId } from './storm-presets';
export { SWEEP_FAILURE_RATES, sweepFailureRates, type FailureRatePoint, type FailureRateSweepOptions } from './storm-sweep';
