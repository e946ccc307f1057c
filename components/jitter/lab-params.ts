/**
 * What the jitter lab's controls choose, and how that maps onto the simulator's
 * own options. Pure data and pure functions: the page, the Web Worker and the
 * tests all build their `runExperiment` / `sweepClients` options here, so the
 * three can never disagree.
 */
import { clampToLimits, SEED_LIMITS } from '@/components/lab/limits';
import {
  clientRange,
  isSimStrategyId,
  SIM_STRATEGY_IDS,
  type ExperimentOptions,
  type RetryBudgetOptions,
  type SimModel,
  type SimStrategyId,
  type SweepOptions,
} from '@/lib/sim';

/** Everything the controls set. Plain JSON, so it crosses to the worker as is. */
export interface LabParams {
  /** `occ`: Brooker's optimistic-concurrency row. `api`: a rate-limited LLM API answering 429. */
  model: SimModel;
  /** Clients in the herd, 10–200. Default 100 (the size Brooker's findings quote). */
  clients: number;
  /** Backoff base in ms, 1–100. Default 5 (Brooker). */
  baseMs: number;
  /** Backoff cap in ms, 100–10 000. Default 2000 (Brooker). */
  capMs: number;
  /** Runs averaged per strategy, 1–100. Default 20 (live view; Brooker averaged 100). */
  runs: number;
  /** Base seed: run r of every strategy uses `seed + r`, so both sides see the same herd. Default 1. */
  seed: number;
  /** `api` only: requests the server accepts per second, 5–200. Default 20. */
  capacity: number;
  /** `api` only: wait the server's Retry-After instead of backing off. Default false. */
  honorRetryAfter: boolean;
  /** `api` only: share {@link LAB_BUDGET} across the herd. Default false. */
  budget: boolean;
  /** The strategy drawn against {@link BASELINE_STRATEGY}. Default `full` (Brooker's winner). */
  strategy: SimStrategyId;
}

/** The left-hand side of the comparison: exponential backoff without jitter, Brooker's baseline. */
export const BASELINE_STRATEGY: SimStrategyId = 'exponential';

/** Strategies offered for the right-hand side (every one but the baseline). */
export const COMPARABLE_STRATEGIES: readonly SimStrategyId[] = SIM_STRATEGY_IDS.filter((id) => id !== BASELINE_STRATEGY);

/** Bounds (inclusive) and slider steps of the numeric controls. */
export const LAB_LIMITS = {
  clients: { min: 10, max: 200, step: 10 },
  baseMs: { min: 1, max: 100, step: 1 },
  capMs: { min: 100, max: 10_000, step: 100 },
  runs: { min: 1, max: 100, step: 1 },
  capacity: { min: 5, max: 200, step: 5 },
  seed: SEED_LIMITS,
} as const;

/** The page's starting point: Brooker's constants at 100 clients. */
export const DEFAULT_LAB_PARAMS: LabParams = {
  model: 'occ',
  clients: 100,
  baseMs: 5,
  capMs: 2000,
  runs: 20,
  seed: 1,
  capacity: 20,
  honorRetryAfter: false,
  budget: false,
  strategy: 'full',
};

/** The retry budget the toggle turns on: gRPC `retryThrottling`'s example, 10 tokens and a ratio of 0.1. */
export const LAB_BUDGET: RetryBudgetOptions = { maxTokens: 10, tokenRatio: 0.1 };

/** Herd sizes of the sweep charts: 10, 20, …, 200, as in Brooker's figures. */
export const SWEEP_CLIENT_COUNTS: readonly number[] = clientRange(10, 200, 10);

/** The sweep averages at most this many runs per point, so it finishes in a couple of seconds. */
export const SWEEP_MAX_RUNS = 20;

type NumericKey = keyof typeof LAB_LIMITS;

/**
 * Bring any (possibly hand-edited) params inside the limits: numbers are rounded
 * to integers and clamped, an unknown strategy or model falls back to the default.
 */
export function clampParams(p: LabParams): LabParams {
  const clamp = (key: NumericKey, v: number) => clampToLimits(v, LAB_LIMITS[key], DEFAULT_LAB_PARAMS[key]);
  return {
    model: p.model === 'api' ? 'api' : 'occ',
    clients: clamp('clients', p.clients),
    baseMs: clamp('baseMs', p.baseMs),
    capMs: clamp('capMs', p.capMs),
    runs: clamp('runs', p.runs),
    seed: clamp('seed', p.seed),
    capacity: clamp('capacity', p.capacity),
    honorRetryAfter: p.honorRetryAfter === true,
    budget: p.budget === true,
    strategy: isSimStrategyId(p.strategy) && p.strategy !== BASELINE_STRATEGY ? p.strategy : DEFAULT_LAB_PARAMS.strategy,
  };
}

/** The options both `runExperiment` and `sweepClients` share (no herd size, no strategies). */
function common(p: LabParams): Omit<ExperimentOptions, 'clients' | 'strategies'> {
  const base = { model: p.model, runs: p.runs, seed: p.seed, baseMs: p.baseMs, capMs: p.capMs, binMs: 100 };
  if (p.model === 'occ') return base;
  return { ...base, capacity: p.capacity, honorRetryAfter: p.honorRetryAfter, ...(p.budget ? { budget: { ...LAB_BUDGET } } : {}) };
}

/** `runExperiment` options for `strategies` at the chosen herd size. */
export function experimentOptions(p: LabParams, strategies: readonly SimStrategyId[]): ExperimentOptions {
  return { ...common(p), clients: p.clients, strategies: [...strategies] };
}

/** `sweepClients` options: every strategy, clients 10–200, at most {@link SWEEP_MAX_RUNS} runs per point. */
export function sweepOptions(p: LabParams, clientCounts: readonly number[] = SWEEP_CLIENT_COUNTS): SweepOptions {
  return { ...common(p), runs: Math.min(p.runs, SWEEP_MAX_RUNS), clientCounts: [...clientCounts], strategies: [...SIM_STRATEGY_IDS] };
}

/**
 * A string that changes exactly when the sweep's result would. The herd size and
 * the compared strategy are not in it (the sweep covers every size and every
 * strategy), so dragging the clients slider never restarts the slow sweep.
 */
export function sweepKey(p: LabParams): string {
  return JSON.stringify(sweepOptions(p));
}
