import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileOfSorted, summarize } from './stats';

describe('summarize', () => {
  it('computes mean, interpolated percentiles, min and max', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toEqual({ mean: 3, p50: 3, p95: 4.8, p99: 4.96, min: 1, max: 5 });
  });

  it('returns zeros, not NaN, for no data', () => {
    expect(summarize([])).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0, min: 0, max: 0 });
  });

  it('orders min ≤ p50 ≤ p95 ≤ p99 ≤ max and keeps the mean inside (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const s = summarize(xs);
        expect(s.min).toBe(Math.min(...xs));
        expect(s.max).toBe(Math.max(...xs));
        expect(s.p50).toBeGreaterThanOrEqual(s.min);
        expect(s.p95).toBeGreaterThanOrEqual(s.p50);
        expect(s.p99).toBeGreaterThanOrEqual(s.p95);
        expect(s.max).toBeGreaterThanOrEqual(s.p99);
        expect(s.mean).toBeGreaterThanOrEqual(s.min - 1e-6);
        expect(s.mean).toBeLessThanOrEqual(s.max + 1e-6);
      }),
    );
  });

  it('percentileOfSorted clamps p and handles one value', () => {
    expect(percentileOfSorted([7], 50)).toBe(7);
    expect(percentileOfSorted([1, 2, 3], 150)).toBe(3);
    expect(percentileOfSorted([1, 2, 3], -5)).toBe(1);
  });
});
