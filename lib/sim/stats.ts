/** Summary of one measure over the runs of an experiment. */
export interface SummaryStats {
  mean: number;
  /** Median. Percentiles interpolate linearly between ranks (numpy's default). */
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/**
 * Mean, percentiles, min and max of `values`. All zeros for an empty input, so a
 * result is always plain JSON (no NaN).
 */
export function summarize(values: ArrayLike<number>): SummaryStats {
  const n = values.length;
  if (n === 0) return { mean: 0, p50: 0, p95: 0, p99: 0, min: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return {
    mean: sum / n,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    min: sorted[0]!,
    max: sorted[n - 1]!,
  };
}

/**
 * The `p`-th percentile (0–100) of ascending `sorted`, interpolating linearly between
 * the two nearest ranks. `sorted` must be non-empty.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}
