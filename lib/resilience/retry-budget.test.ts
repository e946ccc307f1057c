import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RetryBudget } from './retry-budget';

describe('RetryBudget (gRPC retryThrottling)', () => {
  it('starts full with the gRPC example defaults', () => {
    const b = new RetryBudget();
    expect(b.snapshot()).toEqual({ tokens: 10, maxTokens: 10, tokenRatio: 0.1 });
    expect(b.canRetry()).toBe(true);
  });

  it('denies retries once tokens reach maxTokens / 2 (strictly greater is needed)', () => {
    const b = new RetryBudget({ maxTokens: 10, tokenRatio: 0.1 });
    for (let i = 0; i < 4; i++) b.recordFailure();
    expect(b.tokens).toBe(6);
    expect(b.canRetry()).toBe(true);
    b.recordFailure();
    expect(b.tokens).toBe(5);
    expect(b.canRetry()).toBe(false);
  });

  it('earns back tokenRatio per success without float drift', () => {
    const b = new RetryBudget({ maxTokens: 10, tokenRatio: 0.1 });
    for (let i = 0; i < 5; i++) b.recordFailure();
    for (let i = 0; i < 10; i++) b.recordSuccess();
    expect(b.tokens).toBe(6); // exactly, not 5.999999999
    expect(b.canRetry()).toBe(true);
  });

  it('floors at 0, caps at maxTokens, and reset refills', () => {
    const b = new RetryBudget({ maxTokens: 2, tokenRatio: 1 });
    for (let i = 0; i < 5; i++) b.recordFailure();
    expect(b.tokens).toBe(0);
    for (let i = 0; i < 5; i++) b.recordSuccess();
    expect(b.tokens).toBe(2);
    b.recordFailure();
    b.reset();
    expect(b.tokens).toBe(2);
    expect(JSON.parse(JSON.stringify(b))).toEqual({ tokens: 2, maxTokens: 2, tokenRatio: 1 });
  });

  it('a ratio of 0 never recovers', () => {
    const b = new RetryBudget({ maxTokens: 2, tokenRatio: 0 });
    b.recordFailure();
    b.recordSuccess();
    expect(b.tokens).toBe(1);
    expect(b.canRetry()).toBe(false);
  });

  it('rejects nonsense options', () => {
    expect(() => new RetryBudget({ maxTokens: 0 })).toThrow(RangeError);
    expect(() => new RetryBudget({ maxTokens: Infinity })).toThrow(RangeError);
    expect(() => new RetryBudget({ tokenRatio: -0.1 })).toThrow(RangeError);
    expect(() => new RetryBudget({ tokenRatio: NaN })).toThrow(RangeError);
  });

  it('property: tokens always stay in [0, maxTokens] and canRetry matches the threshold', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.array(fc.boolean(), { maxLength: 300 }),
        (maxTokens, tokenRatio, ops) => {
          const b = new RetryBudget({ maxTokens, tokenRatio });
          for (const success of ops) {
            if (success) b.recordSuccess();
            else b.recordFailure();
            expect(b.tokens).toBeGreaterThanOrEqual(0);
            expect(b.tokens).toBeLessThanOrEqual(maxTokens);
            expect(b.canRetry()).toBe(b.tokens > Math.floor(maxTokens * 1000) / 2000);
          }
        },
      ),
    );
  });
});
