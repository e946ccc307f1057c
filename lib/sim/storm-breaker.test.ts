import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StormRetryBreakers } from './storm-breaker';

describe('StormRetryBreakers', () => {
  it('opens at the threshold once there are enough samples', () => {
    const b = new StormRetryBreakers(1, 0.5, 10_000, 4);
    b.record(0, 0, true);
    b.record(0, 10, true);
    b.record(0, 20, true);
    expect(b.isOpen(0, 30)).toBe(false); // 3 samples < 4
    b.record(0, 30, false);
    expect(b.failureRatio(0, 30)).toBe(0.75);
    expect(b.isOpen(0, 30)).toBe(true);
    for (let i = 0; i < 3; i++) b.record(0, 40, false);
    expect(b.isOpen(0, 40)).toBe(false); // 3 of 7
  });

  it('forgets outcomes older than the window, slot by slot', () => {
    const b = new StormRetryBreakers(2, 0.5, 1000, 1); // 10 slots of 100 ms
    b.record(0, 50, true);
    b.record(0, 550, false);
    expect(b.failureRatio(0, 999)).toBe(0.5);
    expect(b.failureRatio(0, 1000)).toBe(0); // slot 0 (0–99 ms) has left the window
    expect(b.isOpen(0, 1000)).toBe(false);
    expect(b.failureRatio(0, 1549)).toBe(0);
    expect(b.failureRatio(0, 5000)).toBe(0);
    expect(b.failureRatio(1, 5000)).toBe(0);
    b.record(1, 5000, true);
    expect(b.openFraction(5000)).toBe(0.5);
  });

  it('agrees with a naive list of every outcome (property)', () => {
    const event = fc.record({ dt: fc.integer({ min: 0, max: 700 }), client: fc.integer({ min: 0, max: 2 }), failed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 }), (events, threshold, minSamples) => {
        const b = new StormRetryBreakers(3, threshold, 2000, minSamples);
        const log: { c: number; slot: number; failed: boolean }[] = [];
        let t = 0;
        for (const e of events) {
          t += e.dt;
          b.record(e.client, t, e.failed);
          log.push({ c: e.client, slot: Math.floor(t / 200), failed: e.failed });
          for (let c = 0; c < 3; c++) {
            const recent = log.filter((x) => x.c === c && x.slot > Math.floor(t / 200) - 10);
            const fails = recent.filter((x) => x.failed).length;
            expect(b.isOpen(c, t)).toBe(recent.length >= minSamples && fails >= threshold * recent.length);
          }
        }
      }),
    );
  });
});
