import type { RoomSeries } from '@/lib/contract';

/** How spiky a run's traffic is: the numbers the room view, the herd test and the bench print. */
export interface HerdStats {
  /** Busiest bin, calls per second. */
  peakPerS: number;
  /** Calls per second over the bins counted. */
  meanPerS: number;
  /** `peakPerS / meanPerS`: 1 for a perfectly smooth load. */
  peakToMean: number;
  /** Standard deviation of the per-bin calls over their mean (coefficient of variation). */
  cv: number;
}

/**
 * {@link HerdStats} of a series, counting only bins from `fromMs` of room time
 * after its start and only bins with traffic around them (a breaker that keeps
 * everyone quiet for 30 s is not smoothness). Skipping the first seconds
 * leaves out the common start, which is the same herd whatever the policy.
 */
export function herdStats(series: RoomSeries, fromMs = 0): HerdStats {
  const perBin = series.first.map((f, i) => f + series.retries[i]!);
  const from = Math.ceil(fromMs / series.binMs);
  // A bin counts when its second (5 bins either side at 200 ms) saw any call.
  const busy = perBin.map((_, i) => perBin.slice(Math.max(0, i - 2), i + 3).some((n) => n > 0));
  const counted = perBin.filter((_, i) => i >= from && busy[i]);
  if (counted.length === 0) return { peakPerS: 0, meanPerS: 0, peakToMean: 0, cv: 0 };
  const perS = 1000 / series.binMs;
  const mean = counted.reduce((a, b) => a + b, 0) / counted.length;
  const peak = Math.max(...counted);
  const sd = Math.sqrt(counted.reduce((a, b) => a + (b - mean) ** 2, 0) / counted.length);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { peakPerS: r(peak * perS), meanPerS: r(mean * perS), peakToMean: mean > 0 ? r(peak / mean) : 0, cv: mean > 0 ? r(sd / mean) : 0 };
}
