import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  budgetAmplificationBound,
  failedShare,
  layeredAmplification,
  layeredCalls,
  retryAmplification,
  sustainsStorm,
} from './storm-closed-form';
import { simulateStorm } from './storm-model';
import type { StormBudgetKind, StormOptions } from './storm-options';

/** An ample server: no queueing, so failures are independent of load and only `p` decides. */
const ample = (o: StormOptions): StormOptions => ({ rate: 1000, capacity: 100_000, timeoutMs: 1000, durationS: 60, ...o });

/** Standard error of the mean calls per request over n requests: Var X = Σ (2j − 1) p^(j−1) − (E X)². */
function callsStandardError(p: number, calls: number, n: number): number {
  let second = 0;
  for (let j = 1; j <= calls; j++) second += (2 * j - 1) * p ** (j - 1);
  return Math.sqrt(Math.max(0, second - retryAmplification(p, calls) ** 2) / n);
}

describe('the closed forms', () => {
  it('retryAmplification is 1 + p + … + p^(N−1)', () => {
    expect(retryAmplification(0.5, 4)).toBe(1.875);
    expect(retryAmplification(0, 5)).toBe(1);
    expect(retryAmplification(1, 5)).toBe(5);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 12 }), (p, n) => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += p ** i;
        expect(retryAmplification(p, n)).toBeCloseTo(sum, 9);
      }),
    );
  });

  it('layers multiply: the app’s 3 over the SDK’s 3 is 9 calls; 3 layers × 4 attempts is 64', () => {
    expect(layeredCalls(3, 2)).toBe(9);
    expect(layeredCalls(4, 3)).toBe(64);
    expect(layeredAmplification(1, 3, 2)).toBe(9);
    expect(layeredAmplification(0.5, 3, 2)).toBeCloseTo(retryAmplification(0.5, 9), 12);
    expect(failedShare(0.5, 4)).toBe(0.0625);
  });

  it('budgetAmplificationBound is 1 + ratio + clients × tokens / requests', () => {
    expect(budgetAmplificationBound(1000, 0.1, 10)).toBeCloseTo(1.11, 12);
    expect(budgetAmplificationBound(1000, 0.1, 10, 5)).toBeCloseTo(1.15, 12);
    expect(budgetAmplificationBound(0, 0.1, 10)).toBe(Infinity);
  });

  it('sustainsStorm: arrivals of rate × calls above capacity', () => {
    expect(sustainsStorm(1000, 3, 1400)).toBe(true);
    expect(sustainsStorm(1000, 1, 1400)).toBe(false);
  });
});

describe('the model against the closed forms', () => {
  it('p = 0.5 and 4 attempts load the server by ×1.875', () => {
    const r = simulateStorm(ample({ failureRate: 0.5, attempts: 4, durationS: 300 }));
    const se = callsStandardError(0.5, 4, r.totals.requests);
    expect(Math.abs(r.amplification - 1.875)).toBeLessThan(5 * se + 1e-3);
    expect(r.totals.failed / r.totals.requests).toBeCloseTo(0.0625, 2);
    // The distribution too: P(X = j) = p^(j−1)(1 − p) for j < N, p^(N−1) for j = N.
    const done = r.totals.succeeded + r.totals.failed;
    [0.5, 0.25, 0.125, 0.125].forEach((share, i) => expect(r.attemptsPerRequest[i]! / done).toBeCloseTo(share, 2));
  });

  it('independent failures at rate p with N attempts give 1 + p + … + p^(N−1), for any p and N (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1000 }), (p, attempts, seed) => {
        const r = simulateStorm(ample({ failureRate: p, attempts, seed, durationS: 30 }));
        const se = callsStandardError(p, attempts, r.totals.requests);
        // Requests still in flight at the end have not made all their calls yet: allow for them.
        const inFlight = (r.totals.inFlight * attempts) / r.totals.requests;
        // At a tiny p the retries are a handful of rare events (Poisson, not normal): 5 σ is then
        // less than one retry, so allow a few retries' worth too (p = 4.7e-7 once saw one in 30,000).
        const rare = 5 / r.totals.requests;
        expect(Math.abs(r.amplification - retryAmplification(p, attempts))).toBeLessThanOrEqual(5 * se + inFlight + rare);
      }),
      { numRuns: 25 },
    );
  });

  it('stacked layers act as one loop of attempts^layers calls', () => {
    const outage = simulateStorm(ample({ failureRate: 1, attempts: 3, layers: 2 }));
    const done = outage.totals.succeeded + outage.totals.failed;
    expect(outage.attemptsPerRequest[8]).toBe(done); // every finished request made exactly 9 calls
    expect(outage.amplification).toBeGreaterThan(8.99);
    const half = simulateStorm(ample({ failureRate: 0.5, attempts: 2, layers: 3, durationS: 120 }));
    const se = callsStandardError(0.5, 8, half.totals.requests);
    expect(Math.abs(half.amplification - layeredAmplification(0.5, 2, 3))).toBeLessThan(5 * se + 1e-3);
  });

  it('backoff spreads retries out but does not remove a single one', () => {
    const base = ample({ failureRate: 0.5, attempts: 4 });
    const none = simulateStorm(base);
    const backedOff = simulateStorm({ ...base, backoff: { id: 'full', baseMs: 200, capMs: 5000 } });
    // Each attempt's fate is the same coin in both runs: a request that finished in both made the
    // same calls. Backoff only leaves more requests unfinished when the run ends.
    for (let i = 0; i < 4; i++) expect(none.attemptsPerRequest[i]!).toBeGreaterThanOrEqual(backedOff.attemptsPerRequest[i]!);
    const unfinished = none.attemptsPerRequest.reduce((a, x, i) => a + x - backedOff.attemptsPerRequest[i]!, 0);
    expect(unfinished).toBe(backedOff.totals.inFlight - none.totals.inFlight);
    expect(unfinished).toBeLessThan(0.01 * none.totals.requests);
  });

  it('a 10% token bucket keeps calls per request under 1 + 0.1 + tokens/requests at any failure rate (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<StormBudgetKind>('grpc', 'brooker'),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        (p, attempts, kind, clients, seed) => {
          const r = simulateStorm(ample({ failureRate: p, attempts, clients, seed, durationS: 20, budget: { kind, maxTokens: 10, tokenRatio: 0.1 } }));
          expect(r.amplification).toBeLessThanOrEqual(budgetAmplificationBound(r.totals.requests, 0.1, 10, clients));
          expect(r.amplification).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the budget holds amplification near ×1.1 where plain retries multiply, and leaves rare failures alone', () => {
    for (const p of [0.1, 0.2, 0.5, 0.9, 1]) {
      const plain = simulateStorm(ample({ failureRate: p, attempts: 4 }));
      expect(plain.amplification).toBeCloseTo(retryAmplification(p, 4), 1); // ×1.11 at 10% … ×4 at 100%
      for (const kind of ['grpc', 'brooker'] as const) {
        const r = simulateStorm(ample({ failureRate: p, attempts: 4, budget: { kind } }));
        expect(r.amplification, `${kind} at p = ${p}`).toBeLessThanOrEqual(1.1 + 10 / r.totals.requests);
        expect(r.amplification, `${kind} at p = ${p}`).toBeLessThanOrEqual(plain.amplification);
      }
    }
    // Brooker's bucket spends its 10% where failures are common; gRPC's stops retrying altogether
    // once failures outpace the refill (above ≈ 9%), because every failure costs a token.
    expect(simulateStorm(ample({ failureRate: 0.2, attempts: 4, budget: { kind: 'brooker' } })).amplification).toBeGreaterThan(1.07);
    expect(simulateStorm(ample({ failureRate: 0.2, attempts: 4, budget: { kind: 'grpc' } })).amplification).toBeLessThan(1.01);
    // At 2% failures neither budget binds: the same calls as without one.
    const rare = simulateStorm(ample({ failureRate: 0.02, attempts: 4 }));
    for (const kind of ['grpc', 'brooker'] as const) {
      const r = simulateStorm(ample({ failureRate: 0.02, attempts: 4, budget: { kind } }));
      expect(Math.abs(r.amplification - rare.amplification)).toBeLessThan(0.002);
    }
  });
});
