/**
 * Round tick values for an axis, so labels read "0, 10, 20, 30" rather than
 * recharts' "0, 11.7, 23.4" — and so the end of a live time axis (wherever
 * "now" happens to be) is never a tick whose label collides with the last round one.
 */

/** The smallest 1, 2 or 5 × 10ⁿ step that splits `span` into at most `maxTicks - 1` intervals. */
export function niceStep(span: number, maxTicks = 6): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, maxTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

/**
 * Multiples of a nice step inside `[lo, hi]`, at most `maxTicks` of them.
 * `integer` keeps the step ≥ 1 (counts, retry numbers).
 */
export function niceTicks(lo: number, hi: number, maxTicks = 6, integer = false): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return [];
  if (hi === lo) return [lo];
  let step = niceStep(hi - lo, maxTicks);
  // A step longer than the range may miss it entirely: step down the 1-2-5 ladder until one fits.
  while (step > hi - lo) step = lowerStep(step);
  if (integer) step = Math.max(1, Math.round(step));
  // Snap to the step's own decimals, so 0.1 + 0.2 prints as 0.3.
  const decimals = Math.min(20, Math.max(0, -Math.floor(Math.log10(step)) + 1));
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(decimals)));
  return ticks;
}

/** The next smaller 1, 2 or 5 × 10ⁿ. */
function lowerStep(step: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const m = Math.round(step / magnitude);
  return m >= 5 ? 2 * magnitude : m >= 2 ? magnitude : magnitude / 2;
}

/** A round upper bound for a value axis that starts at 0: the first nice tick at or above `max` (at least `min`). */
export function niceMax(max: number, maxTicks = 6, min = 1): number {
  const top = Math.max(min, max);
  const step = niceStep(top, maxTicks);
  return Math.ceil(top / step - 1e-9) * step;
}
