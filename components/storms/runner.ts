/**
 * Where the storm lab's steps run: `components/storms/storm.worker.ts` when the
 * browser has workers, else main-thread slices (see components/lab/runner.ts).
 */
import { createInlineStepRunner, createWorkerRunner, type StepRunner } from '@/components/lab/runner';
import { driveStorm, type StormMessage, type StormRequest } from './pipeline';

/** A place to send the storm lab's requests to. */
export type StormRunner = StepRunner<StormRequest>;

/** The storm lab's runner over its Web Worker, falling back to the main thread (then re-running the last request there). */
export function createStormRunner(onMessage: (message: StormMessage) => void): StormRunner {
  return createWorkerRunner({
    // This literal `new Worker(new URL(…, import.meta.url))` is what the bundler (Turbopack) looks for.
    createWorker: () => new Worker(new URL('./storm.worker.ts', import.meta.url), { type: 'module', name: 'storm-sim' }),
    drive: driveStorm,
    onMessage,
  });
}

/** The no-Worker fallback: each step in its own task (`schedule`, default `setTimeout(0)`); a newer request cancels the rest. */
export function createInlineStormRunner(onMessage: (message: StormMessage) => void, schedule?: (fn: () => void) => void): StormRunner {
  return createInlineStepRunner(driveStorm, onMessage, schedule);
}
