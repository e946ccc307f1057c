/**
 * A log-bucketed latency histogram: the one percentile estimator shared by the
 * server's stats and the dashboard (after DDSketch, Masson et al. 2019).
 *
 * Why not sort the samples: sorting 2 000 latencies on every stats read is the
 * hot spot of a class of 200 polling the dashboard. Here recording is O(1),
 * a quantile is one pass over the buckets, memory is fixed, and two histograms
 * add up exactly (per-bin histograms merge into a total).
 *
 * Accuracy: bucket i holds values in (γ^(i−1), γ^i] with γ = (1+α)/(1−α), and
 * reports 2γ^i/(γ+1). So every estimated quantile is within a *relative* error α
 * (default 1%) of the exact nearest-rank quantile. Two documented exceptions:
 * values below `minValue` count as 0 and are reported as 0; values above
 * `maxValue` are reported as about `maxValue`. While at most `exactUpTo` values
 * are held, quantiles are exact (a small sample is cheap to keep).
 */

/** Options of {@link LatencyHistogram}; all in ms except the accuracy. */
export interface LatencyHistogramOptions {
  /** Relative error bound α of every quantile, in (0, 0.5). Default 0.01 (1%). */
  relativeAccuracy?: number;
  /** Smallest value told apart from 0, in ms (> 0). Default 0.001 (1 µs). */
  minValue?: number;
  /** Largest value resolved, in ms. Default 1e9 (about 11.6 days). */
  maxValue?: number;
  /** Quantiles are exact while at most this many values are held (integer ≥ 0). Default 64. */
  exactUpTo?: number;
}

/** A histogram as plain JSON, for the wire: sparse buckets, `[index, count]`. */
export interface LatencyHistogramJSON {
  relativeAccuracy: number;
  minValue: number;
  maxValue: number;
  exactUpTo: number;
  zeroCount: number;
  buckets: Array<[number, number]>;
  sum: number;
  /** The held values, sorted, while exact; absent otherwise. */
  exact?: number[];
}

/** See the file comment. */
export class LatencyHistogram {
  /** α: the relative error bound. */
  readonly relativeAccuracy: number;
  readonly minValue: number;
  readonly maxValue: number;
  readonly exactUpTo: number;
  private readonly logGamma: number;
  private readonly gamma: number;
  private readonly offset: number;
  private readonly counts: Float64Array;
  private zeroCount = 0;
  private total = 0;
  private sumMs = 0;
  /** Sorted raw values while `total ≤ exactUpTo`; undefined once it has overflowed (until clear). */
  private exact: number[] | undefined = [];

  constructor(options: LatencyHistogramOptions = {}) {
    const a = options.relativeAccuracy ?? 0.01;
    const min = options.minValue ?? 0.001;
    const max = options.maxValue ?? 1e9;
    const exactUpTo = options.exactUpTo ?? 64;
    if (!(a > 0 && a < 0.5)) throw new RangeError(`LatencyHistogram: relativeAccuracy must be in (0, 0.5) (got ${a})`);
    if (!(min > 0 && max > min && max < Infinity)) throw new RangeError(`LatencyHistogram: need 0 < minValue < maxValue < Infinity (got ${min}, ${max})`);
    if (!(Number.isInteger(exactUpTo) && exactUpTo >= 0)) throw new RangeError(`LatencyHistogram: exactUpTo must be an integer ≥ 0 (got ${exactUpTo})`);
    this.relativeAccuracy = a;
    this.minValue = min;
    this.maxValue = max;
    this.exactUpTo = exactUpTo;
    this.gamma = (1 + a) / (1 - a);
    this.logGamma = Math.log(this.gamma);
    this.offset = Math.ceil(Math.log(min) / this.logGamma);
    this.counts = new Float64Array(Math.ceil(Math.log(max) / this.logGamma) - this.offset + 1);
  }

  /** Values held. */
  get count(): number {
    return this.total;
  }

  /** Sum of the values held, in ms (exact, not estimated). */
  get sum(): number {
    return this.sumMs;
  }

  /** Mean of the values held, in ms (exact); 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sumMs / this.total;
  }

  /** Add one value in ms. Negative, NaN or infinite values are refused with a `RangeError`. */
  record(ms: number): void {
    if (!(ms >= 0 && ms < Infinity)) throw new RangeError(`LatencyHistogram: a latency must be a finite number ≥ 0 ms (got ${ms})`);
    this.add(ms, 1);
    this.total++;
    this.sumMs += ms;
    if (this.exact !== undefined) {
      if (this.total > this.exactUpTo) this.exact = undefined;
      else this.exact.splice(sortedIndex(this.exact, ms), 0, ms);
    }
  }

  /**
   * Take back one value recorded before (for a sliding window). Returns false, changing
   * nothing, when no value in its bucket is held.
   */
  remove(ms: number): boolean {
    if (!(ms >= 0 && ms < Infinity)) return false;
    if (this.exact !== undefined) {
      // While exact, only a value actually held can go, so the sample and the buckets agree.
      const j = sortedIndex(this.exact, ms);
      if (this.exact[j] !== ms) return false;
      this.exact.splice(j, 1);
    } else {
      const i = this.indexOf(ms);
      if ((i < 0 ? this.zeroCount : this.counts[i]!) === 0) return false;
    }
    this.add(ms, -1);
    this.total--;
    this.sumMs = this.total === 0 ? 0 : this.sumMs - ms;
    return true;
  }

  /** Add every value of `other` (same options required). */
  merge(other: LatencyHistogram): void {
    if (other.relativeAccuracy !== this.relativeAccuracy || other.minValue !== this.minValue || other.maxValue !== this.maxValue)
      throw new RangeError('LatencyHistogram: can only merge histograms with the same relativeAccuracy, minValue and maxValue');
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!;
    this.zeroCount += other.zeroCount;
    this.total += other.total;
    this.sumMs += other.sumMs;
    this.exact = this.exact !== undefined && other.exact !== undefined && this.total <= this.exactUpTo ? [...this.exact, ...other.exact].sort((x, y) => x - y) : undefined;
  }

  /** Forget everything. */
  clear(): void {
    this.counts.fill(0);
    this.zeroCount = this.total = this.sumMs = 0;
    this.exact = [];
  }

  /** The nearest-rank `q`-quantile (q in [0, 1]) in ms, within the relative error α; 0 when empty. */
  quantile(q: number): number {
    return this.quantiles([q])[0]!;
  }

  /** Several quantiles in one pass over the buckets; same rules as {@link quantile}. */
  quantiles(qs: readonly number[]): number[] {
    for (const q of qs) if (!(q >= 0 && q <= 1)) throw new RangeError(`LatencyHistogram: a quantile must be in [0, 1] (got ${q})`);
    const n = this.total;
    if (n === 0) return qs.map(() => 0);
    // Nearest rank: the smallest value with at least ⌈q·n⌉ values at or below it.
    const ranks = qs.map((q) => Math.max(1, Math.ceil(q * n)));
    const exact = this.exact;
    if (exact !== undefined) return ranks.map((r) => exact[r - 1]!);
    const order = ranks.map((_, k) => k).sort((x, y) => ranks[x]! - ranks[y]!);
    const out = new Array<number>(qs.length);
    let k = 0;
    let seen = this.zeroCount;
    while (k < order.length && ranks[order[k]!]! <= seen) out[order[k++]!] = 0;
    for (let i = 0; i < this.counts.length && k < order.length; i++) {
      const c = this.counts[i]!;
      if (c === 0) continue;
      seen += c;
      while (k < order.length && ranks[order[k]!]! <= seen) out[order[k++]!] = this.valueOf(i);
    }
    return out;
  }

  /** Plain JSON for the wire (sparse). */
  toJSON(): LatencyHistogramJSON {
    const buckets: Array<[number, number]> = [];
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i]! > 0) buckets.push([i, this.counts[i]!]);
    const json: LatencyHistogramJSON = {
      relativeAccuracy: this.relativeAccuracy,
      minValue: this.minValue,
      maxValue: this.maxValue,
      exactUpTo: this.exactUpTo,
      zeroCount: this.zeroCount,
      buckets,
      sum: this.sumMs,
    };
    if (this.exact !== undefined) json.exact = [...this.exact];
    return json;
  }

  /**
   * Rebuild from {@link toJSON}'s output; throws a `RangeError` on malformed input (it may come
   * off the wire). An `exact` list that does not match the counts is dropped (quantiles are then estimated).
   */
  static fromJSON(json: LatencyHistogramJSON): LatencyHistogram {
    if (typeof json !== 'object' || json === null) throw new RangeError('LatencyHistogram.fromJSON: expected an object');
    const h = new LatencyHistogram(json);
    const count = (c: unknown) => {
      if (!(typeof c === 'number' && Number.isInteger(c) && c >= 0)) throw new RangeError(`LatencyHistogram.fromJSON: bad count ${String(c)}`);
      return c;
    };
    h.zeroCount = count(json.zeroCount);
    h.total = h.zeroCount;
    if (!Array.isArray(json.buckets)) throw new RangeError('LatencyHistogram.fromJSON: buckets must be an array');
    for (const pair of json.buckets) {
      const [i, c] = Array.isArray(pair) ? pair : [];
      if (!(Number.isInteger(i) && i! >= 0 && i! < h.counts.length)) throw new RangeError(`LatencyHistogram.fromJSON: bad bucket index ${String(i)}`);
      h.counts[i!]! += count(c);
      h.total += c!;
    }
    if (!(typeof json.sum === 'number' && json.sum >= 0 && json.sum < Infinity)) throw new RangeError('LatencyHistogram.fromJSON: bad sum');
    h.sumMs = json.sum;
    h.exact = h.sameCounts(json.exact) ? [...json.exact!] : undefined;
    return h;
  }

  /** True when `exact` is a sorted list of valid values whose buckets are exactly the counts held. */
  private sameCounts(exact: unknown): exact is number[] {
    if (!Array.isArray(exact) || exact.length !== this.total || exact.length > this.exactUpTo) return false;
    const tally = new Map<number, number>();
    for (let k = 0; k < exact.length; k++) {
      const x: unknown = exact[k];
      if (!(typeof x === 'number' && x >= 0 && x < Infinity && (k === 0 || x >= (exact[k - 1] as number)))) return false;
      const i = this.indexOf(x);
      tally.set(i, (tally.get(i) ?? 0) + 1);
    }
    for (const [i, c] of tally) if ((i < 0 ? this.zeroCount : this.counts[i]) !== c) return false;
    return true;
  }

  /** Bucket index of `ms`; −1 for the zero bucket. */
  private indexOf(ms: number): number {
    if (ms < this.minValue) return -1;
    const i = Math.ceil(Math.log(Math.min(ms, this.maxValue)) / this.logGamma) - this.offset;
    return Math.min(this.counts.length - 1, Math.max(0, i));
  }

  private add(ms: number, by: number): void {
    const i = this.indexOf(ms);
    if (i < 0) this.zeroCount += by;
    else this.counts[i]! += by;
  }

  /**
   * The value bucket `i` reports: within α of everything in (γ^(k−1), γ^k]. Kept inside
   * [minValue, maxValue], which only moves it closer to the values the end buckets can hold.
   */
  private valueOf(i: number): number {
    const k = i + this.offset;
    const v = (2 * Math.exp(k * this.logGamma)) / (this.gamma + 1);
    return Math.min(this.maxValue, Math.max(this.minValue, v));
  }
}

/** First index whose value is ≥ x (binary search). */
function sortedIndex(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
