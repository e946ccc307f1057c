import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runExperiment, sweepClients } from '@/lib/sim';
import { formatCount, formatTick, formatDuration, formatRatio, histogramData, mergeBins, sweepRows, trimEndMs } from './chart-data';

const side = (counts: number[], p95: number) => ({
  histogram: { binMs: 100, counts },
  completionMs: { mean: p95, p50: p95, p95, p99: p95, min: p95, max: p95 },
});

describe('trimEndMs', () => {
  it('cuts at the slower side’s p95, rounded up to a whole bin', () => {
    expect(trimEndMs([side([], 4_901), side([], 68_314)], 100)).toBe(68_400);
    expect(trimEndMs([side([], 300)], 100)).toBe(300);
  });
  it('keeps at least one bin', () => {
    expect(trimEndMs([side([], 0)], 100)).toBe(100);
  });
});

describe('mergeBins', () => {
  it('sums groups, the last one possibly short', () => {
    expect(mergeBins([1, 2, 3, 4, 5], 2)).toEqual([3, 7, 5]);
    expect(mergeBins([1, 2, 3], 1)).toEqual([1, 2, 3]);
  });
  it('keeps the total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000)), fc.integer({ min: 1, max: 50 }), (counts, k) => {
        const merged = mergeBins(counts, k);
        expect(merged.reduce((a, b) => a + b, 0)).toBe(counts.reduce((a, b) => a + b, 0));
        expect(merged.length).toBe(Math.ceil(counts.length / k));
      }),
    );
  });
});

describe('histogramData', () => {
  it('trims the tail, pads the shorter side with zeros and shares the domains', () => {
    const d = histogramData(side([5, 0, 3, 9, 1, 1, 1], 250), side([2, 2], 150));
    expect(d.binMs).toBe(100);
    expect(d.endS).toBe(0.3);
    // Three bins plus the closing row at the right edge.
    expect(d.rows).toEqual([
      { t: 0, baseline: 5, chosen: 2 },
      { t: 0.1, baseline: 0, chosen: 2 },
      { t: 0.2, baseline: 3, chosen: 0 },
      { t: 0.3, baseline: 3, chosen: 0 },
    ]);
    expect(d.maxCount).toBe(5); // the 9 lies beyond the cut
  });

  it('merges bins so no chart draws more than maxBars steps', () => {
    const counts = Array.from({ length: 1000 }, (_, i) => i % 7);
    const d = histogramData(side(counts, 100_000), side(counts, 100), { maxBars: 240 });
    expect(d.rows.length - 1).toBeLessThanOrEqual(240);
    expect(d.binMs).toBe(500);
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(total(d.rows.slice(0, -1).map((r) => r.baseline))).toBe(total(counts));
  });

  it('zooms to the chosen side’s span on request', () => {
    const d = histogramData(side([1, 1, 1, 1, 50], 450), side([3, 1], 120), { endFrom: 'chosen' });
    expect(d.endS).toBe(0.2);
    expect(d.rows.map((r) => r.baseline)).toEqual([1, 1, 1]);
    expect(d.maxCount).toBe(3);
  });

  it('shapes a real experiment: exponential’s tail is far longer than full jitter’s', () => {
    const r = runExperiment({ model: 'occ', clients: 100, runs: 5, seed: 1, strategies: ['exponential', 'full'] });
    const [exp, full] = r.strategies;
    const d = histogramData(exp!, full!);
    expect(d.endS * 1000).toBeGreaterThanOrEqual(exp!.completionMs.p95);
    const lastFull = d.rows.findLastIndex((row) => row.chosen > 0);
    const lastExp = d.rows.findLastIndex((row) => row.baseline > 0);
    expect(lastExp).toBeGreaterThan(lastFull * 3);
  });
});

describe('sweepRows', () => {
  it('flattens a sweep into one row per herd size, completion in seconds', () => {
    const sweep = sweepClients({ model: 'occ', clientCounts: [10, 20], runs: 2, seed: 3, strategies: ['full', 'exponential'] });
    const calls = sweepRows(sweep, 'calls');
    const secs = sweepRows(sweep, 'completionS');
    expect(calls.map((r) => r.clients)).toEqual([10, 20]);
    expect(calls[1]!.full).toBe(sweep.points[1]!.calls.full);
    expect(secs[0]!.exponential).toBeCloseTo(sweep.points[0]!.completionMs.exponential! / 1000, 9);
  });
});

describe('formatting', () => {
  it('formats counts, durations and ratios for a projector', () => {
    expect(formatCount(1824.4)).toBe('1\u202f824');
    expect(formatCount(797)).toBe('797');
    expect(formatDuration(850.2)).toBe('850 ms');
    expect(formatDuration(4901)).toBe('4.9 s');
    expect(formatDuration(103_900)).toBe('104 s');
    expect(formatRatio(797, 1824)).toBe('×0.4');
    expect(formatRatio(1824, 100)).toBe('×18');
    expect(formatRatio(1, 0)).toBe('—');
    expect([0, 0.025, 0.05, 4.9, 62.55, 104, 5000].map(formatTick)).toEqual(['0', '0.025', '0.05', '4.9', '62.5', '104', '5000']);
  });
});
