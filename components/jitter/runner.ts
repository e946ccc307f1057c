/**
 * Where the lab's steps run: `components/jitter/sim.worker.ts` when the browser
 * has workers, else main-thread slices (see components/lab/runner.ts).
 */
import { createInlineStepRunner, createWorkerRunner, type StepRunner } from '@/components/lab/runner';
import { driveLab, type LabMessage, type LabRequest } from './pipeline';

/** A place to send the lab's requests to. */
export type LabRunner = StepRunner<LabRequest>;

/** The lab's runner over its Web Worker, falling back to the main thread (then re-running the last request there). */
export function createLabRunner(onMessage: (message: LabMessage) => void): LabRunner {
  return createWorkerRunner({
    // This literal `new Worker(new URL(…, import.meta.url))` is what the bundler (Turbopack) looks for.
    createWorker: () => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'jitter-sim' }),
    drive: driveLab,
    onMessage,
  });
}

/** The no-Worker fallback: each step in its own task (`schedule`, default `setTimeout(0)`); a newer request cancels the rest. */
export function createInlineRunner(onMessage: (message: LabMessage) => void, schedule?: (fn: () => void) => void): LabRunner {
  return createInlineStepRunner(driveLab, onMessage, schedule);
}
