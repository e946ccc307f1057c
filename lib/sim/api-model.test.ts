import { describe, expect, it } from 'vitest';
import { simulateApi, type ApiModelOptions } from './api-model';
import { SimRetryBudget } from './budget';
import { createStrategy, SIM_STRATEGY_IDS } from './strategies';

/** Every message takes exactly 10 ms and everyone sends at t = 0: outcomes can be worked out by hand. */
const exact: Partial<ApiModelOptions> = { network: { meanMs: 10, sdMs: 0 }, arrivalJitterMs: 0 };

describe('simulateApi', () => {
  it('serves everyone at once when capacity exceeds the herd', () => {
    const r = simulateApi({ clients: 30, strategy: createStrategy('full'), seed: 1, capacity: 50 });
    expect(r).toMatchObject({ calls: 30, successes: 30, giveUps: 0 });
    expect(r.completionMs).toBeLessThan(40); // ≤ 10 ms start jitter + two ~10 ms messages
  });

  it('answers 429 beyond capacity: with no retries allowed, all but C give up', () => {
    const r = simulateApi({ clients: 100, strategy: createStrategy('full'), seed: 1, capacity: 20, maxRetries: 0, ...exact });
    expect(r).toEqual({ calls: 100, successes: 20, giveUps: 80, completionMs: 20, histogram: [100] });
  });

  it('honouring Retry-After brings the rejected herd back at each window start', () => {
    // Window k: arrivals at k·1000 + 20 ms, 20 accepted; the rest are told to wait until (k+1)·1000.
    const r = simulateApi({ clients: 100, strategy: createStrategy('full'), seed: 1, capacity: 20, honorRetryAfter: true, ...exact });
    expect(r.calls).toBe(100 + 80 + 60 + 40 + 20);
    expect(r.successes).toBe(100);
    expect(r.completionMs).toBe(4030);
    expect(r.histogram.filter((n) => n > 0)).toEqual([100, 80, 60, 40, 20]);
    expect(r.histogram[10]).toBe(80); // the 1020 ms spike
  });

  it('never accepts more than C per second', () => {
    for (const id of SIM_STRATEGY_IDS) {
      const r = simulateApi({ clients: 100, strategy: createStrategy(id), seed: 4, capacity: 15 });
      expect(r.successes + r.giveUps).toBe(100);
      expect(r.successes).toBeLessThanOrEqual(15 * Math.ceil(r.completionMs / 1000));
      expect(r.histogram.reduce((a, b) => a + b, 0)).toBe(r.calls);
    }
  });

  it('without backoff the herd burns its retries within a second and many give up', () => {
    const r = simulateApi({ clients: 100, strategy: createStrategy('none'), seed: 2, capacity: 20, maxRetries: 50 });
    expect(r.giveUps).toBeGreaterThan(40);
    expect(r.calls).toBeGreaterThan(3000);
    const full = simulateApi({ clients: 100, strategy: createStrategy('full'), seed: 2, capacity: 20, maxRetries: 50 });
    expect(full.giveUps).toBe(0);
    expect(full.calls).toBeLessThan(r.calls / 3);
  });

  it('a shared budget stops retries once half its tokens are spent', () => {
    // 20 succeed at 20 ms; then failures take tokens 10 → 9, 8, 7, 6 (each still > 5: retry) → 5 (stop).
    // The 4 immediate retries meet a full window and fail too.
    const r = simulateApi({
      clients: 100,
      strategy: createStrategy('none'),
      seed: 1,
      capacity: 20,
      budget: { maxTokens: 10, tokenRatio: 0.1 },
      ...exact,
    });
    expect(r).toMatchObject({ calls: 104, successes: 20, giveUps: 80 });
  });

  it('accepts an injected budget object', () => {
    const budget = new SimRetryBudget({ maxTokens: 2, tokenRatio: 0 });
    const r = simulateApi({ clients: 10, strategy: createStrategy('full'), seed: 1, capacity: 5, budget, ...exact });
    expect(r.calls).toBe(10);
    expect(budget.available).toBe(0);
  });

  it('is deterministic for a seed', () => {
    const o = { clients: 50, strategy: createStrategy('decorrelated'), seed: 8, capacity: 10 };
    expect(simulateApi(o)).toEqual(simulateApi(o));
    expect(simulateApi(o)).not.toEqual(simulateApi({ ...o, seed: 9 }));
  });
});
