import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { createRulePicker, isModeActive, pickRule } from './rule-picker';
import type { LayerScenario } from '@/lib/scenario/scenario';

const never = () => {
  throw new Error('random must not be drawn');
};

describe('isModeActive', () => {
  it('first-n fires for call indexes 0 … n-1 only', () => {
    const mode = { kind: 'first-n', n: 2 } as const;
    expect([0, 1, 2, 3].map((callIndex) => isModeActive(mode, { callIndex, now: 0, random: never }))).toEqual([true, true, false, false]);
  });

  it('timeline fires in [fromMs, toMs)', () => {
    const mode = { kind: 'timeline', fromMs: 10, toMs: 20 } as const;
    expect([9, 10, 19, 20].map((now) => isModeActive(mode, { callIndex: 0, now, random: never }))).toEqual([false, true, true, false]);
  });

  it('probability draws once and compares with p', () => {
    expect(isModeActive({ kind: 'probability', p: 0.3 }, { callIndex: 0, now: 0, random: () => 0.29 })).toBe(true);
    expect(isModeActive({ kind: 'probability', p: 0.3 }, { callIndex: 0, now: 0, random: () => 0.3 })).toBe(false);
    expect(isModeActive({ kind: 'probability', p: 1 }, { callIndex: 0, now: 0, random: () => 0.999 })).toBe(true);
    expect(isModeActive({ kind: 'probability', p: 0 }, { callIndex: 0, now: 0, random: () => 0 })).toBe(false);
  });
});

describe('pickRule', () => {
  it('returns the first active rule and draws nothing for the rules after it', () => {
    const layer: LayerScenario = {
      rules: [
        { fault: 'quota', mode: { kind: 'first-n', n: 0 } },
        { fault: 'server-500', mode: { kind: 'always' } },
        { fault: 'unavailable-503', mode: { kind: 'probability', p: 1 } },
      ],
    };
    expect(pickRule(layer, { callIndex: 0, now: 0, random: never })?.fault).toBe('server-500');
    expect(pickRule({ rules: [] }, { callIndex: 0, now: 0, random: never })).toBeNull();
  });
});

describe('createRulePicker', () => {
  const flaky: LayerScenario = { rules: [{ fault: 'server-500', mode: { kind: 'probability', p: 0.3 } }] };

  it('replays the same faults from the same seed, and other faults from another seed', () => {
    const run = (seed: number) => {
      const picker = createRulePicker(flaky, new VirtualClock(), seededRandom(seed));
      return Array.from({ length: 64 }, () => picker.next()?.fault ?? null);
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });

  it('fires at about rate p over many calls (property over seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const picker = createRulePicker(flaky, new VirtualClock(), seededRandom(seed));
        let faults = 0;
        for (let i = 0; i < 2000; i++) if (picker.next()) faults++;
        expect(faults / 2000).toBeGreaterThan(0.25);
        expect(faults / 2000).toBeLessThan(0.35);
      }),
      { numRuns: 20 },
    );
  });

  it('counts first-n per picker and restarts the count on reset', () => {
    const layer: LayerScenario = { rules: [{ fault: 'quota', mode: { kind: 'first-n', n: 2 } }] };
    const picker = createRulePicker(layer, new VirtualClock(), never);
    expect([picker.next(), picker.next(), picker.next()].map((r) => r?.fault ?? null)).toEqual(['quota', 'quota', null]);
    picker.reset(layer);
    expect(picker.next()?.fault).toBe('quota');
  });

  it('reads sandbox time for timeline rules', async () => {
    const clock = new VirtualClock();
    const picker = createRulePicker({ rules: [{ fault: 'unavailable-503', mode: { kind: 'timeline', fromMs: 10_000, toMs: 40_000 } }] }, clock, never);
    expect(picker.next()).toBeNull();
    await clock.set(10_000);
    expect(picker.next()?.fault).toBe('unavailable-503');
    await clock.set(40_000);
    expect(picker.next()).toBeNull();
  });
});
