/**
 * Pure shaping of simulator results into chart rows, kept apart from React so
 * the trimming and binning rules are unit-tested.
 */
import type { SimStrategyId, StrategyResult, SweepResult } from '@/lib/sim';

/** One bin of the side-by-side histograms: start time in s, mean calls of each side in that bin. */
export interface HistogramRow {
  /** Start of the bin, in seconds. */
  t: number;
  baseline: number;
  chosen: number;
}

/** The histograms' data, trimmed and re-binned, with the domains both panels share. */
export interface HistogramData {
  rows: HistogramRow[];
  /** Bin width in ms after merging (a multiple of the simulator's 100 ms). */
  binMs: number;
  /** Right edge of both x axes, in seconds. */
  endS: number;
  /** Top of both y axes (the largest bin of either side), so heights compare. */
  maxCount: number;
}

/**
 * Where to cut the long tail: the larger p95 completion time of the two sides,
 * rounded up to a whole bin (at least one bin). Beyond it only the odd slow run
 * still retries, and those few calls would squash the interesting part.
 */
export function trimEndMs(sides: readonly Pick<StrategyResult, 'completionMs'>[], binMs: number): number {
  const p95 = Math.max(0, ...sides.map((s) => s.completionMs.p95));
  return Math.max(1, Math.ceil(p95 / binMs)) * binMs;
}

/**
 * Sum adjacent bins in groups of `factor` (the last group may be shorter).
 * Summing, not averaging, keeps the meaning "calls in this bin" for the wider bin.
 */
export function mergeBins(counts: readonly number[], factor: number): number[] {
  const k = Math.max(1, Math.floor(factor));
  const out: number[] = [];
  for (let i = 0; i < counts.length; i += k) {
    let sum = 0;
    for (let j = i; j < Math.min(i + k, counts.length); j++) sum += counts[j]!;
    out.push(sum);
  }
  return out;
}

/** Options of {@link histogramData}. */
export interface HistogramOptions {
  /** At most this many bins per side. Default 240. */
  maxBars?: number;
  /**
   * Whose tail sets the cut: `both` (the slower side's p95, default: the honest
   * comparison) or `chosen` (zoom in on the compared strategy's span, where the
   * baseline's clusters are visible).
   */
  endFrom?: 'both' | 'chosen';
}

/**
 * Rows for "calls over time", baseline against chosen, on one time axis.
 *
 * Both histograms come from the same experiment (same seed, same bin width).
 * They are cut at {@link trimEndMs} and, when that leaves more than `maxBars`
 * bins, adjacent bins are summed so a chart never draws more than `maxBars`
 * steps (recharts stays fast and the clusters stay visible).
 */
export function histogramData(
  baseline: Pick<StrategyResult, 'histogram' | 'completionMs'>,
  chosen: Pick<StrategyResult, 'histogram' | 'completionMs'>,
  { maxBars = 240, endFrom = 'both' }: HistogramOptions = {},
): HistogramData {
  const simBin = baseline.histogram.binMs;
  const endMs = trimEndMs(endFrom === 'chosen' ? [chosen] : [baseline, chosen], simBin);
  const bins = Math.round(endMs / simBin);
  const factor = Math.max(1, Math.ceil(bins / Math.max(1, maxBars)));
  const cut = (counts: readonly number[]) => Array.from({ length: bins }, (_, i) => counts[i] ?? 0);
  const a = mergeBins(cut(baseline.histogram.counts), factor);
  const b = mergeBins(cut(chosen.histogram.counts), factor);
  const binMs = simBin * factor;
  const rows = a.map((v, i) => ({ t: (i * binMs) / 1000, baseline: v, chosen: b[i] ?? 0 }));
  // A closing row at the right edge, so the last step of a `stepAfter` area is drawn full width.
  const last = rows[rows.length - 1];
  if (last) rows.push({ t: endMs / 1000, baseline: last.baseline, chosen: last.chosen });
  return { rows, binMs, endS: endMs / 1000, maxCount: Math.max(0, ...a, ...b) };
}

/** One row of a sweep chart: the herd size and one value per strategy id. */
export type SweepRow = { clients: number } & Partial<Record<SimStrategyId, number>>;

/**
 * Rows for the "against clients" line charts. `measure` picks calls, or
 * completion time converted to seconds (the axis reads better in s).
 */
export function sweepRows(sweep: SweepResult, measure: 'calls' | 'completionS'): SweepRow[] {
  return sweep.points.map((p) => {
    const row: SweepRow = { clients: p.clients };
    const source = measure === 'calls' ? p.calls : p.completionMs;
    for (const [id, v] of Object.entries(source) as [SimStrategyId, number | undefined][]) {
      if (v !== undefined) row[id] = measure === 'calls' ? v : v / 1000;
    }
    return row;
  });
}

/** An axis tick: three significant digits at most, no trailing zeros (0.025, 4.9, 62.6, 104, 5000). */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  return String(Number(v.toPrecision(3)));
}

/** `ratio` of two positive numbers as "×2.3", or "—" when it is undefined. */
export function formatRatio(numerator: number, denominator: number): string {
  if (!(denominator > 0) || !Number.isFinite(numerator)) return '—';
  const r = numerator / denominator;
  return `×${r >= 10 ? r.toFixed(0) : r.toFixed(1)}`;
}

/** A mean count for people: whole numbers, thin-space thousands ("1 824"). */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** A duration in ms for people: "850 ms" below 1 s, "4.9 s" below 100 s, "104 s" above. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return s < 100 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}
