import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimRetryBudget } from './budget';

describe('SimRetryBudget (gRPC retryThrottling)', () => {
  it('starts full and allows retries while tokens > maxTokens / 2', () => {
    const b = new SimRetryBudget({ maxTokens: 10, tokenRatio: 0.1 });
    const allowed: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      b.recordFailure();
      allowed.push(b.canRetry());
    }
    expect(allowed).toEqual([true, true, true, true, false, false]); // 9 8 7 6 5 4
  });

  it('earns tokenRatio per success, capped at maxTokens', () => {
    const b = new SimRetryBudget({ maxTokens: 10, tokenRatio: 0.1 });
    for (let i = 0; i < 5; i++) b.recordFailure();
    expect(b.canRetry()).toBe(false);
    for (let i = 0; i < 10; i++) b.recordSuccess();
    expect(b.available).toBeCloseTo(6, 10);
    expect(b.canRetry()).toBe(true);
    for (let i = 0; i < 100; i++) b.recordSuccess();
    expect(b.available).toBe(10);
  });

  it('keeps tokens within [0, maxTokens] for any sequence (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (outcomes, max) => {
        const b = new SimRetryBudget({ maxTokens: max, tokenRatio: 0.5 });
        for (const ok of outcomes) {
          if (ok) b.recordSuccess();
          else b.recordFailure();
          expect(b.available).toBeGreaterThanOrEqual(0);
          expect(b.available).toBeLessThanOrEqual(max);
          expect(b.canRetry()).toBe(b.available > max / 2);
        }
      }),
    );
  });
});
