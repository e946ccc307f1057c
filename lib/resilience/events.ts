/**
 * Events as plain functions: subscribing returns a {@link Disposable}.
 * The stats, the per-request trace and the dashboard all subscribe to the same
 * stream, so there is never a second bookkeeping path that can drift.
 * (Pattern from cockatiel's `Event.ts`.)
 */

/** Something that can be undone exactly once, such as a subscription. */
export interface Disposable {
  dispose(): void;
}

/** Subscribe a listener; call `dispose()` on the result to unsubscribe. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** A minimal synchronous emitter. Emitting with no listeners costs one length check. */
export class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];

  /** The public, subscribe-only side of this emitter. */
  readonly event: Event<T> = (listener) => {
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

  /** Deliver `value` to every listener, in subscription order. */
  emit(value: T): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i]!(value);
  }
}

/** Dispose several subscriptions at once. */
export function combineDisposables(...items: Disposable[]): Disposable {
  return { dispose: () => items.forEach((d) => d.dispose()) };
}
