/**
 * Abort helpers. MSW's `delay()` ignores the request's signal (REFERENCE §3),
 * so every wait in the mock races the signal itself; otherwise an SDK timeout
 * or a user's cancel could never end a hanging request.
 */

/** The error a real `fetch` rejects with when its signal aborts: the signal's reason if it is an Error, else an `AbortError`. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

/** A promise that never resolves and rejects with {@link abortError} once `signal` aborts. */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(abortError(signal));
    else signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}

/**
 * Settle with `work`, or reject as soon as `signal` aborts, whichever comes first.
 * The abort listener is removed as soon as `work` settles: left on a signal that
 * outlives the call, it would keep the whole call's promise chain alive.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const settle =
      <A>(done: (a: A) => void) =>
      (a: A) => {
        signal.removeEventListener('abort', onAbort);
        done(a);
      };
    work.then(settle(resolve), settle(reject));
  });
}
