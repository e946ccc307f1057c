import type { BreakerTransition } from './circuit-breaker';
import type { Disposable, Event } from './events';
import { LatencyHistogram, type LatencyHistogramJSON } from './latency-histogram';

/** Where a request's answer came from. `'fallback'` is a canned reply; `'error'` means no answer at all. */
export type AnswerSource = 'api' | 'cache' | 'local' | 'fallback' | 'error';
export const ANSWER_SOURCES: readonly AnswerSource[] = ['api', 'cache', 'local', 'fallback', 'error'];

/** What happened to one request, as the service reports it. */
export interface RequestOutcome {
  source: AnswerSource;
  /** Wall time of the whole request in ms, retries included. */
  latencyMs: number;
  /** Upstream calls made by the primary for this request; 0 for a cache hit or an open breaker. */
  attempts: number;
  /** Calls that reached the upstream, retries of lower layers (the SDK's) included. Default `attempts`. */
  upstreamCalls?: number;
  /** True when the breaker refused the call (the lesson's "circuit_breaker_trips"). */
  rejectedByBreaker: boolean;
  /** Clock time of the outcome in ms (for consumers that chart over time; not used here). */
  at: number;
}

/** The lesson demo's `get_stats()` fields plus latency, sources and attempts. Rates are 0..1. */
export interface StatsSnapshot {
  total_requests: number;
  /** Answered by the API (source `'api'`), as in the lesson. */
  successful_requests: number;
  /** Every request not answered by the API or the cache — the lesson's count, which includes canned fallbacks. */
  failed_requests: number;
  cache_hits: number;
  /** The lesson's name for requests turned away by an open breaker (not the number of times it opened). */
  circuit_breaker_trips: number;
  /** Real trips: transitions into `open`. */
  breaker_opens: number;
  /** successful / total — the lesson's definition, which leaves cache hits out. */
  success_rate: number;
  cache_hit_rate: number;
  /** Any answer other than `'error'`, over total. */
  answered_rate: number;
  by_source: Record<AnswerSource, number>;
  /**
   * In ms, over the most recent {@link LATENCY_RESERVOIR} requests. Percentiles are nearest-rank:
   * exact while at most 64 requests are counted, then estimated by a {@link LatencyHistogram}
   * within 1% relative error. The mean is exact.
   */
  latency: { p50: number; p95: number; p99: number; mean: number };
  /** `mean` = upstream attempts per request over all requests; `histogram` maps attempts → requests. */
  retries_per_request: { mean: number; histogram: Record<number, number> };
  /**
   * Upstream calls per attempt the service made: 1 when only the service retries; up to
   * 1 + the SDK's maxRetries when a hidden layer retries under it (3 × 3 = 9 calls is ×3). 0 before any attempt.
   */
  amplification: number;
}

/** How many recent latencies the percentiles are computed over. */
export const LATENCY_RESERVOIR = 2000;
/** Attempts at or above this share one histogram bucket, so the histogram stays bounded. */
export const ATTEMPTS_BUCKET_CAP = 20;

/**
 * Counts request outcomes in constant memory: counters, a fixed ring of the last
 * {@link LATENCY_RESERVOIR} latencies with a {@link LatencyHistogram} over them
 * (a latency leaving the ring leaves the histogram), and a capped attempts histogram.
 *
 * A snapshot costs one pass over the histogram's buckets, not a sort, and its
 * percentiles are cached until the next record: the dashboard reads it per request.
 */
export class StatsCollector {
  private total = 0;
  private bySource = emptyBySource();
  private trips = 0;
  private opens = 0;
  private attemptsSum = 0;
  private upstreamSum = 0;
  private histogram = new Map<number, number>();
  private readonly latencies = new Float64Array(LATENCY_RESERVOIR);
  private latencyHead = 0;
  private latencyCount = 0;
  private readonly latencyHist = new LatencyHistogram();
  private latencyCache: StatsSnapshot['latency'] | undefined;

  /**
   * Count one finished request. A latency that is negative or NaN counts as 0 ms, one above
   * 1e9 ms (or infinite) as 1e9 ms: a bad number from a caller must not break the stats.
   */
  record(o: RequestOutcome): void {
    this.total++;
    this.bySource[o.source]++;
    if (o.rejectedByBreaker) this.trips++;
    const attempts = Math.max(0, Math.floor(o.attempts));
    this.attemptsSum += attempts;
    this.upstreamSum += Math.max(attempts, Math.floor(o.upstreamCalls ?? attempts));
    const bucket = Math.min(attempts, ATTEMPTS_BUCKET_CAP);
    this.histogram.set(bucket, (this.histogram.get(bucket) ?? 0) + 1);
    const ms = o.latencyMs > 0 ? Math.min(o.latencyMs, this.latencyHist.maxValue) : 0;
    if (this.latencyCount === LATENCY_RESERVOIR) this.latencyHist.remove(this.latencies[this.latencyHead]!);
    else this.latencyCount++;
    this.latencies[this.latencyHead] = ms;
    this.latencyHead = (this.latencyHead + 1) % LATENCY_RESERVOIR;
    this.latencyHist.record(ms);
    this.latencyCache = undefined;
  }

  /** The latency histogram over the reservoir, as JSON (e.g. for a client to merge or chart). */
  latencyHistogram(): LatencyHistogramJSON {
    return this.latencyHist.toJSON();
  }

  /** Count one closed/half-open → open transition. */
  recordBreakerOpen(): void {
    this.opens++;
  }

  /** Count breaker opens from a breaker's `onTransition`, so there is no second bookkeeping path. */
  watchBreaker(onTransition: Event<BreakerTransition>): Disposable {
    return onTransition((t) => {
      if (t.to === 'open') this.recordBreakerOpen();
    });
  }

  /** The numbers now. Cheap: the percentiles are cached until the next {@link record}. */
  snapshot(): StatsSnapshot {
    const total = this.total;
    const s = this.bySource;
    const rate = (n: number) => (total === 0 ? 0 : n / total);
    this.latencyCache ??= this.latencySummary();
    return {
      total_requests: total,
      successful_requests: s.api,
      failed_requests: total - s.api - s.cache,
      cache_hits: s.cache,
      circuit_breaker_trips: this.trips,
      breaker_opens: this.opens,
      success_rate: rate(s.api),
      cache_hit_rate: rate(s.cache),
      answered_rate: rate(total - s.error),
      by_source: { ...s },
      latency: { ...this.latencyCache },
      retries_per_request: {
        mean: total === 0 ? 0 : this.attemptsSum / total,
        histogram: Object.fromEntries([...this.histogram].sort((a, b) => a[0] - b[0])),
      },
      amplification: this.attemptsSum === 0 ? 0 : this.upstreamSum / this.attemptsSum,
    };
  }

  /** Forget everything. */
  reset(): void {
    this.total = this.trips = this.opens = this.attemptsSum = this.upstreamSum = 0;
    this.bySource = emptyBySource();
    this.histogram = new Map();
    this.latencyHead = this.latencyCount = 0;
    this.latencyHist.clear();
    this.latencyCache = undefined;
  }

  private latencySummary(): StatsSnapshot['latency'] {
    const [p50, p95, p99] = this.latencyHist.quantiles([0.5, 0.95, 0.99]) as [number, number, number];
    return { p50, p95, p99, mean: this.latencyHist.mean };
  }
}

function emptyBySource(): Record<AnswerSource, number> {
  return { api: 0, cache: 0, local: 0, fallback: 0, error: 0 };
}

const percent = (r: number) => `${(r * 100).toFixed(2)}%`;

/** The lesson demo's `get_stats()` printout: its five counters, then rates as `"75.00%"`. */
export function formatLessonStats(s: StatsSnapshot): Record<string, string | number> {
  return {
    total_requests: s.total_requests,
    successful_requests: s.successful_requests,
    failed_requests: s.failed_requests,
    cache_hits: s.cache_hits,
    circuit_breaker_trips: s.circuit_breaker_trips,
    success_rate: percent(s.success_rate),
    cache_hit_rate: percent(s.cache_hit_rate),
  };
}
