/**
 * The storm lab's computation as two steps: the run the controls describe,
 * then — only when the retry shape or the seed changed — the failure-rate
 * sweep. Each step calls lib/sim itself (never a copy of the model). Between
 * the steps the runner gives the event loop a turn, so a newer request (the
 * slider moved again) skips the rest.
 *
 * The same {@link driveStorm} runs in the Web Worker and, without workers, on
 * the main thread (components/lab/ holds that plumbing).
 */
import { driveSteps, type StepDriver, type StepError, type StepRequest } from '@/components/lab/steps';
import { simulateStorm, sweepFailureRates, type FailureRatePoint, type StormRunResult } from '@/lib/sim';
import { optionsFromParams, sweepKey, type StormLabParams } from './lab-params';

/** One request: the controls, and whether the failure-rate sweep must be (re)computed too. */
export type StormRequest = StepRequest<StormLabParams>;

/** What the lab sends back: the run, then the sweep (when asked), or an error. */
export type StormMessage =
  | { seq: number; kind: 'run'; result: StormRunResult; ms: number }
  | { seq: number; kind: 'sweep'; key: string; points: FailureRatePoint[]; ms: number }
  | StepError;

/**
 * The steps of one request, lazily: each `next()` does one step's work.
 * @param now a clock in ms for the `ms` timings. Default `performance.now`.
 */
export function* stormSteps(request: StormRequest, now: () => number = () => performance.now()): Generator<StormMessage, void, void> {
  const { seq, params } = request;
  let t0 = now();
  const result = simulateStorm(optionsFromParams(params));
  yield { seq, kind: 'run', result, ms: now() - t0 };
  if (!request.sweep) return;
  t0 = now();
  const points = sweepFailureRates({ base: { attempts: params.attempts, layers: params.layers, rate: params.rate, seed: params.seed } });
  yield { seq, kind: 'sweep', key: sweepKey(params), points, ms: now() - t0 };
}

/** Run a request's {@link stormSteps}, yielding between them and stopping as soon as a newer request arrives. */
export function driveStorm(request: StormRequest, driver: StepDriver<StormMessage>): Promise<void> {
  return driveSteps(request.seq, stormSteps(request), driver);
}
