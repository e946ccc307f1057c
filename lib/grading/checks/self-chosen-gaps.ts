import { isFailure } from '../call-record';
import type { Track } from '../tracks';

/**
 * The waits a client chose by itself: before attempt `i`, when attempt `i − 1`
 * failed without a Retry-After to follow (a wait the server dictated says
 * nothing about the client's backoff). `null` where the wait was dictated or
 * unmeasurable. Shared by `backoff-grows` and `jitter`.
 */
export function selfChosenGaps(track: Track): (number | null)[] {
  return track.calls.map((_, i) => {
    if (i === 0) return null;
    const previous = track.calls[i - 1]!;
    if (!isFailure(track.kinds[i - 1]!) || previous.retryAfterMs !== null) return null;
    return track.gaps[i] ?? null;
  });
}

/** True when two waits are the same within max(`absMs`, `rel` × the larger). */
export function sameWait(a: number, b: number, absMs: number, rel: number): boolean {
  return Math.abs(a - b) <= Math.max(absMs, rel * Math.max(a, b));
}
