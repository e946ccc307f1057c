/**
 * The bounds of a lab's numeric controls, shared by the sliders that show them
 * and the clamping that keeps hand-edited (or preset) params inside them.
 */

/** Bounds (inclusive) and slider step of one numeric control, in the control's unit. */
export interface RangeLimits {
  readonly min: number;
  readonly max: number;
  /** The slider's step; values are rounded to it (to an integer when it is 1 or more). */
  readonly step: number;
}

/** The base seed of every lab: 0–1 000 000, whole numbers. */
export const SEED_LIMITS: RangeLimits = { min: 0, max: 1_000_000, step: 1 };

/**
 * `value` brought inside `limits`: clamped, then rounded to an integer when the
 * step is 1 or more, else to a multiple of the step. A value that is not a
 * finite number (NaN, ±Infinity) becomes `fallback` instead.
 */
export function clampToLimits(value: number, limits: RangeLimits, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  const { min, max, step } = limits;
  const c = Math.min(max, Math.max(min, value));
  return step >= 1 ? Math.round(c) : Math.round(c / step) * step;
}
