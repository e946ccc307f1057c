/**
 * Where the storm lab's steps run: in a Web Worker when the browser has one,
 * else on the main thread in `setTimeout` slices. Both run the same
 * {@link driveStorm}, so the page cannot tell them apart except by speed.
 */
import { driveStorm, type StormMessage, type StormRequest } from './pipeline';

/** A place to send requests to and hear messages from. */
export interface StormRunner {
  readonly engine: 'worker' | 'main';
  /** Start `request`; any older request still running stops at its next step. */
  post: (request: StormRequest) => void;
  dispose: () => void;
}

/**
 * A runner over `components/storms/storm.worker.ts`, or the main-thread
 * fallback when `Worker` is missing, refuses to start, or fails to load (then
 * the last request is re-run on the main thread, so the page still gets its charts).
 */
export function createStormRunner(onMessage: (message: StormMessage) => void): StormRunner {
  if (typeof Worker === 'undefined') return createInlineStormRunner(onMessage);
  let worker: Worker;
  try {
    // The literal `new Worker(new URL(…, import.meta.url))` is what the bundler (Turbopack) looks for.
    worker = new Worker(new URL('./storm.worker.ts', import.meta.url), { type: 'module', name: 'storm-sim' });
  } catch {
    return createInlineStormRunner(onMessage);
  }
  let fallback: StormRunner | null = null;
  let last: StormRequest | null = null;
  worker.onmessage = (event: MessageEvent<StormMessage>) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    fallback ??= createInlineStormRunner(onMessage);
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

/** The fallback: each step in its own macrotask, so input and paint get in between and a newer request cancels the rest. */
export function createInlineStormRunner(
  onMessage: (message: StormMessage) => void,
  schedule: (fn: () => void) => void = (fn) => void setTimeout(fn, 0),
): StormRunner {
  let latest = -1;
  let disposed = false;
  const tick = () => new Promise<void>((resolve) => schedule(resolve));
  return {
    engine: 'main',
    post: (request) => {
      latest = request.seq;
      schedule(() => {
        void driveStorm(request, { tick, post: (m) => !disposed && onMessage(m), isCurrent: (seq) => !disposed && seq === latest });
      });
    },
    dispose: () => {
      disposed = true;
    },
  };
}
