import { describe, expect, it } from 'vitest';
import { resolveStormOptions } from './storm-options';
import type { StormSeries } from './storm-series';
import { stormWindow, summarizeStorm } from './storm-summary';

/** A 10 s series in 1 s bins from per-second goodput and first tries. */
function series(goodput: number[], firstTries: number[] = goodput.map(() => 100)): StormSeries {
  const n = goodput.length;
  const zero = () => new Array<number>(n).fill(0);
  return {
    binMs: 1000,
    tS: goodput.map((_, i) => i),
    offered: firstTries.map((x) => 2 * x),
    firstTries,
    retries: firstTries,
    served: zero(),
    wasted: zero(),
    rejected: zero(),
    goodput,
    failed: zero(),
    capacity: zero(),
    queue: zero(),
    tokens: null,
    breakerOpen: null,
  };
}

describe('stormWindow', () => {
  it('averages the bins that start in the window', () => {
    const w = stormWindow(series([100, 80, 60, 40, 20, 0, 0, 0, 0, 0]), 1, 4, 10);
    expect(w).toEqual({ fromS: 1, toS: 4, goodput: 60, firstTries: 100, offered: 200, answered: 0.6, amplification: 2 });
  });

  it('weights a short last bin by its width', () => {
    const s = series([0, 100]);
    expect(stormWindow(s, 0, 2, 1.5).goodput).toBeCloseTo(100 / 3, 9); // bins of 1 s and 0.5 s
  });
});

describe('summarizeStorm', () => {
  const o = (extra: object) => resolveStormOptions({ durationS: 10, recoveryGraceS: 2, trigger: { atS: 2, durationS: 2, capacityFactor: 0.1 }, ...extra });

  it('splits before, during and after the dip, and finds when goodput came back for good', () => {
    const s = summarizeStorm(series([100, 100, 10, 0, 0, 50, 95, 100, 92, 100]), o({}));
    expect(s.beforeDip?.answered).toBe(1);
    expect(s.duringDip?.goodput).toBe(5);
    expect(s.afterDip).toMatchObject({ fromS: 6, toS: 10, goodput: 96.75 });
    expect(s.recoveredAfterS).toBe(2); // from t = 6 s every bin is ≥ 90%
  });

  it('reports no recovery when the last bin is still down', () => {
    const s = summarizeStorm(series([100, 100, 0, 0, 0, 100, 100, 100, 100, 10]), o({}));
    expect(s.recoveredAfterS).toBeNull();
  });

  it('uses the window right after the dip when the grace leaves nothing, and nothing without a trigger', () => {
    const late = summarizeStorm(series(new Array(10).fill(100)), o({ recoveryGraceS: 50 }));
    expect(late.afterDip?.fromS).toBe(4);
    const none = summarizeStorm(series(new Array(10).fill(100)), resolveStormOptions({ durationS: 10 }));
    expect(none).toMatchObject({ beforeDip: null, duringDip: null, afterDip: null, recoveredAfterS: null });
    expect(none.whole.answered).toBe(1);
  });
});
