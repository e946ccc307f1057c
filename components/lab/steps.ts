/**
 * How a simulator lab computes: a request becomes a sequence of small steps,
 * each yielding one message for the page. Between two steps the runner gives
 * the event loop a turn, so a newer request (the slider moved again) can cancel
 * the rest. The slow part of a lab (its sweep) is a step of its own for that.
 *
 * The same {@link driveSteps} runs inside a Web Worker (./serve-steps.ts) and,
 * when workers are unavailable, on the main thread (./runner.ts); only `tick`
 * and `post` differ.
 */

/** One request to a lab: its params, and whether the slow sweep must be (re)computed too. */
export interface StepRequest<P> {
  /** Increases with every request; a message carries the seq of the request it answers. */
  seq: number;
  /** The lab's controls. Plain JSON, so they cross to the worker as they are. */
  params: P;
  /** Recompute the sweep (false when only settings the sweep does not depend on changed). */
  sweep: boolean;
}

/**
 * What every message of a lab has in common. A `sweep` message also names the
 * settings it was computed for (`key`) and whether it is the last part
 * (`done`; a sweep sent as one message omits it: it is complete).
 */
export interface StepMessage {
  /** The seq of the request this message answers. */
  seq: number;
  kind: string;
  key?: string;
  done?: boolean;
}

/** The message a failed step turns into, instead of an exception. */
export interface StepError {
  seq: number;
  kind: 'error';
  /** The thrown error's message. */
  message: string;
}

/** How a runner gives the event loop a turn and hands a message to the page. */
export interface StepDriver<M> {
  /** Resolve after other tasks (e.g. an incoming newer request) have had a chance to run. */
  tick: () => Promise<void>;
  post: (message: M) => void;
  /** Is this request still the newest? When it returns false the rest of the steps are skipped. */
  isCurrent: (seq: number) => boolean;
}

/** Run `fn` on a later task (a macrotask, so input events and paints get in between). */
export type Schedule = (fn: () => void) => void;

/** The default {@link Schedule}: `setTimeout(fn, 0)`. */
export const nextTask: Schedule = (fn) => void setTimeout(fn, 0);

/** A lab's way to run one request: `(request, driver) => done`. */
export type DriveSteps<R, M> = (request: R, driver: StepDriver<M>) => Promise<void>;

/**
 * Run the steps of request `seq`, posting each step's message and yielding
 * between them, and stop as soon as a newer request is current. An exception
 * (e.g. invalid options) becomes one {@link StepError} message, never a crash.
 * @param steps lazy: each `next()` does one step's work.
 */
export async function driveSteps<M>(seq: number, steps: Iterator<M, unknown, undefined>, driver: StepDriver<NoInfer<M> | StepError>): Promise<void> {
  try {
    while (driver.isCurrent(seq)) {
      const step = steps.next();
      if (step.done) return;
      driver.post(step.value);
      await driver.tick();
    }
  } catch (error) {
    driver.post({ seq, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
