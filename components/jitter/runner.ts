/**
 * Where the lab's steps run: in a Web Worker when the browser has one, else on
 * the main thread in `setTimeout` slices. Both run the same {@link driveLab}, so
 * the page cannot tell them apart except by speed.
 */
import { driveLab, type LabMessage, type LabRequest } from './pipeline';

/** A place to send requests to and hear messages from. */
export interface LabRunner {
  readonly engine: 'worker' | 'main';
  /** Start `request`; any older request still running stops at its next step. */
  post: (request: LabRequest) => void;
  dispose: () => void;
}

/**
 * A runner over `components/jitter/sim.worker.ts`, or the main-thread fallback
 * when `Worker` is missing, refuses to start, or fails to load (then the last
 * request is re-run on the main thread, so the page still gets its charts).
 */
export function createLabRunner(onMessage: (message: LabMessage) => void): LabRunner {
  if (typeof Worker === 'undefined') return createInlineRunner(onMessage);
  let worker: Worker;
  try {
    // The literal `new Worker(new URL(…, import.meta.url))` is what the bundler (Turbopack) looks for.
    worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'jitter-sim' });
  } catch {
    return createInlineRunner(onMessage); // e.g. a locked-down browser that refuses workers
  }
  let fallback: LabRunner | null = null;
  let last: LabRequest | null = null;
  worker.onmessage = (event: MessageEvent<LabMessage>) => onMessage(event.data);
  // Errors inside a computation come back as `error` messages (see driveLab); this only fires when the worker itself broke.
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    fallback ??= createInlineRunner(onMessage);
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
 * The fallback: each step runs in its own macrotask (`setTimeout(0)`), so input
 * events and paints get in between and a newer request cancels the rest.
 */
export function createInlineRunner(
  onMessage: (message: LabMessage) => void,
  schedule: (fn: () => void) => void = (fn) => void setTimeout(fn, 0),
): LabRunner {
  let latest = -1;
  let disposed = false;
  const tick = () => new Promise<void>((resolve) => schedule(resolve));
  return {
    engine: 'main',
    post: (request) => {
      latest = request.seq;
      // Start on a later task too, so the click or keypress that caused it paints first.
      schedule(() => {
        void driveLab(request, { tick, post: (m) => !disposed && onMessage(m), isCurrent: (seq) => !disposed && seq === latest });
      });
    },
    dispose: () => {
      disposed = true;
    },
  };
}
