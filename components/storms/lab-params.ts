/**
 * What the storm lab's controls choose, and how that maps onto the model's own
 * options. Pure data and pure functions: the page, the Web Worker and the tests
 * all build their `simulateStorm` options here, so they can never disagree.
 */
import { clampToLimits, SEED_LIMITS } from '@/components/lab/limits';
import {
  STORM_PRESET_IDS,
  STORM_PRESETS,
  resolveStormOptions,
  type StormBackoffId,
  type StormBudgetKind,
  type StormOptions,
  type StormPresetId,
} from '@/lib/sim';

/** Everything the controls set. Plain JSON, so it crosses to the worker as is. */
export interface StormLabParams {
  /** First tries per second. */
  rate: number;
  /** Requests per second the server completes (ignored while `ample`). */
  capacity: number;
  /** Unlimited capacity: the server never queues, so failures are independent of load. */
  ample: boolean;
  /** Probability that the server fails an attempt, 0–1. */
  failureRate: number;
  /** Client timeout per attempt, ms. */
  timeoutMs: number;
  /** Attempts per layer, first try included. */
  attempts: number;
  /** Retry layers stacked (app over SDK = 2). */
  layers: number;
  backoff: StormBackoffId;
  /** Backoff base in ms (the cap is the lesson's 60 s). */
  baseMs: number;
  budget: StormBudgetKind;
  /** The retry circuit breaker (Brooker's: retries only). */
  breaker: boolean;
  /** The capacity dip. */
  dip: boolean;
  dipAtS: number;
  dipForS: number;
  /** Capacity left during the dip, in % of normal. */
  dipCapacityPct: number;
  seed: number;
}

/** Capacity used for `ample` (as in the presets). */
export const AMPLE_CAPACITY = 100_000;
/** Simulated seconds per run. */
export const LAB_DURATION_S = 300;
/** The backoff cap: the lesson's `max_delay=60`. */
export const LAB_CAP_MS = 60_000;

/** Bounds (inclusive) and slider steps of the numeric controls. */
export const STORM_LAB_LIMITS = {
  rate: { min: 100, max: 2000, step: 50 },
  capacity: { min: 100, max: 4000, step: 50 },
  failureRate: { min: 0, max: 1, step: 0.05 },
  timeoutMs: { min: 100, max: 5000, step: 100 },
  attempts: { min: 1, max: 6, step: 1 },
  layers: { min: 1, max: 3, step: 1 },
  baseMs: { min: 10, max: 5000, step: 10 },
  dipAtS: { min: 0, max: 200, step: 5 },
  dipForS: { min: 1, max: 90, step: 1 },
  dipCapacityPct: { min: 0, max: 100, step: 5 },
  seed: SEED_LIMITS,
} as const;

type NumericKey = keyof typeof STORM_LAB_LIMITS;

/**
 * The most calls per request the page allows: 4 attempts × 3 layers = 64, the
 * textbook example. Simulated work grows with it (an outage at 64 calls per
 * request is 19 million calls in 300 s), and the sliders must stay live.
 */
export const MAX_LAB_CALLS = 64;

/** The controls for `options` (a preset); anything the lab does not show takes the model's default. */
export function paramsFromOptions(options: StormOptions): StormLabParams {
  const o = resolveStormOptions(options);
  return {
    rate: o.rate,
    capacity: o.capacity >= AMPLE_CAPACITY ? DEFAULT_BUSY_CAPACITY : o.capacity,
    ample: o.capacity >= AMPLE_CAPACITY,
    failureRate: o.failureRate,
    timeoutMs: o.timeoutMs,
    attempts: o.attempts,
    layers: o.layers,
    backoff: o.backoff.id,
    baseMs: o.backoff.baseMs,
    budget: o.budget.kind,
    breaker: o.breaker !== null,
    dip: o.trigger !== null,
    dipAtS: o.trigger?.atS ?? 60,
    dipForS: o.trigger?.durationS ?? 20,
    dipCapacityPct: Math.round((o.trigger?.capacityFactor ?? 0.2) * 100),
    seed: o.seed,
  };
}

/** Capacity the slider shows when a preset is ample. */
const DEFAULT_BUSY_CAPACITY = 1400;

/** `simulateStorm` options for the controls. */
export function optionsFromParams(p: StormLabParams): StormOptions {
  return {
    seed: p.seed,
    durationS: LAB_DURATION_S,
    rate: p.rate,
    capacity: p.ample ? AMPLE_CAPACITY : p.capacity,
    failureRate: p.failureRate,
    timeoutMs: p.timeoutMs,
    attempts: p.attempts,
    layers: p.layers,
    // Without backoff the cap means nothing; leave it at the model's default so presets round-trip exactly.
    backoff: p.backoff === 'none' ? { id: 'none', baseMs: p.baseMs } : { id: p.backoff, baseMs: p.baseMs, capMs: LAB_CAP_MS },
    budget: { kind: p.budget, maxTokens: 10, tokenRatio: 0.1 },
    ...(p.breaker ? { breaker: {} } : {}),
    ...(p.dip ? { trigger: { atS: p.dipAtS, durationS: p.dipForS, capacityFactor: p.dipCapacityPct / 100 } } : {}),
  };
}

/** The controls of each preset. */
export const PRESET_PARAMS: Record<StormPresetId, StormLabParams> = Object.fromEntries(
  STORM_PRESET_IDS.map((id) => [id, paramsFromOptions(STORM_PRESETS[id])]),
) as Record<StormPresetId, StormLabParams>;

/** Where the page starts: the metastable preset, the lab's headline. */
export const DEFAULT_STORM_PARAMS: StormLabParams = PRESET_PARAMS.metastable;

/** The preset these controls show exactly, if any (the preset picker marks it). */
export function matchingPreset(p: StormLabParams): StormPresetId | null {
  const c = clampStormParams(p);
  const keys = Object.keys(c) as (keyof StormLabParams)[];
  return STORM_PRESET_IDS.find((id) => keys.every((k) => PRESET_PARAMS[id][k] === c[k])) ?? null;
}

/**
 * Bring any (possibly hand-edited) params inside the limits: numbers clamped to
 * their ranges (integers where the control is), unknown choices back to the
 * default, and attempts lowered until attempts^layers ≤ {@link MAX_LAB_CALLS}.
 */
export function clampStormParams(p: StormLabParams): StormLabParams {
  const d = DEFAULT_STORM_PARAMS;
  const clamp = (key: NumericKey, v: number) => clampToLimits(v, STORM_LAB_LIMITS[key], d[key]);
  const layers = clamp('layers', p.layers);
  const backoffs: readonly StormBackoffId[] = ['none', 'constant', 'exponential', 'full', 'equal'];
  const budgets: readonly StormBudgetKind[] = ['none', 'grpc', 'brooker'];
  return {
    rate: clamp('rate', p.rate),
    capacity: clamp('capacity', p.capacity),
    ample: p.ample === true,
    failureRate: Math.min(1, Math.max(0, Number.isFinite(p.failureRate) ? p.failureRate : d.failureRate)),
    timeoutMs: clamp('timeoutMs', p.timeoutMs),
    attempts: Math.min(clamp('attempts', p.attempts), Math.floor(MAX_LAB_CALLS ** (1 / layers) + 1e-9)),
    layers,
    backoff: backoffs.includes(p.backoff) ? p.backoff : d.backoff,
    baseMs: clamp('baseMs', p.baseMs),
    budget: budgets.includes(p.budget) ? p.budget : d.budget,
    breaker: p.breaker === true,
    dip: p.dip === true,
    dipAtS: clamp('dipAtS', p.dipAtS),
    dipForS: clamp('dipForS', p.dipForS),
    dipCapacityPct: clamp('dipCapacityPct', p.dipCapacityPct),
    seed: clamp('seed', p.seed),
  };
}

/**
 * A string that changes exactly when the failure-rate sweep would: it depends
 * on the retry shape and the seed only (the sweep sets its own failure rate,
 * capacity and budget), so moving p, the capacity or the dip never reruns it.
 */
export function sweepKey(p: StormLabParams): string {
  return JSON.stringify({ attempts: p.attempts, layers: p.layers, rate: p.rate, seed: p.seed });
}
