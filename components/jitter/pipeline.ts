/**
 * The lab's computation, as a sequence of small steps. Each step calls the
 * simulator's own `runExperiment` / `sweepClients` (never a copy of the model)
 * and yields one message for the page. Between two steps the runner gives the
 * event loop a turn, so a newer request (the slider moved again) can cancel the
 * rest: the sweep, the slow part, is split into one step per herd size for that.
 *
 * The same {@link driveLab} runs inside the Web Worker and, when workers are
 * unavailable, on the main thread (components/lab/ holds that plumbing).
 */
import { driveSteps, type StepDriver, type StepError, type StepRequest } from '@/components/lab/steps';
import { runExperiment, sweepClients, SIM_STRATEGY_IDS, type ExperimentResult, type SweepResult } from '@/lib/sim';
import { BASELINE_STRATEGY, experimentOptions, SWEEP_CLIENT_COUNTS, sweepKey, sweepOptions, type LabParams } from './lab-params';

/** One request to the lab: the params, and whether the clients sweep must be (re)computed too (false when only the herd size or the compared strategy changed). */
export type LabRequest = StepRequest<LabParams>;

/** What the lab sends back, in this order: compare, totals, sweep (partial, …, done). */
export type LabMessage =
  | { seq: number; kind: 'compare'; result: ExperimentResult; ms: number }
  | { seq: number; kind: 'totals'; result: ExperimentResult; ms: number }
  | { seq: number; kind: 'sweep'; key: string; result: SweepResult; done: boolean; ms: number }
  | StepError;

/**
 * The steps of one request, lazily: each `next()` does one step's work.
 *
 * 1. `compare`: the baseline and the chosen strategy only (a few ms), so the
 *    histograms update first;
 * 2. `totals`: every strategy, reusing the two already run (same seed, same result);
 * 3. `sweep`: when asked, one message per herd size with the points so far.
 * @param now a clock in ms for the `ms` timings. Default `performance.now`.
 */
export function* labSteps(request: LabRequest, now: () => number = () => performance.now()): Generator<LabMessage, void, void> {
  const { seq, params } = request;
  const pair = params.strategy === BASELINE_STRATEGY ? [BASELINE_STRATEGY] : [BASELINE_STRATEGY, params.strategy];
  let t0 = now();
  const compare = runExperiment(experimentOptions(params, pair));
  yield { seq, kind: 'compare', result: compare, ms: now() - t0 };

  t0 = now();
  const rest = SIM_STRATEGY_IDS.filter((id) => !pair.includes(id));
  const others = runExperiment(experimentOptions(params, rest));
  yield { seq, kind: 'totals', result: mergeExperiments(compare, others), ms: now() - t0 };

  if (!request.sweep) return;
  const key = sweepKey(params);
  const parts: SweepResult[] = [];
  t0 = now();
  for (const [i, clients] of SWEEP_CLIENT_COUNTS.entries()) {
    parts.push(sweepClients(sweepOptions(params, [clients])));
    yield { seq, kind: 'sweep', key, result: mergeSweeps(parts), done: i === SWEEP_CLIENT_COUNTS.length - 1, ms: now() - t0 };
  }
}

/**
 * Join two experiments run with the same settings on disjoint strategies, listing
 * the strategies in the simulator's canonical order (`SIM_STRATEGY_IDS`).
 */
export function mergeExperiments(a: ExperimentResult, b: ExperimentResult): ExperimentResult {
  const order = (id: string) => (SIM_STRATEGY_IDS as readonly string[]).indexOf(id);
  const strategies = [...a.strategies, ...b.strategies].sort((x, y) => order(x.id) - order(y.id));
  return { options: { ...a.options, strategies: strategies.map((s) => s.id) }, strategies };
}

/**
 * Join sweeps of single herd sizes into one sweep, as if `sweepClients` had been
 * called with all their sizes at once (same seed per size, so the same numbers).
 * @throws RangeError on an empty list.
 */
export function mergeSweeps(parts: readonly SweepResult[]): SweepResult {
  const first = parts[0];
  if (!first) throw new RangeError('mergeSweeps needs at least one sweep');
  return {
    options: { ...first.options, clientCounts: parts.flatMap((p) => p.options.clientCounts) },
    strategies: first.strategies,
    points: parts.flatMap((p) => p.points),
  };
}

/** Run a request's {@link labSteps}, yielding between them and stopping as soon as a newer request arrives. */
export function driveLab(request: LabRequest, driver: StepDriver<LabMessage>): Promise<void> {
  return driveSteps(request.seq, labSteps(request), driver);
}
