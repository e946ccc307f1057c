import { API_MODEL_DEFAULTS, simulateApi } from './api-model';
import type { RetryBudgetOptions } from './budget';
import { DelayTape } from './delay-tape';
import { simulateOcc, type OccRunResult } from './occ-model';
import { summarize, type SummaryStats } from './stats';
import { BROOKER_STRATEGY_IDS, createStrategy, isSimStrategyId, type SimStrategyId } from './strategies';

/** `occ`: Brooker's optimistic-concurrency row. `api`: a rate-limited LLM API answering 429. */
export type SimModel = 'occ' | 'api';
export const SIM_MODELS: readonly SimModel[] = ['occ', 'api'];

/** What to simulate. Everything but `onProgress` is plain data, so it can cross to a Web Worker. */
export interface ExperimentOptions {
  model: SimModel;
  /** Clients in the herd (1–10 000). */
  clients: number;
  /** Runs per strategy (1–10 000); run r uses seed `seed + r` for every strategy. */
  runs: number;
  /** Base seed (an integer). */
  seed: number;
  /** Strategies to compare. Default Brooker's five. */
  strategies?: readonly SimStrategyId[];
  /** Backoff base in ms. Default 5 (Brooker). */
  baseMs?: number;
  /** Backoff cap in ms. Default 2000 (Brooker). */
  capMs?: number;
  /** `api` only: requests accepted per window. Default 20 per second. */
  capacity?: number;
  /** `api` only: rate-limit window in ms. Default 1000. */
  windowMs?: number;
  /** `api` only: wait the server's Retry-After instead of backing off. Default false. */
  honorRetryAfter?: boolean;
  /** `api` only: retries per client before giving up. Default 50. */
  maxRetries?: number;
  /** `api` only: a gRPC-style retry budget shared by the herd. Default none. */
  budget?: RetryBudgetOptions;
  /** Histogram bin width in ms. Default 100. */
  binMs?: number;
  /** Called after each run (of every strategy) with the runs done and `runs`, e.g. to move a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/** Results of one strategy over all runs. */
export interface StrategyResult {
  id: SimStrategyId;
  label: { zh: string; en: string };
  brookerName?: string;
  /** Calls per run: OCC writes, or API requests (429s included). */
  calls: SummaryStats;
  /** Completion time per run in ms. */
  completionMs: SummaryStats;
  /** Mean calls per bin over the runs (runs that ended early count 0 in later bins). */
  histogram: { binMs: number; counts: number[] };
  /** `api` only: clients that got an answer, per run. */
  successes?: SummaryStats;
  /** `api` only: clients that gave up, per run. */
  giveUps?: SummaryStats;
}

/** The options actually used (defaults filled in) and one result per strategy. JSON-serialisable. */
export interface ExperimentResult {
  options: Required<Omit<ExperimentOptions, 'onProgress' | 'budget' | 'capacity' | 'windowMs' | 'honorRetryAfter' | 'maxRetries'>> &
    Pick<ExperimentOptions, 'budget' | 'capacity' | 'windowMs' | 'honorRetryAfter' | 'maxRetries'>;
  strategies: StrategyResult[];
}

/** Upper bounds that keep a browser tab responsive and every result finite. */
export const SIM_LIMITS = { clients: 10_000, runs: 10_000, maxRetries: 10_000 } as const;

/** Every problem with `o`, as readable messages (empty when valid). */
export function validateExperimentOptions(o: ExperimentOptions): string[] {
  const errors: string[] = [];
  const int = (name: string, v: number | undefined, min: number, max: number) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= min && v <= max))
      errors.push(`${name} must be an integer from ${min} to ${max}, got ${v}`);
  };
  const positive = (name: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) errors.push(`${name} must be a positive number, got ${v}`);
  };
  if (!SIM_MODELS.includes(o.model)) errors.push(`model must be one of ${SIM_MODELS.join(', ')}, got ${String(o.model)}`);
  int('clients', o.clients, 1, SIM_LIMITS.clients);
  int('runs', o.runs, 1, SIM_LIMITS.runs);
  int('seed', o.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  positive('baseMs', o.baseMs);
  positive('capMs', o.capMs);
  if ((o.capMs ?? 2000) < (o.baseMs ?? 5)) errors.push(`capMs (${o.capMs ?? 2000}) must be at least baseMs (${o.baseMs ?? 5})`);
  int('capacity', o.capacity, 1, Number.MAX_SAFE_INTEGER);
  positive('windowMs', o.windowMs);
  int('maxRetries', o.maxRetries, 0, SIM_LIMITS.maxRetries);
  positive('binMs', o.binMs);
  if (o.budget) {
    positive('budget.maxTokens', o.budget.maxTokens);
    if (!(Number.isFinite(o.budget.tokenRatio) && o.budget.tokenRatio >= 0))
      errors.push(`budget.tokenRatio must be a number ≥ 0, got ${o.budget.tokenRatio}`);
  }
  if (o.strategies !== undefined) {
    if (o.strategies.length === 0) errors.push('strategies must not be empty');
    for (const s of o.strategies) if (!isSimStrategyId(s)) errors.push(`unknown strategy "${s}"`);
  }
  return errors;
}

/**
 * Run every strategy `runs` times on the same herds and summarise.
 *
 * Run r of every strategy uses seed `seed + r`, and each client draws from streams
 * of its own, so strategies are compared on the same herd and the same seed always
 * gives the same result (deep-equal). Synchronous and free of Node APIs, so a Web
 * Worker can call it.
 * @throws RangeError listing every invalid option.
 */
export function runExperiment(options: ExperimentOptions): ExperimentResult {
  const errors = validateExperimentOptions(options);
  if (errors.length > 0) throw new RangeError(`Invalid experiment: ${errors.join('; ')}`);
  const { model, clients, runs, seed, onProgress } = options;
  const strategies = [...(options.strategies ?? BROOKER_STRATEGY_IDS)];
  const baseMs = options.baseMs ?? 5;
  const capMs = options.capMs ?? 2000;
  const binMs = options.binMs ?? 100;
  const api =
    model === 'api'
      ? {
          capacity: options.capacity ?? API_MODEL_DEFAULTS.capacity,
          windowMs: options.windowMs ?? API_MODEL_DEFAULTS.windowMs,
          honorRetryAfter: options.honorRetryAfter ?? false,
          maxRetries: options.maxRetries ?? API_MODEL_DEFAULTS.maxRetries,
          ...(options.budget ? { budget: { ...options.budget } } : {}),
        }
      : {};

  // Run-major: run r of every strategy meets the same herd, so the strategies replay one
  // tape of network delays (./delay-tape.ts) instead of each drawing it again.
  const tape = model === 'occ' ? new DelayTape(clients) : undefined;
  const perStrategy = strategies.map((id) => ({
    id,
    strategy: createStrategy(id, { baseMs, capMs }),
    calls: new Float64Array(runs),
    completion: new Float64Array(runs),
    successes: new Float64Array(runs),
    giveUps: new Float64Array(runs),
    binSums: [] as number[],
  }));
  for (let r = 0; r < runs; r++) {
    for (const s of perStrategy) {
      const common = { clients, strategy: s.strategy, seed: seed + r, binMs };
      let run: Pick<OccRunResult, 'calls' | 'completionMs' | 'histogram'>;
      if (tape) {
        run = simulateOcc({ ...common, tape });
      } else {
        const apiRun = simulateApi({ ...common, ...api });
        s.successes[r] = apiRun.successes;
        s.giveUps[r] = apiRun.giveUps;
        run = apiRun;
      }
      s.calls[r] = run.calls;
      s.completion[r] = run.completionMs;
      const h = run.histogram;
      while (s.binSums.length < h.length) s.binSums.push(0);
      for (let b = 0; b < h.length; b++) s.binSums[b]! += h[b]!;
    }
    onProgress?.(r + 1, runs);
  }

  const results = perStrategy.map(({ id, strategy, ...s }): StrategyResult => ({
    id,
    label: strategy.label,
    ...(strategy.brookerName ? { brookerName: strategy.brookerName } : {}),
    calls: summarize(s.calls),
    completionMs: summarize(s.completion),
    histogram: { binMs, counts: s.binSums.map((sum) => sum / runs) },
    ...(model === 'api' ? { successes: summarize(s.successes), giveUps: summarize(s.giveUps) } : {}),
  }));

  return { options: { model, clients, runs, seed, strategies, baseMs, capMs, binMs, ...api }, strategies: results };
}
