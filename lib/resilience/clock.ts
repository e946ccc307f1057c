/**
 * Time is injected. Every policy takes `{ clock = systemClock }`, so the same
 * retry code runs live, fast-forwarded in class, and on a virtual clock in tests.
 */

/** An opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = { readonly __timer: true } | number | object;

/**
 * The time port. All times are in milliseconds. It *schedules*: its `now()` need not be
 * epoch time (see {@link wallClockFrom} for reading HTTP dates against such a clock).
 */
export interface Clock {
  /** Current time in ms (epoch ms for the system clock; sandbox ms for others). */
  now(): number;
  /** Run `fn` after `ms` milliseconds (negative counts as 0). */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancel a pending timer; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/** Raised by {@link sleep} when its signal aborts. */
export class AbortedError extends Error {
  readonly name = 'AbortError';
  constructor(readonly reason?: unknown) {
    super('The operation was aborted.');
  }
}

/**
 * Wait `ms` on `clock`. Resolves at once (no timer tick) when `ms <= 0`, so a
 * zero-delay retry costs microseconds rather than a ~1 ms timer floor.
 * Rejects with {@link AbortedError} when `signal` aborts.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(new AbortedError(signal?.reason));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock: `Date.now` and the global timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, Math.max(0, ms)) as unknown as TimerHandle,
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * A wall clock (epoch ms) for a clock that counts from its own zero, such as a
 * {@link ScaledClock} or a {@link VirtualClock} at 0: *epoch at sandbox start + sandbox time*.
 * HTTP dates (`Retry-After: Wed, 21 Oct 2015 07:28:03 GMT`) are epoch times, so they must
 * be compared with this, never with the sandbox clock itself (≈ 0, i.e. 1970). Give the
 * same function to the upstream mock that writes such dates and to the policy that reads
 * them, and they agree at any speed.
 * @param clock the scheduling clock (sandbox ms).
 * @param epochAtZero epoch ms at which `clock.now()` read 0, e.g. `Date.now() - clock.now()` when the session starts.
 */
export function wallClockFrom(clock: Clock, epochAtZero: number): () => number {
  if (!Number.isFinite(epochAtZero)) throw new RangeError(`wallClockFrom: epochAtZero must be a finite number of ms (got ${epochAtZero})`);
  return () => epochAtZero + clock.now();
}
