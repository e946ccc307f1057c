import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LatencyHistogram } from './latency-histogram';

/** The exact nearest-rank quantile: the ⌈q·n⌉-th smallest value. */
const nearestRank = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
};
const within = (estimate: number, exact: number, alpha: number) => Math.abs(estimate - exact) <= alpha * exact * (1 + 1e-9) + 1e-12;

/** Latencies as they occur: zeros (a virtual-clock cache hit), sub-ms, typical and minutes-long. */
const latency = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0.001, max: 1, noNaN: true }),
  fc.integer({ min: 1, max: 120_000 }),
  fc.double({ min: 0.001, max: 1e9, noNaN: true }),
);
const q = fc.double({ min: 0, max: 1, noNaN: true });

describe('LatencyHistogram', () => {
  it('is exact while small, then estimates; empty reads as 0', () => {
    const h = new LatencyHistogram({ exactUpTo: 3 });
    expect([h.count, h.quantile(0.5), h.mean]).toEqual([0, 0, 0]);
    for (const ms of [30, 10, 20]) h.record(ms);
    expect(h.quantiles([0, 0.5, 1])).toEqual([10, 20, 30]);
    h.record(40); // 4 > exactUpTo: estimated from now on
    const p50 = h.quantile(0.5);
    expect(p50).not.toBe(20);
    expect(within(p50, 20, 0.01)).toBe(true);
    expect(h.mean).toBe(25);
  });

  it('counts values below minValue as 0, and clamps values above maxValue', () => {
    const h = new LatencyHistogram({ exactUpTo: 0, minValue: 1, maxValue: 1000 });
    h.record(0.5);
    h.record(0);
    h.record(5000);
    expect(h.quantiles([0, 0.5, 1])).toEqual([0, 0, 1000]);
  });

  it('refuses bad values and options with RangeError', () => {
    const h = new LatencyHistogram();
    for (const bad of [-1, Number.NaN, Infinity]) expect(() => h.record(bad)).toThrow(RangeError);
    expect(() => h.quantile(1.5)).toThrow(RangeError);
    expect(() => h.quantile(Number.NaN)).toThrow(RangeError);
    expect(h.count).toBe(0);
    for (const o of [{ relativeAccuracy: 0 }, { relativeAccuracy: 0.5 }, { minValue: 0 }, { minValue: 10, maxValue: 5 }, { maxValue: Infinity }, { exactUpTo: -1 }])
      expect(() => new LatencyHistogram(o)).toThrow(RangeError);
  });

  it('remove() takes back a recorded value, and refuses one it does not hold', () => {
    const h = new LatencyHistogram({ exactUpTo: 2 });
    h.record(7);
    expect(h.remove(8)).toBe(false); // exact mode: only a held value goes
    expect(h.remove(7)).toBe(true);
    expect(h.remove(7)).toBe(false);
    expect([h.count, h.sum]).toEqual([0, 0]);
    for (let i = 0; i < 10; i++) h.record(100);
    expect(h.remove(5)).toBe(false); // empty bucket
    expect(h.remove(Number.NaN)).toBe(false);
    expect(h.count).toBe(10);
  });

  it('has bounded memory: about 1 400 buckets for 1 µs … 11.6 days at 1%', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 100_000; i++) h.record(i);
    const buckets = (h as unknown as { counts: Float64Array }).counts.length;
    expect(buckets).toBeGreaterThan(1000);
    expect(buckets).toBeLessThan(1500);
    expect(h.toJSON().exact).toBeUndefined();
  });

  it('merge requires the same layout, and stays exact only while the sum fits exactUpTo', () => {
    expect(() => new LatencyHistogram().merge(new LatencyHistogram({ relativeAccuracy: 0.02 }))).toThrow(RangeError);
    const a = new LatencyHistogram({ exactUpTo: 4 });
    const b = new LatencyHistogram({ exactUpTo: 4 });
    [3, 1].forEach((v) => a.record(v));
    [4, 2].forEach((v) => b.record(v));
    a.merge(b);
    expect(a.toJSON().exact).toEqual([1, 2, 3, 4]);
    a.merge(b);
    expect(a.toJSON().exact).toBeUndefined();
    expect(a.count).toBe(6);
  });

  it('fromJSON rejects malformed input from the wire', () => {
    const good = new LatencyHistogram();
    good.record(5);
    const j = good.toJSON();
    for (const bad of [
      null,
      { ...j, buckets: 'x' },
      { ...j, buckets: [[-1, 1]] },
      { ...j, buckets: [[0, 1.5]] },
      { ...j, buckets: [[1e9, 1]] },
      { ...j, zeroCount: -1 },
      { ...j, sum: Number.NaN },
      { ...j, relativeAccuracy: 2 },
    ])
      expect(() => LatencyHistogram.fromJSON(bad as never)).toThrow(RangeError);
    // A wrong exact list is dropped, not trusted; a right one is kept.
    for (const exact of [[999], [5, 5], [-5], ['5'], [Number.NaN]]) {
      const forged = LatencyHistogram.fromJSON({ ...j, exact: exact as number[] });
      expect(forged.toJSON().exact).toBeUndefined();
      expect(within(forged.quantile(0.5), 5, 0.01)).toBe(true);
    }
    const two = new LatencyHistogram();
    two.record(9);
    two.record(4);
    expect(LatencyHistogram.fromJSON({ ...two.toJSON(), exact: [9, 4] }).toJSON().exact).toBeUndefined(); // unsorted
    expect(LatencyHistogram.fromJSON(two.toJSON()).quantiles([0, 1])).toEqual([4, 9]);
  });
});

describe('LatencyHistogram (property)', () => {
  it('every estimated quantile is within the documented relative error of the exact nearest-rank quantile', () => {
    fc.assert(
      fc.property(
        fc.array(latency, { minLength: 1, maxLength: 400 }),
        fc.array(q, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0.01, 0.02, 0.005),
        (values, qs, alpha) => {
          const h = new LatencyHistogram({ relativeAccuracy: alpha, exactUpTo: 0 });
          for (const v of values) h.record(v);
          const estimates = h.quantiles(qs);
          qs.forEach((p, k) => {
            const exact = nearestRank(values, p);
            expect(within(estimates[k]!, exact, alpha), `q=${p}: ${estimates[k]} vs ${exact}`).toBe(true);
            expect(h.quantile(p)).toBe(estimates[k]);
          });
          expect(h.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is exact up to exactUpTo values, and stays exact through removals', () => {
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 64 }), q, fc.nat(), (values, p, drop) => {
        const h = new LatencyHistogram();
        for (const v of values) h.record(v);
        expect(h.quantile(p)).toBe(nearestRank(values, p));
        const gone = values[drop % values.length]!;
        expect(h.remove(gone)).toBe(true);
        const rest = [...values];
        rest.splice(rest.indexOf(gone), 1);
        if (rest.length > 0) expect(h.quantile(p)).toBe(nearestRank(rest, p));
      }),
    );
  });

  it('a sliding window (record + remove) equals a histogram of what is left; merge equals recording both; JSON round-trips', () => {
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 300 }), fc.array(latency, { maxLength: 100 }), fc.integer({ min: 1, max: 50 }), (a, b, window) => {
        const sliding = new LatencyHistogram({ exactUpTo: 0 });
        a.forEach((v, i) => {
          sliding.record(v);
          if (i >= window) expect(sliding.remove(a[i - window]!)).toBe(true);
        });
        const fresh = new LatencyHistogram({ exactUpTo: 0 });
        for (const v of a.slice(-window)) fresh.record(v);
        expect(sliding.toJSON().buckets).toEqual(fresh.toJSON().buckets);
        expect(sliding.count).toBe(fresh.count);

        const ha = new LatencyHistogram();
        const hb = new LatencyHistogram();
        const both = new LatencyHistogram();
        for (const v of a) ha.record(v);
        for (const v of b) hb.record(v);
        for (const v of [...a, ...b]) both.record(v);
        ha.merge(hb);
        expect(ha.quantiles([0, 0.5, 0.95, 0.99, 1])).toEqual(both.quantiles([0, 0.5, 0.95, 0.99, 1]));
        const back = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(ha.toJSON())));
        expect(back.quantiles([0, 0.5, 0.99])).toEqual(ha.quantiles([0, 0.5, 0.99]));
        expect(back.count).toBe(ha.count);
      }),
      { numRuns: 300 },
    );
  });
});
