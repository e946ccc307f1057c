import { describe, expect, it } from 'vitest';
import { simulateStorm, STORM_PRESETS } from '@/lib/sim';
import { attemptsRows, formatMs, formatShare, formatTimes, geometricSum, sweepRows, timeRows, wastedShare } from './chart-data';

describe('storm chart data', () => {
  const stuck = simulateStorm({ ...STORM_PRESETS['metastable-budget'], durationS: 120 });

  it('has one time row per second, with the queue wait in seconds of capacity', () => {
    const rows = timeRows(stuck);
    expect(rows).toHaveLength(120);
    expect(rows[0]).toMatchObject({ t: 0, capacity: 1400 });
    expect(rows[65]!.capacity).toBeCloseTo(280, 6); // the dip: 20% of 1400
    const i = 70;
    expect(rows[i]!.waitS).toBeCloseTo(stuck.series.queue[i]! / 280, 9);
    expect(rows[i]!.tokens).toBe(stuck.series.tokens![i]);
    expect(rows[i]).not.toHaveProperty('breakerOpenPct');
  });

  it('does not divide by zero when the server stops', () => {
    const r = simulateStorm({ durationS: 10, trigger: { atS: 2, durationS: 5, capacityFactor: 0 } });
    const rows = timeRows(r);
    expect(Number.isFinite(rows[4]!.waitS)).toBe(true);
    expect(rows[4]!.waitS).toBeGreaterThan(0);
  });

  it('gives the calls-per-request shares, summing to 100%', () => {
    const r = simulateStorm({ ...STORM_PRESETS.independent, durationS: 60 });
    const rows = attemptsRows(r);
    expect(rows.map((x) => x.calls)).toEqual([1, 2, 3, 4]);
    expect(rows.reduce((a, x) => a + x.pct, 0)).toBeCloseTo(100, 9);
    expect(rows[0]!.pct).toBeCloseTo(50, 0);
  });

  it('puts the closed form beside the simulated sweep', () => {
    const rows = sweepRows([{ p: 0.5, amplification: { none: 1.9, grpc: 1, brooker: 1.05 }, answered: { none: 0.9, grpc: 0.5, brooker: 0.52 } }], 4, 1);
    expect(rows).toEqual([{ p: 0.5, none: 1.9, grpc: 1, brooker: 1.05, formula: 1.875 }]);
    expect(sweepRows([{ p: 1, amplification: { none: 9, grpc: 1, brooker: 1 }, answered: { none: 0, grpc: 0, brooker: 0 } }], 3, 2)[0]!.formula).toBe(9);
  });

  it('formats numbers for the figures', () => {
    expect(geometricSum(0)).toBe('1');
    expect(geometricSum(2)).toBe('1 + p + p²');
    expect(geometricSum(3)).toBe('1 + p + p² + p³');
    expect(geometricSum(8)).toBe('1 + p + … + p⁸');
    expect(geometricSum(11)).toBe('1 + p + … + p¹¹');
    expect(formatTimes(1.875)).toBe('×1.875');
    expect(formatTimes(64)).toBe('×64.0');
    expect(formatShare(0.0004)).toBe('0.0%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatMs(35.4)).toBe('35 ms');
    expect(formatMs(1234)).toBe('1.2 s');
    expect(wastedShare(stuck)).toBeCloseTo(stuck.totals.wasted / stuck.totals.served, 12);
  });
});
