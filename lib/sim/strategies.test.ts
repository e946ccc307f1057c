import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFFS, createBackoff } from '@/lib/resilience/backoff';
import { seededRandom } from '@/lib/resilience/random';
import { BROOKER_STRATEGY_IDS, createStrategy, isSimStrategyId, SIM_STRATEGY_IDS, strategyLabel } from './strategies';

describe('createStrategy', () => {
  it('uses Brooker’s numbering: exponential waits 10, 20, 40 … ms with base 5, capped at 2000', () => {
    const s = createStrategy('exponential');
    const r = seededRandom(1);
    expect([1, 2, 3, 8, 9, 20].map((n) => s.delay(n, 0, r))).toEqual([10, 20, 40, 1280, 2000, 2000]);
  });

  it('delegates to createBackoff: same delay for the same n, previous delay and draws (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SIM_STRATEGY_IDS),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.integer(),
        (id, n, prev, seed) => {
          const ours = createStrategy(id, { baseMs: 5, capMs: 2000 }).delay(n, prev, seededRandom(seed));
          const theirs = createBackoff(id, { baseMs: 5, capMs: 2000 })(n, prev, seededRandom(seed));
          expect(ours).toBe(theirs);
        },
      ),
    );
  });

  it('full jitter stays in [0, expo(n)] and equal jitter in [expo(n)/2, expo(n)]', () => {
    const full = createStrategy('full');
    const equal = createStrategy('equal');
    const r = seededRandom(5);
    for (let n = 1; n <= 12; n++) {
      const expo = Math.min(2000, 5 * 2 ** n);
      for (let i = 0; i < 50; i++) {
        const f = full.delay(n, 0, r);
        const e = equal.delay(n, 0, r);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(expo);
        expect(e).toBeGreaterThanOrEqual(expo / 2);
        expect(e).toBeLessThanOrEqual(expo);
      }
    }
  });

  it('decorrelated starts from sleep = base, so its first delay is U(base, 3·base)', () => {
    const s = createStrategy('decorrelated', { baseMs: 5, capMs: 2000 });
    expect(s.initialPreviousDelayMs).toBe(5);
    const r = seededRandom(11);
    for (let i = 0; i < 200; i++) {
      const d = s.delay(1, s.initialPreviousDelayMs, r);
      expect(d).toBeGreaterThanOrEqual(5);
      expect(d).toBeLessThanOrEqual(15);
    }
  });

  it('no backoff never waits', () => {
    expect(createStrategy('none').delay(7, 100, seededRandom(1))).toBe(0);
  });

  it('reuses the backoff labels and names Brooker’s five as in his CSV', () => {
    for (const id of SIM_STRATEGY_IDS) expect(strategyLabel(id)).toEqual(BACKOFFS[id].label);
    expect(BROOKER_STRATEGY_IDS.map((id) => createStrategy(id).brookerName)).toEqual(['Exponential', 'Decorr', 'EqualJitter', 'FullJitter', 'None']);
    expect(createStrategy('openai-sdk').brookerName).toBeUndefined();
  });

  it('recognises its ids', () => {
    expect(isSimStrategyId('full')).toBe(true);
    expect(isSimStrategyId('constant')).toBe(false);
  });
});
