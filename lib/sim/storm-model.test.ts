import { describe, expect, it } from 'vitest';
import { createBackoff } from '@/lib/resilience/backoff';
import { seededRandom } from '@/lib/resilience/random';
import { RetryBudget } from '@/lib/resilience/retry-budget';
import { deriveSeed, hashUniform, STORM_STREAM } from './seeds';
import { poissonCdf, simulateStorm } from './storm-model';
import { resolveStormOptions, type StormOptions } from './storm-options';

/**
 * The storm model transcribed naively: JS objects in a plain array for the
 * server's queue, a full scan of the queue every millisecond for timeouts, a
 * list of pending retries searched every millisecond, explicit per-layer loop
 * counters, lib/resilience's own RetryBudget for gRPC, and a list of every
 * outcome for the breaker. It draws the same random numbers, so the fast model
 * (ring buffer, timeout cursor, retry calendar, counting in base k) must agree
 * exactly.
 */
function referenceStorm(input: StormOptions) {
  const o = resolveStormOptions(input);
  const k = o.attempts;
  const L = o.layers;
  const T = Math.max(1, Math.round(o.timeoutMs));
  const steps = Math.round(o.durationS * 1000);
  const limit = Math.max(1, Math.floor(o.queueLimitS * o.capacity));
  const bins = Math.ceil(steps / o.binMs);
  const perBin = () => new Array<number>(bins).fill(0);
  const count = { offered: perBin(), goodput: perBin(), failed: perBin(), served: perBin(), wasted: perBin(), rejected: perBin(), queue: perBin() };
  const totals = { requests: 0, attempts: 0, retries: 0, served: 0, wasted: 0, rejected: 0, timeouts: 0, serverErrors: 0, succeeded: 0, failed: 0, refusedRetries: 0 };
  const perRequest = new Array<number>(k ** L).fill(0);
  const loops: number[][] = []; // per request: attempts used in each layer's current loop, outer first
  const calls: number[] = [];
  const queue: { r: number; sentAt: number; timedOut: boolean }[] = [];
  const pending: { r: number; at: number }[] = [];
  const grpc = Array.from({ length: o.clients }, () => new RetryBudget({ maxTokens: o.budget.maxTokens, tokenRatio: o.budget.tokenRatio }));
  const brooker = new Array<number>(o.clients).fill(o.budget.maxTokens * 1000);
  const outcomes: { c: number; slot: number; failed: boolean }[] = [];
  const backoff = o.backoff.id === 'none' ? null : createBackoff(o.backoff.id, o.backoff);
  const arrivals = seededRandom(deriveSeed(o.seed, STORM_STREAM.arrivals));
  const cdf = poissonCdf(o.rate / 1000);
  let bin = 0;

  const breakerOpen = (c: number, now: number) => {
    const br = o.breaker!;
    const slotMs = br.windowMs / 10;
    const current = Math.floor(now / slotMs);
    const recent = outcomes.filter((e) => e.c === c && e.slot > current - 10);
    const failedN = recent.filter((e) => e.failed).length;
    return recent.length >= br.minSamples && failedN >= br.threshold * recent.length;
  };
  const record = (c: number, now: number, failed: boolean) => {
    if (o.breaker) outcomes.push({ c, slot: Math.floor(now / (o.breaker.windowMs / 10)), failed });
    if (o.budget.kind === 'grpc') {
      if (failed) grpc[c]!.recordFailure();
      else grpc[c]!.recordSuccess();
    } else if (o.budget.kind === 'brooker' && !failed) {
      brooker[c] = Math.min(o.budget.maxTokens * 1000, brooker[c]! + Math.round(o.budget.tokenRatio * 1000));
    }
  };
  const budgetAllows = (c: number) => {
    if (o.budget.kind === 'grpc') return grpc[c]!.canRetry();
    if (o.budget.kind === 'brooker') {
      if (brooker[c]! < 1000) return false;
      brooker[c]! -= 1000;
    }
    return true;
  };
  const giveUp = (r: number) => {
    totals.failed++;
    count.failed[bin]!++;
    perRequest[calls[r]! - 1]!++;
  };
  const fail = (r: number, now: number) => {
    const c = r % o.clients;
    const loop = loops[r]!;
    // The innermost layer with attempts left retries; the layers inside it start a new loop.
    let level = L - 1;
    while (level >= 0 && loop[level] === k - 1) level--;
    const outer = level <= 0; // every inner loop is spent: the app layer sees this failure
    if (outer) record(c, now, true);
    if (level < 0) return giveUp(r);
    if (outer && ((o.breaker && breakerOpen(c, now)) || !budgetAllows(c))) {
      totals.refusedRetries++;
      return giveUp(r);
    }
    const retryIndex = loop[level]!;
    loop[level]!++;
    for (let inner = level + 1; inner < L; inner++) loop[inner] = 0;
    const wait = backoff ? Math.max(1, Math.round(backoff(retryIndex, 0, () => hashUniform(o.seed, STORM_STREAM.jitter, r, calls[r]!)))) : 1;
    pending.push({ r, at: now + wait });
  };
  const send = (r: number, now: number) => {
    totals.attempts++;
    count.offered[bin]!++;
    if (calls[r]! > 0) totals.retries++;
    calls[r]!++;
    if (queue.length >= limit) {
      totals.rejected++;
      count.rejected[bin]!++;
      fail(r, now);
    } else {
      queue.push({ r, sentAt: now, timedOut: false });
    }
  };

  let credit = 0;
  for (let now = 0; now < steps; now++) {
    bin = Math.floor(now / o.binMs);
    const u = arrivals();
    let n = 0;
    while (n < cdf.length - 1 && u >= cdf[n]!) n++;
    for (let a = 0; a < n; a++) {
      const r = totals.requests++;
      loops.push(new Array<number>(L).fill(0));
      calls.push(0);
      send(r, now);
    }
    const due = pending.filter((x) => x.at === now);
    for (const x of due) pending.splice(pending.indexOf(x), 1);
    for (const x of due) send(x.r, now);

    const capNow = o.trigger && now >= Math.round(o.trigger.atS * 1000) && now < Math.round((o.trigger.atS + o.trigger.durationS) * 1000) ? o.capacity * o.trigger.capacityFactor : o.capacity;
    credit += capNow / 1000;
    while (credit >= 1 && queue.length > 0) {
      credit -= 1;
      const e = queue.shift()!;
      totals.served++;
      count.served[bin]!++;
      if (e.timedOut) {
        totals.wasted++;
        count.wasted[bin]!++;
      } else if (hashUniform(o.seed, STORM_STREAM.failure, e.r, calls[e.r]! - 1) < o.failureRate) {
        totals.serverErrors++;
        fail(e.r, now);
      } else {
        totals.succeeded++;
        count.goodput[bin]!++;
        perRequest[calls[e.r]! - 1]!++;
        record(e.r % o.clients, now, false);
      }
    }
    if (queue.length === 0) credit = 0;
    for (const e of queue) {
      if (!e.timedOut && e.sentAt <= now - T) {
        e.timedOut = true;
        totals.timeouts++;
        fail(e.r, now);
      }
    }
    count.queue[bin] = queue.length;
  }
  return { totals: { ...totals, inFlight: totals.requests - totals.succeeded - totals.failed }, perRequest, count };
}

const perSecond = (rates: number[]) => rates.map((x) => Math.round(x)); // 1000 ms bins: rate = count

describe('simulateStorm', () => {
  const busy: StormOptions = { rate: 200, capacity: 260, timeoutMs: 500, attempts: 3, durationS: 40, queueLimitS: 3, trigger: { atS: 8, durationS: 6, capacityFactor: 0.1 } };
  const configs: [string, StormOptions][] = [
    ['independent failures', { rate: 300, capacity: 100_000, failureRate: 0.4, attempts: 4, durationS: 20 }],
    ['the metastable loop', busy],
    ['a gRPC budget, 3 clients', { ...busy, clients: 3, budget: { kind: 'grpc' } }],
    ['Brooker’s budget', { ...busy, budget: { kind: 'brooker', maxTokens: 5, tokenRatio: 0.2 } }],
    ['the retry breaker', { ...busy, clients: 2, breaker: { threshold: 0.4, windowMs: 2000, minSamples: 10 } }],
    ['layers and full jitter', { ...busy, failureRate: 0.2, layers: 2, backoff: { id: 'full', baseMs: 50, capMs: 400 } }],
    ['equal jitter and a partial last bin', { ...busy, durationS: 17.5, backoff: { id: 'equal', baseMs: 20, capMs: 1000 } }],
  ];

  it.each(configs)('matches a naive transcription exactly: %s', (_name, options) => {
    const fast = simulateStorm(options);
    const ref = referenceStorm(options);
    expect(fast.totals).toEqual(ref.totals);
    expect(fast.attemptsPerRequest).toEqual(ref.perRequest);
    const widthS = (i: number) => Math.min(1000, fast.options.durationS * 1000 - i * 1000) / 1000;
    const counts = (rates: number[]) => perSecond(rates.map((x, i) => x * widthS(i)));
    expect(counts(fast.series.offered)).toEqual(ref.count.offered);
    expect(counts(fast.series.goodput)).toEqual(ref.count.goodput);
    expect(counts(fast.series.failed)).toEqual(ref.count.failed);
    expect(counts(fast.series.wasted)).toEqual(ref.count.wasted);
    expect(counts(fast.series.rejected)).toEqual(ref.count.rejected);
    expect(fast.series.queue).toEqual(ref.count.queue);
  });

  it('keeps its books: every attempt, request and call accounted for', () => {
    for (const [, options] of configs) {
      const { totals: t, attemptsPerRequest, series, options: o } = simulateStorm(options);
      expect(t.attempts).toBe(t.requests + t.retries);
      expect(t.served).toBe(t.wasted + t.succeeded + t.serverErrors);
      expect(t.requests).toBe(t.succeeded + t.failed + t.inFlight);
      expect(attemptsPerRequest.reduce((a, b) => a + b, 0)).toBe(t.succeeded + t.failed);
      expect(t.refusedRetries).toBeLessThanOrEqual(t.failed);
      const sum = (xs: number[]) => Math.round(xs.reduce((a, x, i) => a + x * Math.min(1, o.durationS - i), 0));
      expect(sum(series.offered)).toBe(t.attempts);
      expect(sum(series.firstTries)).toBe(t.requests);
      expect(sum(series.retries)).toBe(t.retries);
      expect(sum(series.served)).toBe(t.served);
      expect(sum(series.goodput)).toBe(t.succeeded);
      for (let i = 0; i < series.served.length; i++) expect(series.served[i]!).toBeLessThanOrEqual(series.capacity[i]! + 1);
    }
  });

  it('gives the same run for the same seed, and another for another seed', () => {
    const o: StormOptions = { ...busy, budget: { kind: 'grpc' }, breaker: {} };
    expect(simulateStorm(o)).toEqual(simulateStorm(o));
    expect(simulateStorm({ ...o, seed: 2 }).totals).not.toEqual(simulateStorm(o).totals);
  });

  it('draws Poisson arrivals at the asked rate', () => {
    const r = simulateStorm({ rate: 1000, capacity: 100_000, durationS: 100, attempts: 1 });
    // 100 000 expected, standard deviation 316.
    expect(Math.abs(r.totals.requests - 100_000)).toBeLessThan(1600);
    const perSecondCounts = r.series.firstTries;
    const mean = perSecondCounts.reduce((a, b) => a + b, 0) / perSecondCounts.length;
    const variance = perSecondCounts.reduce((a, b) => a + (b - mean) ** 2, 0) / (perSecondCounts.length - 1);
    expect(variance / mean).toBeGreaterThan(0.7); // Poisson: variance = mean
    expect(variance / mean).toBeLessThan(1.3);
  });

  it('times out attempts that wait longer than the timeout, and still serves them (wasted work)', () => {
    // The server stops for 2 s; with a 500 ms timeout and no retries, everything sent in the
    // first 1.5 s of the outage times out, and the server later works on it for nobody.
    const r = simulateStorm({ rate: 100, capacity: 1000, timeoutMs: 500, attempts: 1, durationS: 10, trigger: { atS: 3, durationS: 2, capacityFactor: 0 } });
    expect(r.totals.timeouts).toBeGreaterThan(100);
    expect(r.totals.wasted).toBe(r.totals.timeouts);
    expect(r.totals.failed).toBe(r.totals.timeouts);
    expect(r.series.goodput[3]).toBe(0);
    expect(r.series.goodput[4]).toBe(0);
    expect(r.series.wasted[5]).toBeGreaterThan(0); // the backlog is served after the outage
  });

  it('rejects at once beyond the queue limit', () => {
    const r = simulateStorm({ rate: 500, capacity: 100, timeoutMs: 60_000, attempts: 1, durationS: 10, queueLimitS: 1 });
    // The queue holds 100; about 100/s are served; the rest of 500/s is rejected.
    expect(r.series.queue.at(-1)).toBeGreaterThanOrEqual(99);
    expect(r.totals.rejected / r.totals.requests).toBeGreaterThan(0.7);
    expect(r.totals.timeouts).toBe(0);
  });

  it('throws a RangeError that lists every bad option', () => {
    expect(() => simulateStorm({ rate: -1, attempts: 0 })).toThrow(/rate must be a number from 1 to 20000, got -1; attempts must be an integer from 1 to 10, got 0/);
  });
});

describe('poissonCdf', () => {
  it('is the Poisson distribution function', () => {
    const cdf = poissonCdf(1);
    expect(cdf[0]).toBeCloseTo(Math.exp(-1), 15);
    expect(cdf[1]).toBeCloseTo(2 * Math.exp(-1), 15);
    expect(cdf[2]).toBeCloseTo(2.5 * Math.exp(-1), 15);
    expect(1 - cdf.at(-1)!).toBeLessThan(1e-15);
    for (let i = 1; i < cdf.length; i++) expect(cdf[i]!).toBeGreaterThanOrEqual(cdf[i - 1]!);
    const big = poissonCdf(20);
    expect(big.length).toBeGreaterThan(40);
    expect(1 - big.at(-1)!).toBeLessThan(1e-14);
  });
});
