/**
 * The storm model's time series: counters per bin while it runs (typed arrays,
 * no allocation per event), turned into per-second rates for charts and JSON.
 */

/** Per-bin rates over time. Every array has one entry per bin; rates are per second. */
export interface StormSeries {
  /** Bin width in ms (the last bin may be shorter). */
  binMs: number;
  /** Start of each bin, in s. */
  tS: number[];
  /** Offered load: calls reaching the server per second (first tries + retries, rejected included). */
  offered: number[];
  /** First tries per second (the open-loop arrivals). */
  firstTries: number[];
  /** Retries per second, at any layer. */
  retries: number[];
  /** Attempts the server worked on per second (≤ capacity). */
  served: number[];
  /** Of `served`, attempts whose client had already given up on them. */
  wasted: number[];
  /** Attempts refused at once because the queue was full. */
  rejected: number[];
  /** Goodput: requests answered per second. */
  goodput: number[];
  /** Requests that gave up, per second. */
  failed: number[];
  /** The server's capacity (requests per second), averaged over the bin. */
  capacity: number[];
  /** Attempts in the server's queue at the end of the bin (a count, not a rate). */
  queue: number[];
  /** Mean budget tokens per client at the end of the bin; `null` without a budget. */
  tokens: number[] | null;
  /** Fraction of clients whose retry breaker is open at the end of the bin; `null` without a breaker. */
  breakerOpen: number[] | null;
}

/** The counters the model writes into while it runs. */
export interface SeriesCounters {
  offered: Float64Array;
  firstTries: Float64Array;
  retries: Float64Array;
  served: Float64Array;
  wasted: Float64Array;
  rejected: Float64Array;
  goodput: Float64Array;
  failed: Float64Array;
  /** Sum of the per-ms capacity over the bin. */
  capacity: Float64Array;
  queue: Float64Array;
  tokens: Float64Array | null;
  breakerOpen: Float64Array | null;
}

/** Zeroed counters for a run of `steps` ms in bins of `binMs` ms. */
export function createSeries(steps: number, binMs: number, withTokens: boolean, withBreaker: boolean): SeriesCounters {
  const n = Math.max(1, Math.ceil(steps / binMs));
  const f = () => new Float64Array(n);
  return {
    offered: f(),
    firstTries: f(),
    retries: f(),
    served: f(),
    wasted: f(),
    rejected: f(),
    goodput: f(),
    failed: f(),
    capacity: f(),
    queue: f(),
    tokens: withTokens ? f() : null,
    breakerOpen: withBreaker ? f() : null,
  };
}

/** Counts per bin → rates per second (each bin divided by its own width), as plain arrays. */
export function finishSeries(s: SeriesCounters, steps: number, binMs: number): StormSeries {
  const n = s.offered.length;
  const widthS = Array.from({ length: n }, (_, i) => Math.max(1, Math.min(binMs, steps - i * binMs)) / 1000);
  const rate = (a: Float64Array) => Array.from(a, (v, i) => v / widthS[i]!);
  return {
    binMs,
    tS: Array.from({ length: n }, (_, i) => (i * binMs) / 1000),
    offered: rate(s.offered),
    firstTries: rate(s.firstTries),
    retries: rate(s.retries),
    served: rate(s.served),
    wasted: rate(s.wasted),
    rejected: rate(s.rejected),
    goodput: rate(s.goodput),
    failed: rate(s.failed),
    // The model adds the capacity of every 1 ms step: the mean is the sum over the bin's steps.
    capacity: Array.from(s.capacity, (v, i) => v / (widthS[i]! * 1000)),
    queue: Array.from(s.queue),
    tokens: s.tokens ? Array.from(s.tokens) : null,
    breakerOpen: s.breakerOpen ? Array.from(s.breakerOpen) : null,
  };
}
