import { AbortedError } from './clock';

/**
 * Multi-layer fallback (lesson 19 §5.1): try each layer in order, first answer wins.
 * The lesson's order is cache → primary API → local model → canned reply.
 *
 * A layer answers by returning a value. It passes by returning `undefined`
 * ("no answer here, try the next" — a cache miss, say) or by throwing.
 * Either way the chain records why, so the UI can show which layer answered
 * and what happened to each one before it.
 */
export interface FallbackLayer<T> {
  /** Shown in traces and stats, e.g. `'cache'`, `'primary'`, `'local'`, `'canned'`. */
  name: string;
  /** Produce an answer, or `undefined` for "no answer". Receives the caller's signal. */
  run: (signal?: AbortSignal) => Promise<T | undefined> | T | undefined;
  /** `false` skips the layer without recording it. Default true. */
  enabled?: boolean;
}

/** One layer that did not answer: the error it threw, or a {@link NoAnswerError}. */
export interface FallbackFailure {
  layer: string;
  error: unknown;
}

/** The winning value, which layer produced it, and what happened to the layers before it. */
export interface FallbackResult<T> {
  value: T;
  layer: string;
  failures: FallbackFailure[];
}

/** Recorded for a layer that returned `undefined`. */
export class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
  constructor(readonly layer: string) {
    super(`Layer "${layer}" had no answer`);
  }
}

/** One shared {@link NoAnswerError} per layer name: a cache miss happens on most requests, and an Error's stack is not free. */
const noAnswers = new Map<string, NoAnswerError>();
function noAnswer(layer: string): NoAnswerError {
  let error = noAnswers.get(layer);
  if (!error) {
    error = new NoAnswerError(layer);
    if (noAnswers.size < 64) noAnswers.set(layer, error);
  }
  return error;
}

/** Every enabled layer failed or had no answer. The lesson never reaches this: its last layer cannot fail. */
export class FallbackExhaustedError extends Error {
  override readonly name = 'FallbackExhaustedError';
  constructor(readonly failures: FallbackFailure[]) {
    super(
      failures.length === 0
        ? 'No fallback layer is enabled'
        : `All fallback layers failed: ${failures.map((f) => `${f.layer} (${describe(f.error)})`).join(', ')}`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Run `layers` in order until one answers.
 *
 * A caller's abort stops the chain at once, even inside a layer that ignores
 * its signal, and rejects with {@link AbortedError}: falling back to the local
 * model for a user who has gone away would only waste work.
 *
 * @throws {FallbackExhaustedError} when no layer answers.
 * @throws {AbortedError} when `opts.signal` aborts.
 */
export async function runFallbackChain<T>(
  layers: readonly FallbackLayer<T>[],
  opts: { signal?: AbortSignal } = {},
): Promise<FallbackResult<T>> {
  const { signal } = opts;
  const failures: FallbackFailure[] = [];
  for (const layer of layers) {
    if (layer.enabled === false) continue;
    if (signal?.aborted) throw new AbortedError(signal.reason);
    let value: T | undefined;
    try {
      value = await untilAborted(() => layer.run(signal), signal);
    } catch (error) {
      if (signal?.aborted) throw new AbortedError(signal.reason);
      failures.push({ layer: layer.name, error });
      continue;
    }
    if (value !== undefined) return { value, layer: layer.name, failures };
    failures.push({ layer: layer.name, error: noAnswer(layer.name) });
  }
  throw new FallbackExhaustedError(failures);
}

/** Run `fn`, but reject as soon as `signal` aborts. */
function untilAborted<R>(fn: () => Promise<R> | R, signal: AbortSignal | undefined): Promise<R> {
  if (signal === undefined) return Promise.resolve().then(fn);
  return new Promise<R>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(fn)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
