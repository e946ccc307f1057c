import { describe, it, expect } from 'vitest';
import { BREAKER_PRESETS, BREAKER_PRESET_IDS, LIBRARY_BREAKER_DEFAULTS, breakerPresetOptions } from './breaker-presets';
import { CircuitBreaker } from './circuit-breaker';
import { VirtualClock } from './virtual-clock';

describe('BREAKER_PRESETS', () => {
  it("holds the lesson's numbers", () => {
    const pick = (id: keyof typeof BREAKER_PRESETS) => {
      const o = BREAKER_PRESETS[id].options;
      return [o.failureThreshold, o.openMs];
    };
    expect(pick('conservative')).toEqual([10, 120_000]);
    expect(pick('recommended')).toEqual([5, 60_000]);
    expect(pick('aggressive')).toEqual([3, 30_000]);
    expect(pick('lesson-demo')).toEqual([3, 30_000]);
    expect(BREAKER_PRESETS['lesson-demo'].options.successThreshold).toBe(1);
  });

  it('is keyed by id with bilingual names and descriptions', () => {
    expect(Object.keys(BREAKER_PRESETS).sort()).toEqual([...BREAKER_PRESET_IDS].sort());
    for (const id of BREAKER_PRESET_IDS) {
      const p = BREAKER_PRESETS[id];
      expect(p.id).toBe(id);
      for (const text of [p.name, p.description]) {
        expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(text.en).toMatch(/[A-Za-z]/);
      }
      expect(() => new CircuitBreaker(p.options)).not.toThrow();
    }
  });

  it('builds working breakers; overrides win', async () => {
    const clock = new VirtualClock();
    const b = new CircuitBreaker(breakerPresetOptions('aggressive', { clock }));
    expect(b.options).toMatchObject({ failureThreshold: 3, openMs: 30_000 });
    for (let i = 0; i < 3; i++) await b.execute(() => Promise.reject(new Error('x'))).catch(() => undefined);
    expect(b.state).toEqual({ kind: 'open', openedAt: 0, halfOpenAt: 30_000 });
    expect(breakerPresetOptions('recommended', { openMs: 1 }).openMs).toBe(1);
    expect(BREAKER_PRESETS.recommended.options.openMs).toBe(60_000); // not mutated
  });
});

describe('LIBRARY_BREAKER_DEFAULTS', () => {
  it('matches REFERENCE §5', () => {
    const byName = Object.fromEntries(LIBRARY_BREAKER_DEFAULTS.map((d) => [d.library, d]));
    expect(byName['Hystrix']).toMatchObject({ failureRateThreshold: 0.5, minimumCalls: 20, openMs: 5_000 });
    expect(byName['resilience4j']).toMatchObject({ failureRateThreshold: 0.5, minimumCalls: 100, openMs: 60_000, halfOpenCalls: 10 });
    expect(byName['Polly v8']).toMatchObject({ failureRateThreshold: 0.1, minimumCalls: 100, openMs: 5_000 });
    expect(byName['opossum']).toMatchObject({ failureRateThreshold: 0.5, openMs: 30_000, halfOpenCalls: 1 });
    expect(byName['cockatiel']?.trigger).toBe('configurable');
    expect(byName['Lesson 19 §4.2']).toMatchObject({ consecutiveFailures: 5, halfOpenCalls: 'unlimited' });
  });

  it('keeps rates in (0, 1] and has notes in both languages', () => {
    for (const d of LIBRARY_BREAKER_DEFAULTS) {
      if (d.failureRateThreshold !== undefined) {
        expect(d.failureRateThreshold).toBeGreaterThan(0);
        expect(d.failureRateThreshold).toBeLessThanOrEqual(1);
      }
      expect(d.note.zh.length).toBeGreaterThan(0);
      expect(d.note.en.length).toBeGreaterThan(0);
    }
  });
});
