/**
 * A request's body text, read once and shared by every handler that looks at it.
 *
 * Why? MSW hands each handler of a chain (a fault that falls through, then the
 * healthy API) the same `Request`, and a body can be read only once. Reading a
 * `clone()` in every handler tees the body's stream each time: two more streams
 * and a dozen promises per read, on every mocked call. Here the first reader
 * reads the body and later readers share its text.
 */
const texts = new WeakMap<Request, Promise<string>>();

/** `request`'s body as text (empty when it has none), read on the first call and shared after. */
export function bodyText(request: Request): Promise<string> {
  let text = texts.get(request);
  if (text === undefined) texts.set(request, (text = request.text()));
  return text;
}

/**
 * A `Request` for the in-process upstream, as `fetch(input, init)` would build it,
 * but cheaper for the handlers and the heap:
 * - The SDK hands `fetch` its JSON body as a string, so when it does, the request
 *   is built without a body stream and the string is recorded for {@link bodyText}:
 *   nothing to tee (MSW clones every request it resolves), nothing to read. Any
 *   other body is kept as a stream.
 * - Its `signal` is the caller's own (see {@link withSignal}), not one that follows it.
 *   undici's `Request` follows a signal through a FinalizationRegistry whose entry
 *   holds that signal, and everything listening to it, until the request is collected
 *   *and* a later task runs the cleanup: each call's graph (response, streams,
 *   promises) then outlives the call and is promoted to the old generation, which a
 *   class's load pays for in major GCs. And a follower is linked to its parent only
 *   through a WeakRef, so a handler that waits on nothing but it (the `timeout` fault)
 *   is unreachable from any root: GC may collect the whole wait, and the SDK's timeout
 *   then fires into nothing (seen in tests).
 */
export function requestFor(input: RequestInfo | URL, init?: RequestInit): Request {
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  const body = init?.body;
  let request: Request;
  if (typeof body !== 'string' || input instanceof Request) {
    request = new Request(input, { ...init, signal: null });
  } else {
    request = new Request(input, { ...init, body: null, signal: null });
    texts.set(request, Promise.resolve(body));
  }
  return signal ? withSignal(request, signal) : request;
}

/**
 * Make `signal` the request's own `signal`, not one that follows it as `new Request`
 * would build (see {@link requestFor} for why). Returns the same request.
 */
export function withSignal(request: Request, signal: AbortSignal): Request {
  Object.defineProperty(request, 'signal', { value: signal, configurable: true });
  return request;
}
