import { createBackoff } from '@/lib/resilience/backoff';
import { sleep, type Clock } from '@/lib/resilience/clock';
import type { Random } from '@/lib/resilience/random';

/**
 * The openai SDK's own retry loop, replayed at the fetch layer on the sandbox
 * clock — the hidden layer under the service's retries. With `maxRetries: 2`
 * under the service's 3 attempts, one question costs up to 3 × 3 = 9 upstream
 * calls, the most common production mistake (REFERENCE §2, §5).
 *
 * Same rules as openai-node 6.x `makeRequest`/`retryRequest`: `x-should-retry`
 * first; else 408, 409, 429 and ≥ 500, and connection failures; the wait is
 * `retry-after-ms`, else `Retry-After` (seconds or a date), else
 * `min(0.5 · 2ⁿ, 8) s × (1 − 0.25·U)`; every retry carries
 * `X-Stainless-Retry-Count`. One difference, on purpose: the real SDK sleeps on
 * real time; here the sleep is on the sandbox clock, so ×60 fast-forwards it and
 * the run replays the same way every time.
 */

/** Header a request carries so the layer can tell whose hidden calls it makes. */
export const ATTEMPT_TAG_HEADER = 'x-sandbox-attempt';

/** One call the layer made for an attempt: the first (n = 0) or a hidden retry. */
export interface HiddenCall {
  /** 0 for the call the service asked for, 1… for the SDK's retries. */
  n: number;
  /** Sandbox ms. */
  at: number;
  /** HTTP status, or undefined when the connection failed. */
  status?: number;
  /** The wait before the next hidden retry, when one follows, in ms. */
  retryInMs?: number;
}

/** Options of {@link sdkRetryFetch}. */
export interface SdkRetryOptions {
  /** Retries the simulated SDK makes (its `maxRetries`), read per request so a policy change applies at once. */
  maxRetries: () => number;
  clock: Clock;
  random: Random;
  /** Epoch ms now, for a date in `Retry-After`. */
  wallClock: () => number;
  /** Every call, with the attempt tag its request carried. */
  onCall?: (tag: string | null, call: HiddenCall) => void;
}

const sdkDefaultBackoff = createBackoff('openai-sdk', { baseMs: 500, capMs: 8000 });

function shouldRetry(response: Response): boolean {
  const header = response.headers.get('x-should-retry');
  if (header === 'true') return true;
  if (header === 'false') return false;
  return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
}

/** The SDK's wait: what the server asked for (parsed as loosely as the SDK does), else its backoff. */
function retryDelayMs(headers: Headers | undefined, retry: number, o: SdkRetryOptions): number {
  const ms = headers?.get('retry-after-ms');
  if (ms && !Number.isNaN(parseFloat(ms))) return parseFloat(ms);
  const after = headers?.get('retry-after');
  if (after) {
    const seconds = parseFloat(after);
    return Number.isNaN(seconds) ? Date.parse(after) - o.wallClock() : seconds * 1000;
  }
  return sdkDefaultBackoff(retry, 0, o.random);
}

/** Wrap a `fetch` with the simulated SDK retry loop (a no-op while `maxRetries()` is 0). */
export function sdkRetryFetch(inner: typeof fetch, o: SdkRetryOptions): typeof fetch {
  return async (input, init) => {
    const max = o.maxRetries();
    const headers = new Headers(init?.headers);
    const tag = headers.get(ATTEMPT_TAG_HEADER);
    if (max <= 0) return inner(input, init);
    const signal = init?.signal ?? undefined;
    for (let n = 0; ; n++) {
      if (n > 0) headers.set('x-stainless-retry-count', String(n));
      const at = o.clock.now();
      let response: Response | undefined;
      try {
        response = await inner(input, { ...init, headers });
      } catch (error) {
        if (signal?.aborted || n >= max) {
          o.onCall?.(tag, { n, at });
          throw error;
        }
      }
      if (response && (response.ok || !shouldRetry(response) || n >= max)) {
        o.onCall?.(tag, { n, at, status: response.status });
        return response;
      }
      const wait = Math.max(0, retryDelayMs(response?.headers, n, o) || 0);
      o.onCall?.(tag, { n, at, ...(response ? { status: response.status } : {}), retryInMs: wait });
      await response?.body?.cancel().catch(() => {});
      await sleep(o.clock, wait, signal);
    }
  };
}
