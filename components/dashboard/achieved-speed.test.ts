import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSpeed, SETTLE_MS, SHORTFALL_RATIO, speedShortfall, STALE_MS } from './achieved-speed';

/** A busy spell that began at page time 0, with the speed set before it, read at `at`. */
const ctx = (now: number, extra: Partial<Parameters<typeof speedShortfall>[1]> = {}) => ({ now, asked: 60, busySince: 0, speedSince: -10_000, ...extra });

describe('speedShortfall', () => {
  it('shows ×60 → ×18 from a settled reading taken while busy', () => {
    expect(speedShortfall({ asked: 60, achieved: 18, at: 3000 }, ctx(3000))).toEqual({ asked: 60, achieved: 18 });
  });

  it('stays quiet while the sandbox keeps up (at or above 90 % of the asked speed)', () => {
    expect(speedShortfall({ asked: 60, achieved: 54, at: 3000 }, ctx(3000))).toBeNull();
    expect(speedShortfall({ asked: 60, achieved: 53.9, at: 3000 }, ctx(3000))).not.toBeNull();
    expect(speedShortfall({ asked: 60, achieved: 75, at: 3000 }, ctx(3000))).toBeNull();
  });

  it('ignores what the server’s window cannot know yet: the first seconds after a speed change or of a busy spell', () => {
    // ×1 → ×60: the server's 2 s window still spans the old speed (it reads ×0.01).
    expect(speedShortfall({ asked: 60, achieved: 0.01, at: 1000 }, ctx(1000, { speedSince: 0 }))).toBeNull();
    expect(speedShortfall({ asked: 60, achieved: 0.01, at: SETTLE_MS - 1 }, ctx(SETTLE_MS - 1))).toBeNull();
    expect(speedShortfall({ asked: 60, achieved: 10, at: SETTLE_MS }, ctx(SETTLE_MS))).toEqual({ asked: 60, achieved: 10 });
  });

  it('shows nothing while idle, for an old reading, or for another speed', () => {
    expect(speedShortfall({ asked: 60, achieved: 18, at: 3000 }, ctx(3000, { busySince: null }))).toBeNull();
    expect(speedShortfall({ asked: 60, achieved: 18, at: 3000 }, ctx(3000 + STALE_MS + 1))).toBeNull();
    expect(speedShortfall({ asked: 10, achieved: 2, at: 3000 }, ctx(3000))).toBeNull();
    expect(speedShortfall(null, ctx(3000))).toBeNull();
    expect(speedShortfall({ asked: 60, achieved: Number.NaN, at: 3000 }, ctx(3000))).toBeNull();
  });

  it('shows a shortfall exactly when a settled, fresh, busy reading is below the ratio', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 10, 60), fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 20_000 }), (asked, achieved, at) => {
        const shown = speedShortfall({ asked, achieved, at }, ctx(at, { asked }));
        expect(shown !== null).toBe(at >= SETTLE_MS && achieved < SHORTFALL_RATIO * asked);
      }),
    );
  });
});

describe('formatSpeed', () => {
  it('rounds as people read speeds', () => {
    expect(formatSpeed(60)).toBe('×60');
    expect(formatSpeed(17.6)).toBe('×18');
    expect(formatSpeed(2.54)).toBe('×2.5');
    expect(formatSpeed(0.014)).toBe('×0.01');
  });
});
