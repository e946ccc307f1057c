/**
 * The thundering-herd simulator (Brooker, "Exponential Backoff And Jitter", AWS 2015).
 * Browser-safe: no Node imports here, so a Web Worker can run experiments.
 * The CLI lives in `./cli.ts` and is deliberately not exported.
 */
export { EventQueue } from './event-queue';
export { BROOKER_NETWORK, createNetworkDelay, createStandardNormal } from './normal';
export { clientRandom, deriveSeed, STREAM } from './seeds';
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
