import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { niceMax, niceStep, niceTicks } from './ticks';

describe('niceTicks', () => {
  it('gives round values inside the range, never the range’s ragged end', () => {
    expect(niceTicks(0, 47.3)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(12.4, 97)).toEqual([20, 40, 60, 80]);
    expect(niceTicks(0, 100, 5)).toEqual([0, 50, 100]);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.5, 3.5, 6, true)).toEqual([1, 2, 3]);
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(5, 1)).toEqual([]);
  });

  it('property: at most maxTicks, ascending, evenly spaced by a 1/2/5 step, all within the range', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 12 }), (lo, span, max) => {
        const hi = lo + span;
        const ticks = niceTicks(lo, hi, max);
        expect(ticks.length).toBeGreaterThan(0);
        expect(ticks.length).toBeLessThanOrEqual(2 * max + 1);
        expect(niceStep(span, max)).toBeGreaterThan(0);
        const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : span;
        // (1.000001: a difference of two large ticks can come out a hair under the step.)
        if (ticks.length > 1) expect(Number((step / 10 ** Math.floor(Math.log10(step * 1.000001))).toFixed(3))).toSatisfy((m: number) => [1, 2, 5].includes(m));
        for (const t of ticks) {
          expect(t).toBeGreaterThanOrEqual(lo - Math.abs(lo) * 1e-12 - step * 1e-6);
          expect(t).toBeLessThanOrEqual(hi + Math.abs(hi) * 1e-12 + step * 1e-6);
        }
        for (let i = 1; i < ticks.length; i++) expect(Math.abs(ticks[i]! - ticks[i - 1]! - step)).toBeLessThanOrEqual(step * 1e-6 + Math.abs(hi) * 1e-12);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('niceMax', () => {
  it('rounds an axis top up to a nice tick', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(8);
    expect(niceMax(43)).toBe(50);
    expect(niceMax(3.48, 5)).toBe(4);
    expect(niceMax(1000)).toBe(1000);
  });
});
