import type { RoomRun } from '@/lib/contract';
import { herdStats, type HerdStats } from '@/lib/rooms/herd-stats';

/** One point of the room's traffic chart: script time in s, calls per second, breakers open. */
export interface TrafficRow {
  t: number;
  first: number;
  retries: number;
  refused: number;
  open: number;
}

/**
 * A run's series as chart rows: each bin becomes calls per second at its
 * start, on script time (seconds since the run started). Pure, so it is
 * tested without a browser and the chart only draws.
 */
export function trafficRows(run: RoomRun): TrafficRow[] {
  const s = run.series;
  const perS = 1000 / s.binMs;
  return s.first.map((first, i) => ({
    t: Math.round((s.startAt + i * s.binMs - run.startedAt) / 10) / 100,
    first: first * perS,
    retries: s.retries[i]! * perS,
    refused: s.refused[i]! * perS,
    open: s.open[i]!,
  }));
}

/** The x axis: from the run's start to at least `minS` seconds, so a new run does not start squashed. */
export function timeDomain(rows: readonly TrafficRow[], minS = 60): [number, number] {
  const last = rows.at(-1)?.t ?? 0;
  return [0, Math.max(minS, Math.ceil(last / 10) * 10)];
}

/** The highest calls per second the chart must show: the tallest stack, or the capacity line. */
export function yTop(rows: readonly TrafficRow[], capacity: number | null): number {
  let top = capacity ?? 0;
  for (const r of rows) top = Math.max(top, r.first + r.retries);
  return top;
}

/** A run's numbers under its chart: spikiness from 5 s on (after the common start), refusals and the ok share. */
export interface RunSummary extends HerdStats {
  refused: number;
  /** Share of calls answered without a fault, 0–1; `null` without calls. */
  ok: number | null;
}

export function runSummary(run: RoomRun): RunSummary {
  const t = run.totals;
  return { ...herdStats(run.series, 5000), refused: t.refused, ok: t.calls > 0 ? t.ok / t.calls : null };
}
