import { systemClock, type Clock } from './clock';

/**
 * Events as plain functions: subscribing returns a {@link Disposable}.
 * The stats, the per-request trace and the dashboard all subscribe to the same
 * stream, so there is never a second bookkeeping path that can drift.
 * (Pattern from cockatiel's `Event.ts`.)
 *
 * Listeners are isolated from the emitter and from each other: a listener that
 * throws (or returns a promise that rejects) is reported and skipped, never
 * rethrown. Otherwise one broken dashboard subscriber could stop a breaker's
 * transition half-way or, as an unhandled rejection, kill the server process.
 */

/** Something that can be undone exactly once, such as a subscription. */
export interface Disposable {
  dispose(): void;
}

/** Subscribe a listener; call `dispose()` on the result to unsubscribe. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** Options of {@link EventEmitter}; every field is optional. */
export interface EventEmitterOptions {
  /**
   * Called with whatever a listener threw (or its returned promise rejected with).
   * Default: `console.error`, at most once per {@link LISTENER_ERROR_LOG_INTERVAL_MS}
   * per emitter, with a count of the errors suppressed in between (no log flood).
   * An error thrown by this hook itself is swallowed.
   */
  onListenerError?: (error: unknown) => void;
  /**
   * Most listeners subscribed at once (integer ≥ 0). Default `Infinity`.
   * Subscribing past it throws a {@link ListenerLimitError} (a `RangeError`) and
   * subscribes nothing, so e.g. a session can cap its SSE subscribers and answer 503.
   */
  maxListeners?: number;
  /** Time source of the default error log's rate limit. Default {@link systemClock}. */
  clock?: Clock;
}

/** Shortest gap between two default listener-error logs of one emitter, in ms. */
export const LISTENER_ERROR_LOG_INTERVAL_MS = 1000;

/** Thrown by an emitter's `event` when `maxListeners` are already subscribed. Branded for {@link isListenerLimitError}. */
export class ListenerLimitError extends RangeError {
  readonly isListenerLimit = true as const;
  override readonly name: string = 'ListenerLimitError';
  /** @param maxListeners the cap that was reached. */
  constructor(readonly maxListeners: number) {
    super(`Too many listeners: this emitter allows at most ${maxListeners}`);
  }
}

/** True for {@link ListenerLimitError} (checks the brand, so it survives bundling and HMR). */
export const isListenerLimitError = (e: unknown): e is ListenerLimitError =>
  typeof e === 'object' && e !== null && (e as { isListenerLimit?: unknown }).isListenerLimit === true;

/** A minimal synchronous emitter. Emitting with no listeners costs one length check. */
export class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  private readonly maxListeners: number;
  private readonly report: (error: unknown) => void;

  constructor(options: EventEmitterOptions = {}) {
    const max = options.maxListeners ?? Infinity;
    if (!(max === Infinity || (Number.isInteger(max) && max >= 0)))
      throw new RangeError(`EventEmitter: maxListeners must be an integer ≥ 0 or Infinity (got ${max})`);
    this.maxListeners = max;
    this.report = options.onListenerError ?? throttledConsoleError(options.clock ?? systemClock);
  }

  /** The public, subscribe-only side of this emitter. Throws {@link ListenerLimitError} when full. */
  readonly event: Event<T> = (listener) => {
    if (this.listeners.length >= this.maxListeners) throw new ListenerLimitError(this.maxListeners);
    this.listeners = [...this.listeners, listener];
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        // Remove this subscription only: the same function may be subscribed twice.
        const i = this.listeners.indexOf(listener);
        if (i >= 0) this.listeners = [...this.listeners.slice(0, i), ...this.listeners.slice(i + 1)];
      },
    };
  };

  /** True when at least one listener is subscribed (lets callers skip building payloads). */
  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  /** How many listeners are subscribed now. */
  get listenerCount(): number {
    return this.listeners.length;
  }

  /**
   * Deliver `value` to every listener, in subscription order. Never throws: each
   * listener's error goes to `onListenerError` and the remaining listeners still run.
   */
  emit(value: T): void {
    // The array is replaced, never mutated, on (un)subscribe, so this loop sees a stable list.
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) {
      try {
        const r: unknown = ls[i]!(value);
        // An async listener's rejection would otherwise be unhandled (fatal in Node by default).
        if (r !== undefined && typeof (r as PromiseLike<unknown>).then === 'function')
          (r as PromiseLike<unknown>).then(undefined, (error: unknown) => this.safeReport(error));
      } catch (error) {
        this.safeReport(error);
      }
    }
  }

  private safeReport(error: unknown): void {
    try {
      this.report(error);
    } catch {
      // The reporter is the last line of defence; nothing is left to tell.
    }
  }
}

/** The default reporter: `console.error`, rate-limited per emitter. */
function throttledConsoleError(clock: Clock): (error: unknown) => void {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (error) => {
    const now = clock.now();
    if (now - lastAt < LISTENER_ERROR_LOG_INTERVAL_MS) {
      suppressed++;
      return;
    }
    const note = suppressed > 0 ? ` (${suppressed} more suppressed since the last report)` : '';
    lastAt = now;
    suppressed = 0;
    console.error(`[events] a listener threw; other listeners still ran${note}:`, error);
  };
}

/** Dispose several subscriptions at once. */
export function combineDisposables(...items: Disposable[]): Disposable {
  return { dispose: () => items.forEach((d) => d.dispose()) };
}
