import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimes, layeredCalls, layeredWarning } from './layered-retries';

describe('layeredCalls', () => {
  it('multiplies the service’s attempts by the SDK’s calls: the lesson’s 3 × 3 = 9', () => {
    expect(layeredCalls({ maxRetries: 2, sdkMaxRetries: 2 })).toEqual({ attempts: 3, perAttempt: 3, sdk: 2, max: 9 });
    expect(layeredCalls({ maxRetries: 2, sdkMaxRetries: 0 })).toEqual({ attempts: 3, perAttempt: 1, sdk: 0, max: 3 });
    expect(layeredCalls({ maxRetries: 0, sdkMaxRetries: 5 }).max).toBe(6);
  });

  it('never counts fewer calls than attempts, and grows with either layer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 5 }), (maxRetries, sdkMaxRetries) => {
        const c = layeredCalls({ maxRetries, sdkMaxRetries });
        expect(c.max).toBe((maxRetries + 1) * (sdkMaxRetries + 1));
        expect(c.max).toBeGreaterThanOrEqual(c.attempts);
        expect(layeredCalls({ maxRetries: maxRetries + 1, sdkMaxRetries }).max).toBeGreaterThan(c.max);
        expect(layeredCalls({ maxRetries, sdkMaxRetries: sdkMaxRetries + 1 }).max).toBeGreaterThan(c.max);
      }),
    );
  });

  it('reads bad numbers as their floor, at least 0', () => {
    expect(layeredCalls({ maxRetries: -3, sdkMaxRetries: 1.7 })).toEqual({ attempts: 1, perAttempt: 2, sdk: 1, max: 2 });
  });
});

describe('layeredWarning', () => {
  const retry = { maxRetries: 2, sdkMaxRetries: 2 };
  it('says nothing while every attempt is one call, or before any', () => {
    expect(layeredWarning(null, retry)).toBeNull();
    expect(layeredWarning({ amplification: 0 }, retry)).toBeNull();
    expect(layeredWarning({ amplification: 1 }, retry)).toBeNull();
    expect(layeredWarning({ amplification: 1 + 1e-12 }, retry)).toBeNull();
    expect(layeredWarning({ amplification: Number.NaN }, retry)).toBeNull();
  });

  it('names the mistake with the current policy while the SDK retries', () => {
    expect(layeredWarning({ amplification: 3 }, retry)).toEqual({ kind: 'now', attempts: 3, perAttempt: 3, sdk: 2, max: 9 });
  });

  it('points at earlier requests once the SDK’s retries are off again', () => {
    expect(layeredWarning({ amplification: 1.5 }, { maxRetries: 2, sdkMaxRetries: 0 })).toEqual({ kind: 'past', amplification: 1.5 });
    expect(layeredWarning({ amplification: 1.5 }, null)).toEqual({ kind: 'past', amplification: 1.5 });
  });
});

describe('formatTimes', () => {
  it('writes ×n.n, and – for nothing', () => {
    expect(formatTimes(3)).toBe('×3.0');
    expect(formatTimes(1.25)).toBe('×1.3');
    expect(formatTimes(0)).toBe('–');
    expect(formatTimes(undefined)).toBe('–');
    expect(formatTimes(Number.POSITIVE_INFINITY)).toBe('–');
  });
});
