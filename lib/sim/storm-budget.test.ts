import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetryBudget } from '@/lib/resilience/retry-budget';
import { StormBudgets } from './storm-budget';

describe('StormBudgets', () => {
  it('gRPC: decides exactly as lib/resilience’s RetryBudget for any outcome sequence (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2000 }), (outcomes, max, ratioMilli) => {
        const ratio = ratioMilli / 1000;
        const ours = new StormBudgets('grpc', 1, max, ratio);
        const theirs = new RetryBudget({ maxTokens: max, tokenRatio: ratio });
        for (const ok of outcomes) {
          if (ok) {
            ours.onSuccess(0);
            theirs.recordSuccess();
          } else {
            ours.onFailure(0);
            theirs.recordFailure();
            expect(ours.tryRetry(0)).toBe(theirs.canRetry());
          }
          expect(ours.tokens(0)).toBeCloseTo(theirs.tokens, 9);
        }
      }),
    );
  });

  it('gRPC: a failure costs a token, retries stop at half the bucket', () => {
    const b = new StormBudgets('grpc', 1, 10, 0.1);
    const allowed: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      b.onFailure(0);
      allowed.push(b.tryRetry(0));
    }
    expect(allowed).toEqual([true, true, true, true, false, false]); // 9 8 7 6 5 4 tokens
    expect(b.tokens(0)).toBe(4);
  });

  it('Brooker: successes deposit 0.1, a retry takes a whole token, failures are free', () => {
    const b = new StormBudgets('brooker', 2, 10, 0.1);
    for (let i = 0; i < 10; i++) {
      b.onFailure(0);
      expect(b.tryRetry(0)).toBe(true);
    }
    b.onFailure(0);
    expect(b.tokens(0)).toBe(0);
    expect(b.tryRetry(0)).toBe(false);
    for (let i = 0; i < 9; i++) b.onSuccess(0);
    expect(b.tryRetry(0)).toBe(false); // 0.9 of a token is not a token
    b.onSuccess(0);
    expect(b.tryRetry(0)).toBe(true); // exactly 1.0: kept in thousandths, no float drift
    expect(b.tokens(0)).toBe(0);
    expect(b.tokens(1)).toBe(10); // the other client's bucket is untouched
    expect(b.meanTokens()).toBe(5);
  });

  it('both: retries never exceed tokenRatio × successes + maxTokens (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 500 }), fc.constantFrom('grpc' as const, 'brooker' as const), (outcomes, kind) => {
        const b = new StormBudgets(kind, 1, 10, 0.1);
        let retries = 0;
        let successes = 0;
        for (const ok of outcomes) {
          if (ok) {
            successes++;
            b.onSuccess(0);
          } else {
            b.onFailure(0);
            if (b.tryRetry(0)) retries++;
          }
          expect(b.tokens(0)).toBeGreaterThanOrEqual(0);
          expect(b.tokens(0)).toBeLessThanOrEqual(10);
        }
        expect(retries).toBeLessThanOrEqual(0.1 * successes + 10 + 1e-9);
      }),
    );
  });
});
