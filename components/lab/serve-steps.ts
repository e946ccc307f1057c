/**
 * The worker side of a lab: a lab's `*.worker.ts` is one call, `serveSteps(driveX)`.
 * It runs the simulator off the main thread so the sliders stay smooth.
 */
import { nextTask, type DriveSteps, type Schedule } from './steps';

/** The worker's global scope, typed just enough (the project's tsconfig has the DOM lib, not WebWorker's). */
interface WorkerScope<R, M> {
  onmessage: ((event: MessageEvent<R>) => void) | null;
  postMessage: (message: M) => void;
}

/**
 * Answer every request posted to this worker with `drive`. Only the newest
 * request's seq is kept; an older request stops at its next step.
 * @param scope the worker's global scope. Default `self`.
 * @param schedule how a step waits for the next task, so that queued messages (a
 *   newer request) run first. Default `setTimeout(fn, 0)`.
 */
export function serveSteps<R extends { seq: number }, M>(
  drive: DriveSteps<R, M>,
  scope: WorkerScope<R, M> = self as unknown as WorkerScope<R, M>,
  schedule: Schedule = nextTask,
): void {
  let latest = -1;
  const tick = () => new Promise<void>((resolve) => schedule(resolve));
  scope.onmessage = (event) => {
    const request = event.data;
    latest = request.seq;
    void drive(request, { tick, post: (m) => scope.postMessage(m), isCurrent: (seq) => seq === latest });
  };
}
