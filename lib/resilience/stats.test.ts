import { describe, it, expect } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';
import { ATTEMPTS_BUCKET_CAP, LATENCY_RESERVOIR, StatsCollector, formatLessonStats, type RequestOutcome } from './stats';
import { VirtualClock } from './virtual-clock';

const outcome = (o: Partial<RequestOutcome>): RequestOutcome => ({
  source: 'api',
  latencyMs: 100,
  attempts: 1,
  rejectedByBreaker: false,
  at: 0,
  ...o,
});

describe('StatsCollector', () => {
  it("reproduces the lesson demo's printout (api, cache, api, api)", () => {
    const stats = new StatsCollector();
    for (const source of ['api', 'cache', 'api', 'api'] as const)
      stats.record(outcome({ source, attempts: source === 'cache' ? 0 : 1 }));
    expect(formatLessonStats(stats.snapshot())).toEqual({
      total_requests: 4,
      successful_requests: 3,
      failed_requests: 0,
      cache_hits: 1,
      circuit_breaker_trips: 0,
      success_rate: '75.00%',
      cache_hit_rate: '25.00%',
    });
    expect(Object.keys(formatLessonStats(stats.snapshot()))).toEqual([
      'total_requests',
      'successful_requests',
      'failed_requests',
      'cache_hits',
      'circuit_breaker_trips',
      'success_rate',
      'cache_hit_rate',
    ]);
  });

  it('counts like the lesson: fallback and local answers are failures; breaker rejections are "trips"', () => {
    const stats = new StatsCollector();
    stats.record(outcome({ source: 'api', attempts: 3 }));
    stats.record(outcome({ source: 'local', attempts: 3 }));
    stats.record(outcome({ source: 'fallback', attempts: 0, rejectedByBreaker: true }));
    stats.record(outcome({ source: 'error', attempts: 2 }));
    const s = stats.snapshot();
    expect(s).toMatchObject({
      total_requests: 4,
      successful_requests: 1,
      failed_requests: 3,
      cache_hits: 0,
      circuit_breaker_trips: 1,
      breaker_opens: 0,
      success_rate: 0.25,
      cache_hit_rate: 0,
      answered_rate: 0.75,
      by_source: { api: 1, cache: 0, local: 1, fallback: 1, error: 1 },
    });
    expect(s.retries_per_request).toEqual({ mean: 2, histogram: { 0: 1, 2: 1, 3: 2 } });
  });

  it('is all zeros when empty (no division by zero)', () => {
    const s = new StatsCollector().snapshot();
    expect(s.success_rate).toBe(0);
    expect(s.latency).toEqual({ p50: 0, p95: 0, p99: 0, mean: 0 });
    expect(s.retries_per_request).toEqual({ mean: 0, histogram: {} });
    expect(formatLessonStats(s).success_rate).toBe('0.00%');
  });

  it('computes exact nearest-rank percentiles and the mean for a small sample (≤ 64 requests)', () => {
    const stats = new StatsCollector();
    for (let ms = 60; ms >= 1; ms--) stats.record(outcome({ latencyMs: ms }));
    expect(stats.snapshot().latency).toEqual({ p50: 30, p95: 57, p99: 60, mean: 30.5 });
  });

  // Expected values changed with the histogram: beyond 64 requests the percentiles are estimated
  // within 1% relative error (LatencyHistogram's documented bound) instead of exact; the mean stays exact.
  it('estimates nearest-rank percentiles within 1% beyond 64 requests; the mean stays exact', () => {
    const stats = new StatsCollector();
    for (let ms = 100; ms >= 1; ms--) stats.record(outcome({ latencyMs: ms }));
    const { p50, p95, p99, mean } = stats.snapshot().latency;
    expect(Math.abs(p50 - 50) / 50).toBeLessThanOrEqual(0.01);
    expect(Math.abs(p95 - 95) / 95).toBeLessThanOrEqual(0.01);
    expect(Math.abs(p99 - 99) / 99).toBeLessThanOrEqual(0.01);
    expect(p50).not.toBe(p95);
    expect(mean).toBe(50.5);
  });

  it('caches the snapshot until the next record, handing out independent copies', () => {
    const stats = new StatsCollector();
    stats.record(outcome({ latencyMs: 10 }));
    const a = stats.snapshot();
    a.latency.p50 = -1;
    a.by_source.api = -1;
    expect(stats.snapshot().latency.p50).toBe(10);
    expect(stats.snapshot().by_source.api).toBe(1);
    stats.record(outcome({ latencyMs: 30 }));
    stats.record(outcome({ latencyMs: 30 }));
    expect(stats.snapshot().latency).toEqual({ p50: 30, p95: 30, p99: 30, mean: 70 / 3 });
    stats.reset();
    expect(stats.snapshot().latency).toEqual({ p50: 0, p95: 0, p99: 0, mean: 0 });
  });

  it('a bad latency from a caller never breaks the stats', () => {
    const stats = new StatsCollector();
    for (const latencyMs of [Number.NaN, -5, Infinity, 1e12]) expect(() => stats.record(outcome({ latencyMs }))).not.toThrow();
    const { latency, total_requests } = stats.snapshot();
    expect(total_requests).toBe(4);
    expect(latency.p50).toBe(0); // NaN and -5 count as 0 ms
    expect(latency.p99).toBe(1e9); // Infinity and 1e12 are clamped to 1e9 ms
    expect(stats.latencyHistogram().sum).toBe(2e9);
  });

  it('keeps only the most recent latencies and stays bounded however many requests arrive', () => {
    const stats = new StatsCollector();
    for (let i = 0; i < 50_000; i++) stats.record(outcome({ latencyMs: i < 48_000 ? 10_000 : 5, attempts: i }));
    const s = stats.snapshot();
    expect(s.total_requests).toBe(50_000);
    // The old slow ones fell out of the reservoir (and of its histogram): every percentile is 5 ms, within 1%.
    for (const p of [s.latency.p50, s.latency.p95, s.latency.p99]) expect(Math.abs(p - 5) / 5).toBeLessThanOrEqual(0.01);
    expect(s.latency.mean).toBe(5);
    expect(stats.latencyHistogram().buckets).toHaveLength(1);
    expect(Object.keys(s.retries_per_request.histogram)).toHaveLength(ATTEMPTS_BUCKET_CAP + 1);
    expect(s.retries_per_request.histogram[ATTEMPTS_BUCKET_CAP]).toBe(50_000 - ATTEMPTS_BUCKET_CAP);
    expect(LATENCY_RESERVOIR).toBe(2000);
  });

  it('counts breaker opens from onTransition, and reset() forgets everything', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 10, clock });
    const stats = new StatsCollector();
    const sub = stats.watchBreaker(breaker.onTransition);
    await breaker.execute(() => Promise.reject(new Error('x'))).catch(() => undefined);
    await clock.advance(10);
    await breaker.execute(() => Promise.reject(new Error('x'))).catch(() => undefined); // probe fails: opens again
    expect(stats.snapshot().breaker_opens).toBe(2);
    sub.dispose();
    breaker.reset();
    await breaker.execute(() => Promise.reject(new Error('x'))).catch(() => undefined);
    expect(stats.snapshot().breaker_opens).toBe(2);
    stats.record(outcome({}));
    stats.reset();
    expect(stats.snapshot()).toEqual(new StatsCollector().snapshot());
  });
});
