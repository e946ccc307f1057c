import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampToLimits, SEED_LIMITS, type RangeLimits } from './limits';

const whole: RangeLimits = { min: 10, max: 200, step: 10 };
const share: RangeLimits = { min: 0, max: 1, step: 0.05 };

describe('clampToLimits', () => {
  it('clamps, rounds, and replaces what is not a finite number', () => {
    expect(clampToLimits(5000, whole, 100)).toBe(200);
    expect(clampToLimits(-3, whole, 100)).toBe(10);
    expect(clampToLimits(42.6, whole, 100)).toBe(43); // integer rounding for step >= 1, as the labs did
    expect(clampToLimits(Number.NaN, whole, 100)).toBe(100);
    expect(clampToLimits(Number.POSITIVE_INFINITY, whole, 100)).toBe(100);
    expect(clampToLimits(0.37, share, 0.5)).toBeCloseTo(0.35, 12);
    expect(clampToLimits(0.2, SEED_LIMITS, 1)).toBe(0);
  });

  it('always lands inside the limits, and is idempotent (property)', () => {
    const limits = fc.oneof(fc.constant(whole), fc.constant(SEED_LIMITS), fc.constant({ min: 1, max: 100, step: 1 }));
    fc.assert(
      fc.property(limits, fc.oneof(fc.double(), fc.integer({ min: -1e7, max: 1e7 })), (l, v) => {
        const c = clampToLimits(v, l, l.min);
        expect(c).toBeGreaterThanOrEqual(l.min);
        expect(c).toBeLessThanOrEqual(l.max);
        expect(Number.isInteger(c)).toBe(true);
        expect(clampToLimits(c, l, l.min)).toBe(c);
      }),
    );
  });

  it('equals round-then-clamp on integer bounds (the jitter lab’s former rule)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 2e6, noNaN: true }), (v) => {
        const { min, max } = SEED_LIMITS;
        expect(clampToLimits(v, SEED_LIMITS, 0)).toBe(Math.min(max, Math.max(min, Math.round(v))));
      }),
    );
  });
});
