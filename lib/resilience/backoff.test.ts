import { describe, it, expect, vi, afterEach } from 'vitest';
import fc from 'fast-check';
import OpenAI from 'openai';
import { BACKOFF_IDS, BACKOFFS, backoffEnvelope, createBackoff, expo, explainBackoff, type BackoffId } from './backoff';
import { seededRandom, type Random } from './random';

const LESSON = { baseMs: 1000, capMs: 60_000 };
const fixed = (...draws: number[]): Random => {
  let i = 0;
  return () => draws[i++ % draws.length]!;
};

/** Random draws in [0, 1), as fast-check values. */
const draws = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 20 });
const options = fc.record({ baseMs: fc.integer({ min: 1, max: 100_000 }), capMs: fc.integer({ min: 1, max: 1_000_000 }) });
const eps = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

describe('backoff — properties of every strategy', () => {
  it.each(BACKOFF_IDS)('%s: 0 ≤ delay ≤ cap and inside backoffEnvelope, over a chain of retries', (id) => {
    fc.assert(
      fc.property(options, draws, fc.integer({ min: 1, max: 40 }), (o, u, retries) => {
        const next = createBackoff(id, o);
        const random = fixed(...u);
        let previous = 0;
        for (let attempt = 0; attempt < retries; attempt++) {
          const delay = next(attempt, previous, random);
          const [lo, hi] = backoffEnvelope(id, attempt, o);
          expect(Number.isFinite(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(o.capMs + eps(o.capMs));
          expect(delay).toBeGreaterThanOrEqual(lo - eps(lo));
          expect(delay).toBeLessThanOrEqual(hi + eps(hi));
          expect(lo).toBeLessThanOrEqual(hi);
          previous = delay;
        }
      }),
    );
  });

  it.each(BACKOFF_IDS)('%s: inside backoffEnvelope(…, previousDelayMs) for any previous delay ≥ 0', (id) => {
    const prev = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3_000_000, noNaN: true }), fc.integer({ min: 0, max: 100 }));
    fc.assert(
      fc.property(options, fc.integer({ min: 0, max: 20 }), prev, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (o, attempt, p, u) => {
        const delay = createBackoff(id, o)(attempt, p, () => u);
        const [lo, hi] = backoffEnvelope(id, attempt, o, p);
        expect(lo).toBeLessThanOrEqual(hi);
        expect(delay).toBeGreaterThanOrEqual(lo - eps(lo));
        expect(delay).toBeLessThanOrEqual(hi + eps(hi));
        expect(hi).toBeLessThanOrEqual(o.capMs);
      }),
      { numRuns: 500 },
    );
  });

  it('exponential is monotone in the attempt and never above the cap', () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (o, a, b) => {
        const next = createBackoff('exponential', o);
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(next(x, 0, Math.random)).toBeLessThanOrEqual(next(y, 0, Math.random));
        expect(next(y, 0, Math.random)).toBeLessThanOrEqual(o.capMs);
      }),
    );
  });

  it('explainBackoff gives the same delay as createBackoff for the same seed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BACKOFF_IDS), options, fc.integer(), fc.integer({ min: 0, max: 30 }), fc.nat(100_000), (id, o, seed, attempt, prev) => {
        const a = createBackoff(id, o)(attempt, prev, seededRandom(seed));
        const b = explainBackoff(id, attempt, prev, seededRandom(seed), o);
        expect(b.delayMs).toBe(a);
        expect(b.inputs).toMatchObject({ attempt, previousDelayMs: prev, baseMs: o.baseMs, capMs: o.capMs });
      }),
    );
  });

  it('every strategy has a bilingual label', () => {
    for (const id of BACKOFF_IDS) {
      expect(BACKOFFS[id].label.zh.length).toBeGreaterThan(0);
      expect(BACKOFFS[id].label.en.length).toBeGreaterThan(0);
    }
  });
});

describe('backoff — the lesson’s worked numbers', () => {
  it('exponential with base 1 s gives 1, 2, 4, 8, 16 s for attempts 0..4', () => {
    const next = createBackoff('exponential', LESSON);
    expect([0, 1, 2, 3, 4].map((a) => next(a, 0, Math.random))).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(expo(6, LESSON)).toBe(60_000); // 64 s capped at max_delay = 60 s
    expect(expo(-3, LESSON)).toBe(1000);
    expect(expo(5000, LESSON)).toBe(60_000);
  });

  it('lesson-multiplicative at attempt 2 with draw 0.37 explains itself as in §3.4', () => {
    const e = explainBackoff('lesson-multiplicative', 2, 0, fixed(0.37), LESSON);
    expect(e.delayMs).toBeCloseTo(3480, 9);
    expect(e.formula).toBe('min(60, 1·2²) × (0.5 + 0.37) = 3.48 s');
    expect(e.inputs.random).toEqual([0.37]);
  });

  it('lesson-additive is base + U(0, base): 2–4 s at attempt 1', () => {
    const next = createBackoff('lesson-additive', LESSON);
    expect(next(1, 0, fixed(0))).toBe(2000);
    expect(next(1, 0, fixed(0.5))).toBe(3000);
    expect(backoffEnvelope('lesson-additive', 1, LESSON)).toEqual([2000, 4000]);
  });

  it('formulas name their inputs; Brooker-scale policies use ms', () => {
    expect(explainBackoff('exponential', 2, 0, fixed(0), LESSON).formula).toBe('min(60, 1·2²) = 4 s');
    expect(explainBackoff('full', 3, 0, fixed(0.5), LESSON).formula).toBe('min(60, 1·2³) × 0.5 = 4 s');
    expect(explainBackoff('none', 3, 0, fixed(0.5), LESSON).formula).toBe('0');
    expect(explainBackoff('full', 12, 0, fixed(0.25), { baseMs: 5, capMs: 2000 }).formula).toBe('min(2000, 5·2¹²) × 0.25 = 500 ms');
    expect(explainBackoff('decorrelated', 1, 15, fixed(0.5), { baseMs: 5, capMs: 2000 }).formula).toBe('5 + 0.5 × (3·15 − 5) = 25 ms');
    expect(explainBackoff('decorrelated', 1, 1500, fixed(0.5), { baseMs: 5, capMs: 2000 }).formula).toBe('min(2000, 5 + 0.5 × (3·1500 − 5)) = 2000 ms');
  });

  it('every strategy writes its arithmetic with the draw it used', () => {
    const half = fixed(0.5);
    const f = (id: BackoffId) => explainBackoff(id, 1, 0, half, LESSON).formula;
    expect(f('constant')).toBe('min(60, 1) = 1 s');
    expect(f('lesson-additive')).toBe('min(60, 1·2¹) × (1 + 0.5) = 3 s');
    expect(f('equal')).toBe('min(60, 1·2¹)/2 × (1 + 0.5) = 1.5 s');
    expect(f('openai-sdk')).toBe('min(60, 1·2¹) × (1 − 0.25·0.5) = 1.75 s');
    expect(f('decorrelated')).toBe('1 + 0.5 × (3·1 − 1) = 2 s');
    expect(explainBackoff('exponential', 10, 0, half, LESSON).formula).toBe('min(60, 1·2¹⁰) = 60 s');
  });

  it('shows the outer cap exactly when it can bind, and prints draws to 4 decimals', () => {
    // Attempt 6: expo = 60 s, so × (0.5 + U) can exceed the 60 s cap: the min must be in the text.
    expect(explainBackoff('lesson-multiplicative', 6, 0, fixed(0.9), LESSON).formula).toBe('min(60, min(60, 1·2⁶) × (0.5 + 0.9)) = 60 s');
    expect(explainBackoff('lesson-additive', 5, 0, fixed(0.9), LESSON).formula).toBe('min(60, min(60, 1·2⁵) × (1 + 0.9)) = 60 s');
    expect(explainBackoff('lesson-multiplicative', 2, 0, fixed(0.123456), LESSON).formula).toBe('min(60, 1·2²) × (0.5 + 0.1235) = 2.494 s');
    expect(explainBackoff('full', 5, 0, fixed(0.3749), LESSON).formula).toBe('min(60, 1·2⁵) × 0.3749 = 11.997 s');
  });

  it('decorrelated never drops below base, even after a previous delay shorter than base/3', () => {
    const next = createBackoff('decorrelated', LESSON);
    // e.g. a 100 ms Retry-After wait before: 3·0.1 s < 1 s, so the range is [base, base].
    for (const u of [0, 0.3, 0.999]) expect(next(1, 100, fixed(u))).toBe(1000);
    expect(explainBackoff('decorrelated', 1, 100, fixed(0.5), LESSON).formula).toBe('1 + 0.5 × (max(1, 3·0.1) − 1) = 1 s');
    expect(backoffEnvelope('decorrelated', 1, LESSON, 100)).toEqual([1000, 1000]);
    // A long previous wait widens the envelope beyond the chain bound base·3^(attempt+1).
    expect(backoffEnvelope('decorrelated', 0, LESSON)).toEqual([1000, 3000]);
    expect(backoffEnvelope('decorrelated', 0, LESSON, 10_000)).toEqual([1000, 30_000]);
    expect(backoffEnvelope('decorrelated', 0, LESSON, 0)).toEqual([1000, 3000]);
  });

  it('decorrelated starts from base when there is no previous delay', () => {
    const next = createBackoff('decorrelated', { baseMs: 5, capMs: 2000 });
    expect(next(0, 0, fixed(0))).toBe(5);
    expect(next(0, 0, fixed(0.5))).toBe(10); // 5 + 0.5 × (15 − 5)
    expect(next(3, 1000, fixed(0.99))).toBe(2000); // capped
  });
});

describe('backoff — openai-sdk matches the SDK', () => {
  afterEach(() => vi.restoreAllMocks());

  it('base 500, cap 8000: 375–500 ms, then 750–1000 ms', () => {
    const o = { baseMs: 500, capMs: 8000 };
    const next = createBackoff('openai-sdk', o);
    expect(next(0, 0, fixed(0))).toBe(500);
    expect(next(0, 0, fixed(0.999999))).toBeCloseTo(375, 3);
    expect(next(1, 0, fixed(0))).toBe(1000);
    expect(next(1, 0, fixed(0.999999))).toBeCloseTo(750, 3);
    expect(backoffEnvelope('openai-sdk', 0, o)).toEqual([375, 500]);
    expect(backoffEnvelope('openai-sdk', 1, o)).toEqual([750, 1000]);
  });

  it('equals openai 6.x calculateDefaultRetryTimeoutMillis for the same draw', () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: 'http://localhost.invalid' }) as unknown as {
      calculateDefaultRetryTimeoutMillis(retriesRemaining: number, maxRetries: number): number;
    };
    const next = createBackoff('openai-sdk', { baseMs: 500, capMs: 8000 });
    for (const u of [0, 0.3, 0.75, 0.999]) {
      vi.spyOn(Math, 'random').mockReturnValue(u);
      for (let n = 0; n < 7; n++) {
        expect(next(n, 0, () => u)).toBeCloseTo(client.calculateDefaultRetryTimeoutMillis(10 - n, 10), 9);
      }
    }
  });
});

describe('backoff — strategies differ as Brooker describes', () => {
  const mean = (id: BackoffId, attempt: number) => {
    const r = seededRandom(1);
    const next = createBackoff(id, LESSON);
    let sum = 0;
    for (let i = 0; i < 4000; i++) sum += next(attempt, 0, r);
    return sum / 4000;
  };
  it('full jitter averages half of expo; equal jitter three quarters', () => {
    expect(mean('full', 3) / 8000).toBeCloseTo(0.5, 1);
    expect(mean('equal', 3) / 8000).toBeCloseTo(0.75, 1);
  });
});
