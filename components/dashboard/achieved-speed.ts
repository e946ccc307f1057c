/**
 * Whether the page should say "×60 → actually ×18". Under load the server's
 * pacer shares it fairly between sessions by slowing each one's sandbox time,
 * rather than queueing requests (lib/resilience/pacer.ts), so a session asked
 * to run at ×60 may really run at ×18. `SessionView.achievedSpeed` measures
 * that over the server's last ~2 s of real time.
 *
 * That window makes some readings misleading, and the page must not cry wolf:
 * - right after a speed change it still spans the old speed (×1 → ×60 reads ×0.01);
 * - while the session is idle the pacer takes no samples, so a reading spans minutes.
 * So a shortfall is shown only from readings taken while the sandbox is busy
 * (a run or a script playing), at least {@link SETTLE_MS} after the busy spell
 * began and after the last speed change, and not older than {@link STALE_MS}.
 */

/** Show the achieved speed when it is below this share of the asked one. */
export const SHORTFALL_RATIO = 0.9;

/** A reading counts once this long (page ms) has passed since the busy spell began or the speed changed: the server's window is ~2 s. */
export const SETTLE_MS = 2500;

/** A reading older than this (page ms) is no longer shown: the polls stopped or failed. */
export const STALE_MS = 6000;

/** One reading of the server's speeds, with the page time (ms, `performance.now()`) it arrived. */
export interface SpeedReading {
  asked: number;
  achieved: number;
  at: number;
}

/** What the page knows besides the reading, all in page ms. */
export interface SpeedContext {
  now: number;
  /** The speed asked for now. */
  asked: number;
  /** When the current busy spell (run or script) began; `null` while idle. */
  busySince: number | null;
  /** When the page last saw the asked speed change (or the page start). */
  speedSince: number;
}

/** The two speeds to show, or `null` when the sandbox keeps up (or the reading cannot be trusted; see the file comment). */
export function speedShortfall(reading: SpeedReading | null, ctx: SpeedContext): { asked: number; achieved: number } | null {
  if (!reading || ctx.busySince === null) return null;
  if (reading.asked !== ctx.asked) return null;
  if (reading.at - Math.max(ctx.busySince, ctx.speedSince) < SETTLE_MS) return null;
  if (ctx.now - reading.at > STALE_MS) return null;
  if (!Number.isFinite(reading.achieved) || reading.achieved < 0 || reading.achieved >= SHORTFALL_RATIO * reading.asked) return null;
  return { asked: reading.asked, achieved: reading.achieved };
}

/** A speed as the picker writes it: `×18` from ×10 up, `×2.5` below, `×0.05` below 1. */
export function formatSpeed(x: number): string {
  if (x >= 10) return `×${Math.round(x)}`;
  return `×${Number(x.toFixed(x >= 1 ? 1 : 2))}`;
}
