/**
 * Pure aggregation behind the dashboard's charts.
 *
 * The page may hold 10 000 request records; a chart should draw a few hundred
 * points at most, or every SSE flush would re-layout thousands of SVG nodes.
 * So records are grouped into time bins chosen from a "nice" ladder (at most
 * {@link MAX_POINTS} bins), and raw scatters are thinned evenly. All times are
 * sandbox milliseconds since the session clock started.
 */
import type { AnswerSource, BreakerStateKind, BreakerTransition, RequestRecord } from '@/lib/contract';
import { LatencyHistogram } from '@/lib/resilience/latency-histogram';

/** Default cap on the points one series draws. */
export const MAX_POINTS = 300;

/** The answer sources in stacking order: the lesson's chain, then the failure. */
export const SOURCES = ['api', 'cache', 'local', 'fallback', 'error'] as const satisfies readonly AnswerSource[];

/** Bin widths in ms that read well on an axis (1 s, 2 s, 5 s, …, 1 h). */
export const NICE_BINS_MS = [
  100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000,
] as const;

/** The fields of a {@link RequestRecord} the time series need. */
export type RecordLike = Pick<RequestRecord, 'endedAt' | 'source' | 'latencyMs' | 'attempts'>;

/**
 * The smallest nice bin width that splits `spanMs` into at most `maxBins` bins.
 * Beyond the ladder, whole hours.
 */
export function chooseBinMs(spanMs: number, maxBins = MAX_POINTS): number {
  const span = Math.max(0, spanMs);
  for (const bin of NICE_BINS_MS) if (span / bin <= maxBins) return bin;
  return Math.ceil(span / maxBins / 3_600_000) * 3_600_000;
}

/** The next wider nice bin after `binMs`. */
function nextBin(binMs: number): number {
  return NICE_BINS_MS.find((b) => b > binMs) ?? (Math.floor(binMs / 3_600_000) + 1) * 3_600_000;
}

/**
 * At most `max` items, evenly spaced, always keeping the first and the last,
 * so a thinned scatter still spans the same range.
 */
export function downsample<T>(items: readonly T[], max = MAX_POINTS): T[] {
  if (items.length <= max) return items.slice();
  if (max <= 0) return [];
  if (max === 1) return [items[items.length - 1] as T];
  const out: T[] = [];
  const step = (items.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(items[Math.round(i * step)] as T);
  return out;
}

/** One time bin of every request-based series. `t` is the bin's start. */
export interface TimeBin {
  t: number;
  /** Requests that finished in the bin. */
  total: number;
  /** Share of requests the primary API answered, 0–1; `null` when the bin is empty (a gap, not a zero). */
  successRate: number | null;
  /** Share of requests the cache answered, 0–1; `null` when empty. */
  cacheHitRate: number | null;
  /** Latency quantiles in ms; `null` when empty. */
  p50: number | null;
  p95: number | null;
  api: number;
  cache: number;
  local: number;
  fallback: number;
  error: number;
}

/** Options of {@link binRecords}. */
export interface BinOptions {
  /** Left edge of the first bin, in ms. Default: the earliest record. */
  from?: number;
  /** Time the series runs to (e.g. the sandbox "now"), in ms. Default: the latest record. */
  to?: number;
  /** Upper bound on the number of bins. Default {@link MAX_POINTS}. */
  maxBins?: number;
  /** What counts as a success. Default: the primary API answered (the lesson's `successful_requests`). */
  isSuccess?: (source: AnswerSource) => boolean;
  /**
   * Narrowest bin in ms. Default 0 (the ladder's narrowest, 100 ms). A rate over a bin of one
   * request is 0% or 100%: a steady load of a few requests per second wants bins of a second or more.
   */
  minBinMs?: number;
}

/** Result of {@link binRecords}: the bins and the width that was chosen. */
export interface Binned {
  binMs: number;
  bins: TimeBin[];
}

/**
 * Group records by the time they finished into nice-width bins, and compute per
 * bin: counts by source, success and cache-hit rates, latency p50 and p95.
 * Empty bins are kept (with zero counts and `null` rates) so the time axis has no holes.
 */
export function binRecords(records: readonly RecordLike[], options: BinOptions = {}): Binned {
  const { isSuccess = (s: AnswerSource) => s === 'api' } = options;
  const maxBins = Math.max(1, Math.floor(options.maxBins ?? MAX_POINTS));
  if (records.length === 0 && options.from === undefined) return { binMs: chooseBinMs(0, maxBins), bins: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of records) {
    if (r.endedAt < lo) lo = r.endedAt;
    if (r.endedAt > hi) hi = r.endedAt;
  }
  const from = options.from ?? lo;
  const to = Math.max(options.to ?? hi, hi === -Infinity ? from : hi, from);
  // Bins are aligned to multiples of their width, so they do not shift as time runs on;
  // alignment can add a bin, so widen until the aligned count fits.
  let binMs = Math.max(chooseBinMs(to - from, maxBins), options.minBinMs ?? 0);
  const countFor = (w: number) => Math.floor((to - Math.floor(from / w) * w) / w) + 1;
  while (countFor(binMs) > maxBins) binMs = nextBin(binMs);
  const start = Math.floor(from / binMs) * binMs;
  const count = Math.floor((to - start) / binMs) + 1;
  const bins: TimeBin[] = [];
  // The server's estimator (lib/resilience/latency-histogram), so a bin's p95 and the stat card's agree in method.
  const latencies: LatencyHistogram[] = [];
  const successes: number[] = [];
  for (let i = 0; i < count; i++) {
    bins.push({ t: start + i * binMs, total: 0, successRate: null, cacheHitRate: null, p50: null, p95: null, api: 0, cache: 0, local: 0, fallback: 0, error: 0 });
    latencies.push(new LatencyHistogram());
    successes.push(0);
  }
  for (const r of records) {
    const i = Math.floor((r.endedAt - start) / binMs);
    const bin = bins[i];
    if (!bin) continue; // finished before `from`
    bin.total++;
    bin[r.source]++;
    if (isSuccess(r.source)) successes[i]!++;
    latencies[i]!.record(r.latencyMs);
  }
  bins.forEach((bin, i) => {
    if (bin.total === 0) return;
    bin.successRate = successes[i]! / bin.total;
    bin.cacheHitRate = bin.cache / bin.total;
    const [p50, p95] = latencies[i]!.quantiles([0.5, 0.95]);
    bin.p50 = p50 ?? null;
    bin.p95 = p95 ?? null;
  });
  return { binMs, bins };
}

/** One bar of the attempts-per-request histogram. `label` is e.g. `"0"`, `"3"` or `"10+"`. */
export interface HistogramBar {
  attempts: number;
  label: string;
  count: number;
}

/**
 * How many upstream calls each request made (Google SRE book, "Handling
 * Overload": retries multiply load). 0 means a cache hit or an open breaker.
 * Every bucket from 0 to the largest seen is present; values ≥ `overflowAt` share the last bar.
 */
export function attemptHistogram(records: readonly Pick<RecordLike, 'attempts'>[], overflowAt = 10): HistogramBar[] {
  const counts: number[] = [];
  let maxSeen = -1;
  for (const r of records) {
    const a = Math.min(Math.max(0, Math.floor(r.attempts)), overflowAt);
    counts[a] = (counts[a] ?? 0) + 1;
    if (a > maxSeen) maxSeen = a;
  }
  const bars: HistogramBar[] = [];
  for (let a = 0; a <= maxSeen; a++) bars.push({ attempts: a, label: a === overflowAt ? `${a}+` : String(a), count: counts[a] ?? 0 });
  return bars;
}

/** Vertical position of each breaker state on the timeline (higher = less traffic let through). */
export const BREAKER_LEVEL: Record<BreakerStateKind, number> = { closed: 0, 'half-open': 1, open: 2, isolated: 3 };

/** One step of the breaker timeline: the state from `t` until the next step. */
export interface BreakerStep {
  t: number;
  state: BreakerStateKind;
  level: number;
  /** The transition that started this step; absent for the synthetic first and last points. */
  transition?: BreakerTransition;
}

/**
 * Breaker state as a step function over `[from, to]`, for a `type="stepAfter"` line.
 * Keeps only the last `maxSteps` transitions (a flapping breaker can make thousands).
 * Ends with a point at `to` in the current state, so the last step is drawn up to "now".
 */
export function breakerSteps(
  transitions: readonly BreakerTransition[],
  options: { initial?: BreakerStateKind; from?: number; to?: number; maxSteps?: number } = {},
): BreakerStep[] {
  const { maxSteps = MAX_POINTS } = options;
  const kept = transitions.length > maxSteps ? transitions.slice(transitions.length - maxSteps) : transitions;
  const first = kept[0];
  const initial = first ? first.from : (options.initial ?? 'closed');
  const from = Math.min(options.from ?? first?.at ?? 0, first?.at ?? Infinity);
  const steps: BreakerStep[] = [{ t: from, state: initial, level: BREAKER_LEVEL[initial] }];
  for (const tr of kept) steps.push({ t: tr.at, state: tr.to, level: BREAKER_LEVEL[tr.to], transition: tr });
  const last = steps[steps.length - 1]!;
  const to = Math.max(options.to ?? last.t, last.t);
  if (to > last.t) steps.push({ t: to, state: last.state, level: last.level });
  return steps;
}
