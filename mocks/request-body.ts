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
 * A `Request` for the in-process upstream. The SDK hands `fetch` its JSON body
 * as a string, so when it does, the request is built without a body stream and
 * the string is recorded for {@link bodyText}: nothing to tee (MSW clones every
 * request it resolves), nothing to read. Any other body is kept as a stream.
 */
export function requestFor(input: RequestInfo | URL, init?: RequestInit): Request {
  const body = init?.body;
  if (typeof body !== 'string' || input instanceof Request) return new Request(input, init);
  const request = new Request(input, { ...init, body: null });
  texts.set(request, Promise.resolve(body));
  return request;
}
