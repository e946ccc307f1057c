/**
 * Where a lab's steps run: in a Web Worker when the browser has one, else on
 * the main thread in `setTimeout` slices. Both run the lab's same
 * {@link DriveSteps} function, so the page cannot tell them apart except by speed.
 */
import { nextTask, type DriveSteps, type Schedule } from './steps';

/** Where the steps run: a Web Worker, or slices of the main thread. */
export type RunnerEngine = 'worker' | 'main';

/** A place to send requests to (the page hears the answers through its `onMessage`). */
export interface StepRunner<R> {
  readonly engine: RunnerEngine;
  /** Start `request`; any older request still running stops at its next step. */
  post: (request: R) => void;
  dispose: () => void;
}

/** What {@link createWorkerRunner} needs. */
export interface WorkerRunnerOptions<R, M> {
  /**
   * Start the lab's worker. Write it in the lab's own module as the literal
   * `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`:
   * that expression is what the bundler (Turbopack) looks for to bundle the worker.
   */
  createWorker: () => Worker;
  /** The lab's steps, for the main-thread fallback. */
  drive: DriveSteps<R, M>;
  onMessage: (message: M) => void;
  /** How the main-thread fallback runs a step on a later task. Default `setTimeout(fn, 0)`. */
  schedule?: Schedule;
}

/**
 * A runner over the lab's worker, or the main-thread fallback when `Worker` is
 * missing, refuses to start, or fails to load (then the last request is re-run
 * on the main thread, so the page still gets its charts).
 */
export function createWorkerRunner<R extends { seq: number }, M>({ createWorker, drive, onMessage, schedule }: WorkerRunnerOptions<R, M>): StepRunner<R> {
  if (typeof Worker === 'undefined') return createInlineStepRunner(drive, onMessage, schedule);
  let worker: Worker;
  try {
    worker = createWorker();
  } catch {
    return createInlineStepRunner(drive, onMessage, schedule); // e.g. a locked-down browser that refuses workers
  }
  let fallback: StepRunner<R> | null = null;
  let last: R | null = null;
  worker.onmessage = (event: MessageEvent<M>) => onMessage(event.data);
  // Errors inside a computation come back as `error` messages (see driveSteps); this only fires when the worker itself broke.
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    fallback ??= createInlineStepRunner(drive, onMessage, schedule);
    if (last) fallback.post(last);
  };
  return {
    get engine() {
      return fallback ? fallback.engine : 'worker';
    },
    post: (request) => {
      last = request;
      if (fallback) fallback.post(request);
      else worker.postMessage(request);
    },
    dispose: () => {
      worker.terminate();
      fallback?.dispose();
    },
  };
}

/**
 * The fallback: each step runs in its own macrotask (`setTimeout(0)` by
 * default), so input events and paints get in between and a newer request
 * cancels the rest. After `dispose` nothing more is posted.
 * @param schedule runs a step on a later task. Default {@link nextTask}; tests inject a queue.
 */
export function createInlineStepRunner<R extends { seq: number }, M>(
  drive: DriveSteps<R, M>,
  onMessage: (message: M) => void,
  schedule: Schedule = nextTask,
): StepRunner<R> {
  let latest = -1;
  let disposed = false;
  const tick = () => new Promise<void>((resolve) => schedule(resolve));
  return {
    engine: 'main',
    post: (request) => {
      latest = request.seq;
      // Start on a later task too, so the click or keypress that caused it paints first.
      schedule(() => {
        void drive(request, { tick, post: (m) => !disposed && onMessage(m), isCurrent: (seq) => !disposed && seq === latest });
      });
    },
    dispose: () => {
      disposed = true;
    },
  };
}
