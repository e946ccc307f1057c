import type { ResolvedStormOptions } from './storm-options';
import type { StormSeries } from './storm-series';

/** Means over a stretch of the run (bins whose start lies in [fromS, toS)). Rates are per second. */
export interface StormWindow {
  fromS: number;
  toS: number;
  /** Requests answered per second. */
  goodput: number;
  /** First tries per second. */
  firstTries: number;
  /** Calls reaching the server per second. */
  offered: number;
  /** `goodput / firstTries`: the share of requests answered (0 when there were none). */
  answered: number;
  /** `offered / firstTries`: calls per first try in this stretch. */
  amplification: number;
}

/** The figures the lab quotes: is goodput back after the trigger? */
export interface StormSummary {
  /** The whole run. */
  whole: StormWindow;
  /** Before the dip; `null` without a trigger or when it starts at 0. */
  beforeDip: StormWindow | null;
  /** During the dip; `null` without a trigger. */
  duringDip: StormWindow | null;
  /**
   * "After the dip": from `recoveryGraceS` after the dip ends to the end of the run
   * (from the dip's end when the grace would leave nothing); `null` without a trigger
   * or when the dip lasts to the end.
   */
  afterDip: StormWindow | null;
  /**
   * Seconds after the dip ended from which every bin answers at least
   * {@link RECOVERED_SHARE} of what was answered before the dip (of all requests
   * without a before-window); `null` if goodput never came back for good, or without a trigger.
   */
  recoveredAfterS: number | null;
}

/** "Recovered" means at least this share of the pre-dip answered share. */
export const RECOVERED_SHARE = 0.9;

/** Means of `series` over the bins starting in [fromS, toS), weighted by bin width. */
export function stormWindow(series: StormSeries, fromS: number, toS: number, durationS: number): StormWindow {
  let w = 0;
  let goodput = 0;
  let first = 0;
  let offered = 0;
  const binS = series.binMs / 1000;
  for (let i = 0; i < series.tS.length; i++) {
    const t = series.tS[i]!;
    if (t < fromS || t >= toS) continue;
    const width = Math.min(binS, durationS - t);
    w += width;
    goodput += series.goodput[i]! * width;
    first += series.firstTries[i]! * width;
    offered += series.offered[i]! * width;
  }
  const mean = (x: number) => (w > 0 ? x / w : 0);
  return {
    fromS,
    toS,
    goodput: mean(goodput),
    firstTries: mean(first),
    offered: mean(offered),
    answered: first > 0 ? goodput / first : 0,
    amplification: first > 0 ? offered / first : 0,
  };
}

/** The summary of one run (see {@link StormSummary}). */
export function summarizeStorm(series: StormSeries, o: ResolvedStormOptions): StormSummary {
  const d = o.durationS;
  const whole = stormWindow(series, 0, d, d);
  const t = o.trigger;
  if (!t) return { whole, beforeDip: null, duringDip: null, afterDip: null, recoveredAfterS: null };
  const dipEnd = Math.min(d, t.atS + t.durationS);
  const beforeDip = t.atS > 0 ? stormWindow(series, 0, t.atS, d) : null;
  const duringDip = stormWindow(series, t.atS, dipEnd, d);
  const afterFrom = dipEnd + o.recoveryGraceS < d ? dipEnd + o.recoveryGraceS : dipEnd;
  const afterDip = afterFrom < d ? stormWindow(series, afterFrom, d, d) : null;

  const target = RECOVERED_SHARE * (beforeDip ? beforeDip.answered : 1);
  let recoveredAt: number | null = null;
  for (let i = series.tS.length - 1; i >= 0; i--) {
    const start = series.tS[i]!;
    if (start < dipEnd) break;
    const first = series.firstTries[i]!;
    const ok = first === 0 || series.goodput[i]! >= target * first;
    if (!ok) break;
    recoveredAt = start;
  }
  return { whole, beforeDip, duringDip, afterDip, recoveredAfterS: recoveredAt === null ? null : recoveredAt - dipEnd };
}
