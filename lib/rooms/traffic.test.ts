import { describe, expect, it } from 'vitest';
import { BIN_MS, MAX_BINS, Traffic } from './traffic';

describe('Traffic', () => {
  it('bins calls by room time into first tries, retries, refused and ok, per second', () => {
    const t = new Traffic();
    t.reset(0);
    t.record(1, 0, false, false, true);
    t.record(2, 10, false, true, false);
    t.record(1, 199, true, false, false);
    t.record(2, 200, true, false, true);
    const s = t.series(450);
    expect(s.binMs).toBe(BIN_MS);
    expect(s.first).toEqual([2, 0, 0]);
    expect(s.retries).toEqual([1, 1, 0]);
    expect(s.refused).toEqual([1, 0, 0]);
    expect(s.ok).toEqual([1, 1, 0]);
    const totals = t.totalsAt(1000);
    expect(totals).toMatchObject({ calls: 4, firstTries: 2, retries: 2, refused: 1, ok: 2 });
    expect(totals.peakPerS).toBe((3 * 1000) / BIN_MS);
    expect(totals.meanPerS).toBe(4);
    // The last full second before t = 1000 is bins 0–4.
    expect(t.rate(1000)).toEqual({ callsPerS: 4, firstPerS: 2, retriesPerS: 2, refusedPerS: 1, successRate: 0.5 });
  });

  it('keeps each participant’s last 5 s for its dot, and forgets a participant that left', () => {
    const t = new Traffic();
    t.reset(0);
    for (let k = 0; k < 10; k++) t.record(7, 250 + k * 500, k % 2 === 1, false, k < 5);
    const dot = t.caller(7, 5000);
    expect(dot.callsPerS).toBeCloseTo(10 / 4.8, 2);
    expect(dot.retryShare).toBe(0.5);
    expect(dot.successRate).toBe(0.5);
    t.forget(7);
    expect(t.caller(7, 5000)).toEqual({ callsPerS: 0, retryShare: 0, successRate: null });
  });

  it('turns a first try into a retry when its body turns out to be a resend', () => {
    const t = new Traffic();
    t.reset(0);
    const mark = t.record(3, 100, false, false, false);
    t.reclassify(mark);
    t.reclassify(mark); // idempotent
    expect(t.series(100)).toMatchObject({ first: [0], retries: [1] });
    expect(t.totalsAt(1000)).toMatchObject({ firstTries: 0, retries: 1 });
    expect(t.caller(3, 1000).retryShare).toBe(1);
  });

  it('carries the count of open breakers forward, and starts a run from zero', () => {
    const t = new Traffic();
    t.reset(0);
    t.setOpen(250, 4);
    t.setOpen(850, 1);
    expect(t.series(1000).open).toEqual([0, 4, 4, 4, 1, 1]);
    t.reset(2000);
    expect(t.totalsAt(2000).calls).toBe(0);
    expect(t.series(2200).open).toEqual([1, 1]);
  });

  it('stays bounded: at most MAX_BINS bins, the oldest dropped', () => {
    const t = new Traffic();
    t.reset(0);
    const end = (MAX_BINS + 100) * BIN_MS;
    for (let at = 0; at < end; at += BIN_MS) t.record(1, at, false, false, true);
    const s = t.series(end - 1);
    expect(s.first).toHaveLength(MAX_BINS);
    expect(s.startAt).toBe(100 * BIN_MS);
    expect(s.first.every((n) => n === 1)).toBe(true);
  });
});
