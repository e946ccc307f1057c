import { describe, expect, it } from 'vitest';
import { retryAmplification } from './storm-closed-form';
import { simulateStorm } from './storm-model';
import { isStormPresetId, STORM_PRESET_IDS, STORM_PRESETS } from './storm-presets';
import { sweepFailureRates } from './storm-sweep';

const run = (id: keyof typeof STORM_PRESETS, extra = {}) => simulateStorm({ ...STORM_PRESETS[id], ...extra });

describe('the presets reproduce the known results', () => {
  it('independent: ×1.875 at p = 0.5 and 4 attempts', () => {
    expect(run('independent').amplification).toBeCloseTo(1.875, 2);
  });

  it('budget: Brooker’s 10% bucket keeps it near ×1.05 at p = 0.5', () => {
    const a = run('budget').amplification;
    expect(a).toBeGreaterThan(1.02);
    expect(a).toBeLessThan(1.1);
  });

  it('layers: the app’s 3 over the SDK’s 3 make 9 calls per request in an outage', () => {
    expect(run('layers').amplification).toBeCloseTo(9, 2);
    expect(run('layers', { layers: 1 }).amplification).toBeCloseTo(3, 2);
  });

  it('metastable: goodput stays near zero after the dip; a budget or a retry breaker brings it back', () => {
    const stuck = run('metastable');
    expect(stuck.summary.beforeDip!.answered).toBeGreaterThan(0.99);
    expect(stuck.summary.afterDip!.answered).toBeLessThan(0.02);
    expect(stuck.summary.recoveredAfterS).toBeNull();
    // The server is busy the whole time: it serves attempts whose clients already gave up.
    expect(stuck.totals.wasted).toBeGreaterThan(0.5 * stuck.totals.served);
    for (const id of ['metastable-budget', 'metastable-breaker'] as const) {
      const r = run(id);
      expect(r.summary.afterDip!.answered, id).toBeGreaterThan(0.99);
      expect(r.summary.recoveredAfterS, id).not.toBeNull();
      expect(r.summary.recoveredAfterS!, id).toBeLessThan(60);
    }
    expect(run('metastable', { budget: { kind: 'brooker' } }).summary.afterDip!.answered).toBeGreaterThan(0.99);
  });

  it('metastable: backoff and jitter alone do not fix it; no retries, or spare capacity, do', () => {
    expect(run('metastable', { backoff: { id: 'full', baseMs: 1000, capMs: 60_000 } }).summary.afterDip!.answered).toBeLessThan(0.02);
    expect(run('metastable', { backoff: { id: 'none' } }).summary.afterDip!.answered).toBeLessThan(0.02);
    expect(run('metastable', { attempts: 1 }).summary.afterDip!.answered).toBeGreaterThan(0.99);
    // 1000/s × 3 calls = 3000/s: a server of 3500/s drains even when every attempt times out.
    expect(run('metastable', { capacity: 3500 }).summary.afterDip!.answered).toBeGreaterThan(0.99);
  });

  it('has a type guard for its ids', () => {
    for (const id of STORM_PRESET_IDS) expect(isStormPresetId(id)).toBe(true);
    expect(isStormPresetId('storm')).toBe(false);
  });
});

describe('sweepFailureRates', () => {
  it('runs every budget at every failure rate on the same seed', () => {
    const points = sweepFailureRates({ base: { attempts: 4 }, ps: [0, 0.5, 1], durationS: 20 });
    expect(points.map((x) => x.p)).toEqual([0, 0.5, 1]);
    expect(points[0]!.amplification).toEqual({ none: 1, grpc: 1, brooker: 1 });
    expect(points[1]!.amplification.none).toBeCloseTo(retryAmplification(0.5, 4), 1);
    expect(points[2]!.amplification.none).toBeCloseTo(4, 2);
    for (const x of points) {
      expect(x.amplification.grpc).toBeLessThanOrEqual(1.11);
      expect(x.amplification.brooker).toBeLessThanOrEqual(1.11);
    }
    expect(points[2]!.answered).toEqual({ none: 0, grpc: 0, brooker: 0 });
  });
});
