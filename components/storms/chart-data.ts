/**
 * Pure shaping of storm results into chart rows and display strings, kept
 * apart from React so the rules are unit-tested.
 */
import { superscript } from '@/lib/resilience/backoff';
import { layeredAmplification, type FailureRatePoint, type StormRunResult } from '@/lib/sim';

/** One second of the run, as the time chart draws it (rates per second). */
export interface TimeRow {
  /** Start of the bin, s. */
  t: number;
  /** Calls reaching the server: first tries + retries. */
  offered: number;
  firstTries: number;
  /** Requests answered. */
  goodput: number;
  /** The server's capacity. */
  capacity: number;
  /** How long a new arrival would wait in the queue, s (queue ÷ capacity). */
  waitS: number;
  /** Mean budget tokens per client, when there is a budget. */
  tokens?: number;
  /** % of clients whose retry breaker is open, when there is one. */
  breakerOpenPct?: number;
}

/** The time chart's rows, one per bin. */
export function timeRows(r: StormRunResult): TimeRow[] {
  const s = r.series;
  return s.tS.map((t, i) => {
    const capacity = s.capacity[i]!;
    const row: TimeRow = {
      t,
      offered: s.offered[i]!,
      firstTries: s.firstTries[i]!,
      goodput: s.goodput[i]!,
      capacity,
      // During a full stop the wait is unbounded; show it against normal capacity instead of ∞.
      waitS: s.queue[i]! / Math.max(capacity, r.options.capacity * 0.05, 1),
    };
    if (s.tokens) row.tokens = s.tokens[i]!;
    if (s.breakerOpen) row.breakerOpenPct = 100 * s.breakerOpen[i]!;
    return row;
  });
}

/** One bar of the attempts-per-request chart. */
export interface AttemptsRow {
  /** Calls the request made, 1…attempts^layers. */
  calls: number;
  /** % of finished requests that made that many. */
  pct: number;
}

/** Share of finished requests by calls made. */
export function attemptsRows(r: StormRunResult): AttemptsRow[] {
  const done = r.attemptsPerRequest.reduce((a, b) => a + b, 0);
  return r.attemptsPerRequest.map((n, i) => ({ calls: i + 1, pct: done === 0 ? 0 : (100 * n) / done }));
}

/** One failure rate of the amplification chart. */
export interface SweepRow {
  p: number;
  none: number;
  grpc: number;
  brooker: number;
  /** 1 + p + … + p^(calls − 1): the closed form without a budget. */
  formula: number;
}

/** The sweep's rows, with the closed form for `attempts` × `layers` beside the simulated values. */
export function sweepRows(points: readonly FailureRatePoint[], attempts: number, layers: number): SweepRow[] {
  return points.map((x) => ({ p: x.p, ...x.amplification, formula: layeredAmplification(x.p, attempts, layers) }));
}

/** The closed form's sum up to pⁿ, written out: "1 + p + p² + p³", or "1 + p + … + p⁹" past four terms. */
export function geometricSum(n: number): string {
  const term = (k: number) => (k === 0 ? '1' : k === 1 ? 'p' : `p${superscript(k)}`);
  if (n <= 3) return Array.from({ length: Math.max(0, n) + 1 }, (_, k) => term(k)).join(' + ');
  return `1 + p + … + ${term(n)}`;
}

/** "×1.875" (3 decimals below 10, 1 above). */
export function formatTimes(x: number): string {
  return `×${x.toFixed(x >= 10 ? 1 : 3)}`;
}

/** "12.3%" from a share in 0–1. */
export function formatShare(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** A rate per second, rounded to a whole number. */
export function formatRate(x: number): string {
  return Math.round(x).toString();
}

/** Milliseconds as "35 ms" or "1.2 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A short x-axis tick for seconds (no decimals for whole seconds). */
export function formatSeconds(s: number): string {
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

/** Share of the server's work spent on attempts nobody waited for any more. */
export function wastedShare(r: StormRunResult): number {
  return r.totals.served === 0 ? 0 : r.totals.wasted / r.totals.served;
}
