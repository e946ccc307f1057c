/**
 * Number formatting shared by the panels. Units are SI symbols (ms, s) in both
 * languages, as in the lesson's own logs and in the delay formulas the server sends.
 */

/** A duration: `850 ms` below a second, `3.48 s` above. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** Sandbox time as seconds since the session clock started, e.g. `12.3 s`. */
export function formatSandboxTime(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** A 0–1 rate as a percentage with two decimals, as the lesson's `get_stats()` prints it. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
  return `${(rate * 100).toFixed(2)}%`;
}

/** An integer with thousands separators. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}

/** A time-axis tick in seconds: whole numbers stay whole, others get one decimal. */
export function formatSecondsTick(seconds: number): string {
  return String(Number(seconds.toFixed(1)));
}
