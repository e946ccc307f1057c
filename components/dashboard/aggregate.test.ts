import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnswerSource, BreakerTransition } from '@/lib/contract';
import {
  attemptHistogram,
  binRecords,
  breakerSteps,
  chooseBinMs,
  downsample,
  MAX_POINTS,
  NICE_BINS_MS,
  SOURCES,
  type RecordLike,
} from './aggregate';

const rec = (endedAt: number, source: AnswerSource = 'api', latencyMs = 100, attempts = 1): RecordLike => ({ endedAt, source, latencyMs, attempts });

const transition = (at: number, from: BreakerTransition['from'], to: BreakerTransition['to']): BreakerTransition =>
  ({ at, from, to, reason: { code: 'failure-threshold', zh: '测试', en: 'test' } });

describe('chooseBinMs', () => {
  it('picks the smallest nice width that fits', () => {
    expect(chooseBinMs(0)).toBe(100);
    expect(chooseBinMs(30_000)).toBe(100);
    expect(chooseBinMs(30_001)).toBe(200);
    expect(chooseBinMs(60_000, 60)).toBe(1_000);
    expect(chooseBinMs(10 * 60_000, 300)).toBe(2_000);
  });

  it('goes to whole hours beyond the ladder', () => {
    expect(chooseBinMs(1000 * 3_600_000, 300)).toBe(4 * 3_600_000);
  });

  it('never gives more than maxBins bins (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), fc.integer({ min: 1, max: 1000 }), (span, max) => {
        expect(span / chooseBinMs(span, max)).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('downsample', () => {
  it('returns a copy when already small enough', () => {
    const xs = [1, 2, 3];
    const out = downsample(xs, 5);
    expect(out).toEqual(xs);
    expect(out).not.toBe(xs);
  });

  it('keeps the first and the last and spaces the rest evenly', () => {
    const xs = Array.from({ length: 10_001 }, (_, i) => i);
    const out = downsample(xs, 300);
    expect(out).toHaveLength(300);
    expect(out[0]).toBe(0);
    expect(out[299]).toBe(10_000);
    const gaps = out.slice(1).map((v, i) => v - out[i]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it('handles the degenerate caps', () => {
    expect(downsample([1, 2, 3], 1)).toEqual([3]);
    expect(downsample([1, 2, 3], 0)).toEqual([]);
  });
});

describe('binRecords', () => {
  it('never bins narrower than minBinMs, so a steady load’s rate is over several requests', () => {
    const recs = Array.from({ length: 10 }, (_, k) => ({ endedAt: k * 200, source: 'api' as const, latencyMs: 1, attempts: 1 }));
    const fine = binRecords(recs, { from: 0, to: 2000 });
    expect(fine.binMs).toBeLessThan(1000);
    const coarse = binRecords(recs, { from: 0, to: 2000, minBinMs: 1000 });
    expect(coarse.binMs).toBe(1000);
    expect(coarse.bins.map((b) => b.total)).toEqual([5, 5, 0]);
  });

  it('counts sources, rates and latency per bin', () => {
    const records = [rec(100, 'api', 100), rec(200, 'cache', 5), rec(900, 'local', 300), rec(1_500, 'error', 2_000), rec(1_600, 'api', 200)];
    const { binMs, bins } = binRecords(records, { from: 0, to: 1_999, maxBins: 2 });
    expect(binMs).toBe(1_000);
    expect(bins).toHaveLength(2);
    const [a, b] = bins as [(typeof bins)[0], (typeof bins)[0]];
    expect(a).toMatchObject({ t: 0, total: 3, api: 1, cache: 1, local: 1, fallback: 0, error: 0 });
    expect(a.successRate).toBeCloseTo(1 / 3);
    expect(a.cacheHitRate).toBeCloseTo(1 / 3);
    expect(a.p50).toBe(100);
    expect(b).toMatchObject({ t: 1_000, total: 2, api: 1, error: 1, successRate: 0.5, cacheHitRate: 0 });
    // Nearest rank, as the server's stats: of [200, 2000] the median is 200 and the p95 is 2000.
    expect(b.p50).toBe(200);
    expect(b.p95).toBe(2_000);
  });

  it('keeps empty bins as gaps (null rates), not zeros', () => {
    const { bins } = binRecords([rec(0), rec(5_000)], { maxBins: 10 });
    expect(bins.length).toBeGreaterThan(2);
    const empty = bins.find((b) => b.total === 0)!;
    expect(empty.successRate).toBeNull();
    expect(empty.p95).toBeNull();
  });

  it('lets the caller define success', () => {
    const { bins } = binRecords([rec(0, 'api'), rec(1, 'local'), rec(2, 'fallback'), rec(3, 'error')], {
      maxBins: 1,
      isSuccess: (s) => s !== 'error',
    });
    expect(bins[0]!.successRate).toBe(0.75);
  });

  it('extends the axis to "now" and drops records before `from`', () => {
    const { bins, binMs } = binRecords([rec(50), rec(2_500)], { from: 1_000, to: 10_000, maxBins: 300 });
    expect(bins[0]!.t).toBeLessThanOrEqual(1_000);
    expect(bins[bins.length - 1]!.t + binMs).toBeGreaterThan(10_000);
    expect(bins.reduce((n, b) => n + b.total, 0)).toBe(1);
  });

  it('returns no bins for no records', () => {
    expect(binRecords([]).bins).toEqual([]);
  });

  it('never exceeds maxBins and loses no record in range (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ endedAt: fc.integer({ min: 0, max: 5_000_000 }), source: fc.constantFrom(...SOURCES) }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 400 }),
        (raw, maxBins) => {
          const records = raw.map((r) => rec(r.endedAt, r.source));
          const { bins, binMs } = binRecords(records, { maxBins });
          expect(bins.length).toBeLessThanOrEqual(maxBins);
          expect(bins.reduce((n, b) => n + b.total, 0)).toBe(records.length);
          for (const b of bins) expect(b.api + b.cache + b.local + b.fallback + b.error).toBe(b.total);
          expect((NICE_BINS_MS as readonly number[]).includes(binMs) || binMs % 3_600_000 === 0).toBe(true);
        },
      ),
    );
  });

  it('bins 10 000 records into at most MAX_POINTS points', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => rec(i * 97, SOURCES[i % 5], i % 1000, i % 4));
    const { bins } = binRecords(records);
    expect(bins.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(bins.reduce((n, b) => n + b.total, 0)).toBe(10_000);
  });
});

describe('attemptHistogram', () => {
  it('counts every bucket from 0 to the largest, with an overflow bar', () => {
    const bars = attemptHistogram([{ attempts: 0 }, { attempts: 3 }, { attempts: 3 }, { attempts: 1 }, { attempts: 14 }], 5);
    expect(bars.map((b) => [b.label, b.count])).toEqual([
      ['0', 1],
      ['1', 1],
      ['2', 0],
      ['3', 2],
      ['4', 0],
      ['5+', 1],
    ]);
  });

  it('is empty for no records', () => {
    expect(attemptHistogram([])).toEqual([]);
  });
});

describe('breakerSteps', () => {
  it('starts in the first transition’s from-state and runs to "now"', () => {
    const steps = breakerSteps([transition(1_000, 'closed', 'open'), transition(31_000, 'open', 'half-open'), transition(32_000, 'half-open', 'closed')], {
      from: 0,
      to: 40_000,
    });
    expect(steps.map((s) => [s.t, s.state, s.level])).toEqual([
      [0, 'closed', 0],
      [1_000, 'open', 2],
      [31_000, 'half-open', 1],
      [32_000, 'closed', 0],
      [40_000, 'closed', 0],
    ]);
    expect(steps[1]!.transition?.reason.en).toBe('test');
    expect(steps[0]!.transition).toBeUndefined();
  });

  it('shows the initial state when nothing happened yet', () => {
    expect(breakerSteps([], { initial: 'closed', from: 0, to: 5 }).map((s) => s.state)).toEqual(['closed', 'closed']);
  });

  it('keeps only the last transitions of a flapping breaker', () => {
    const many = Array.from({ length: 1_000 }, (_, i) => transition(i * 10, i % 2 ? 'open' : 'closed', i % 2 ? 'closed' : 'open'));
    const steps = breakerSteps(many, { maxSteps: 50, to: 20_000 });
    expect(steps.length).toBeLessThanOrEqual(52);
    expect(steps[steps.length - 1]!.t).toBe(20_000);
    expect(steps[1]!.t).toBe(950 * 10);
  });
});
