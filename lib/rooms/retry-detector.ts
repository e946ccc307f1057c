import { hashBytes } from '@/lib/grading/fingerprint';
import type { Clock } from '@/lib/resilience/clock';
import { TtlLruCache } from '@/lib/resilience/ttl-lru-cache';
import { ATTEMPT_TAG_HEADER } from '@/lib/sandbox/sdk-retry-layer';

/**
 * Which calls reaching the shared upstream are retries. Two ways to know:
 *
 * - **The caller says so.** The openai SDKs number their own retries in
 *   `X-Stainless-Retry-Count`; the sandbox's service tags each attempt
 *   `x-sandbox-attempt: {request}.{attempt}`. Read synchronously from the headers.
 * - **The body says so.** A student's own retry loop around the SDK makes a
 *   fresh SDK call each time (retry count 0), but sends the same bytes with the
 *   same key. As lib/grading/grouping.ts decides it: the same body from the same
 *   client after a failed call, within a minute, is a retry; after a success it
 *   is a new question. The body is read after the call is counted, so this
 *   turns a first try into a retry a few microtasks later.
 */

/** A resend after a failure counts as a retry within this many ms of room time. */
export const REPEAT_WINDOW_MS = 60_000;
/** Failed bodies remembered per participant. */
export const REPEAT_MEMORY = 256;
/** Bytes of a body hashed to recognise a resend. */
const HASHED_BYTES = 64 * 1024;

/** True when the headers mark the call as a retry (an SDK's own, or a later attempt of the sandbox's service). */
export function retryFromHeaders(headers: Headers): boolean {
  if (Number(headers.get('x-stainless-retry-count') ?? 0) > 0) return true;
  const attempt = Number(headers.get(ATTEMPT_TAG_HEADER)?.split('.')[1] ?? 1);
  return attempt > 1;
}

/** One participant's memory of failed bodies, on the room clock. */
export class RepeatDetector {
  private readonly failed: TtlLruCache<string, number>;

  constructor(clock: Clock) {
    this.failed = new TtlLruCache<string, number>({ maxEntries: REPEAT_MEMORY, ttlMs: REPEAT_WINDOW_MS, clock });
  }

  /**
   * Read `request` (a clone the caller made before the call consumed it) and
   * say whether it resends a body that failed before; then remember this call's outcome.
   * `ok` is read only now, so a caller may fill it in after the call was made.
   */
  async isRepeat(request: Request, outcome: () => boolean): Promise<boolean> {
    let key: string;
    try {
      const bytes = new Uint8Array(await request.arrayBuffer()).subarray(0, HASHED_BYTES);
      const who = new TextEncoder().encode(`${request.headers.get('authorization') ?? request.headers.get('x-api-key') ?? ''}\u0000${request.method} ${new URL(request.url).pathname}\u0000`);
      const all = new Uint8Array(who.length + bytes.length);
      all.set(who);
      all.set(bytes, who.length);
      key = hashBytes(all);
    } catch {
      return false; // an upload cut half-way: nothing to compare
    }
    const repeat = this.failed.has(key);
    if (outcome()) this.failed.delete(key);
    else this.failed.set(key, 1);
    return repeat;
  }
}
