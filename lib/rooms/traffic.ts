import type { RoomSeries, RoomTotals } from '@/lib/contract';

/** Width of one bin of the room's traffic, in ms of room time: fine enough to show a herd arriving at one instant. */
export const BIN_MS = 200;
/** Bins kept: 3 minutes of room time (the longest script is 80 s). Older bins are dropped. */
export const MAX_BINS = 900;
/** Bins kept per participant, for its dot: the last 5 s. */
export const CALLER_BINS = 25;

/** Counts of one bin. */
interface Counts {
  first: number;
  retries: number;
  refused: number;
  ok: number;
}

/** A fixed ring of bins, addressed by absolute bin number (`floor(at / BIN_MS)`). */
class Ring {
  private readonly bin: Float64Array;
  private readonly counts: Counts[];
  readonly open: Float64Array;

  constructor(readonly size: number) {
    this.bin = new Float64Array(size).fill(-1);
    this.counts = Array.from({ length: size }, () => ({ first: 0, retries: 0, refused: 0, ok: 0 }));
    this.open = new Float64Array(size).fill(NaN);
  }

  /** The counts of bin `b`, cleared first when the slot held an older bin. */
  at(b: number): Counts {
    const i = b % this.size;
    if (this.bin[i] !== b) {
      this.bin[i] = b;
      const c = this.counts[i]!;
      c.first = c.retries = c.refused = c.ok = 0;
      this.open[i] = NaN;
    }
    return this.counts[i]!;
  }

  /** The counts of bin `b`, or `undefined` when it is empty or gone. */
  peek(b: number): Counts | undefined {
    const i = b % this.size;
    return this.bin[i] === b ? this.counts[i] : undefined;
  }

  openOf(b: number): number {
    const i = b % this.size;
    return this.bin[i] === b ? this.open[i]! : NaN;
  }

  setOpen(b: number, n: number): void {
    this.at(b);
    this.open[b % this.size] = n;
  }
}

/** One counted call, so a later look at its body can still turn it from a first try into a retry. */
export interface CallMark {
  caller: number;
  bin: number;
  retry: boolean;
  ok: boolean;
}

const total = (c: Counts) => c.first + c.retries;

/**
 * The calls that reached the room's shared upstream, binned by room time: the
 * room view's chart, its big numbers and each participant's dot all read from
 * here. Bounded: {@link MAX_BINS} bins for the room, {@link CALLER_BINS} per participant.
 */
export class Traffic {
  private readonly ring = new Ring(MAX_BINS);
  private readonly callers = new Map<number, Ring>();
  private startAt = 0;
  private totals = { calls: 0, firstTries: 0, retries: 0, refused: 0, ok: 0 };
  private peak = 0;
  private openNow = 0;

  /** Start a new run at room time `at` (ms): totals and the chart start again from zero. */
  reset(at: number): void {
    this.startAt = at;
    this.totals = { calls: 0, firstTries: 0, retries: 0, refused: 0, ok: 0 };
    this.peak = 0;
    this.ring.setOpen(binOf(at), this.openNow);
  }

  /** Room time the run started, ms. */
  get runStart(): number {
    return this.startAt;
  }

  /** Count one call of participant `caller` at room time `at`. */
  record(caller: number, at: number, retry: boolean, refused: boolean, ok: boolean): CallMark {
    const b = binOf(at);
    const c = this.ring.at(b);
    if (retry) c.retries++;
    else c.first++;
    if (refused) c.refused++;
    if (ok) c.ok++;
    if (Number.isNaN(this.ring.openOf(b))) this.ring.setOpen(b, this.openNow);
    this.peak = Math.max(this.peak, total(c));
    this.totals.calls++;
    if (retry) this.totals.retries++;
    else this.totals.firstTries++;
    if (refused) this.totals.refused++;
    if (ok) this.totals.ok++;
    const own = this.callerRing(caller).at(b);
    if (retry) own.retries++;
    else own.first++;
    if (ok) own.ok++;
    return { caller, bin: b, retry, ok };
  }

  /** A call counted as a first try turned out to repeat a failed one: count it as a retry. */
  reclassify(mark: CallMark): void {
    if (mark.retry) return;
    mark.retry = true;
    const c = this.ring.peek(mark.bin);
    if (c && c.first > 0) {
      c.first--;
      c.retries++;
    }
    if (this.totals.firstTries > 0 && mark.bin >= binOf(this.startAt)) {
      this.totals.firstTries--;
      this.totals.retries++;
    }
    const own = this.callers.get(mark.caller)?.peek(mark.bin);
    if (own && own.first > 0) {
      own.first--;
      own.retries++;
    }
  }

  /** `count` breakers are open from room time `at` on. */
  setOpen(at: number, count: number): void {
    this.openNow = count;
    this.ring.setOpen(binOf(at), count);
  }

  /** Breakers open now, as last reported. */
  get open(): number {
    return this.openNow;
  }

  /** Forget a participant's own bins (it left the room). */
  forget(caller: number): void {
    this.callers.delete(caller);
  }

  /** The run's bins from its start (at most the last {@link MAX_BINS}) up to room time `now`. */
  series(now: number): RoomSeries {
    const last = binOf(now);
    const first = Math.max(binOf(this.startAt), last - MAX_BINS + 1);
    const s: RoomSeries = { binMs: BIN_MS, startAt: first * BIN_MS, first: [], retries: [], refused: [], ok: [], open: [] };
    let open = 0;
    for (let b = first; b <= last; b++) {
      const c = this.ring.peek(b);
      s.first.push(c?.first ?? 0);
      s.retries.push(c?.retries ?? 0);
      s.refused.push(c?.refused ?? 0);
      s.ok.push(c?.ok ?? 0);
      const o = this.ring.openOf(b);
      if (!Number.isNaN(o)) open = o;
      s.open.push(open);
    }
    return s;
  }

  /** The run's totals up to room time `end` (ms): the busiest bin and the mean, per second. */
  totalsAt(end: number): RoomTotals {
    const seconds = Math.max(BIN_MS, end - this.startAt) / 1000;
    return { ...this.totals, peakPerS: (this.peak * 1000) / BIN_MS, meanPerS: round(this.totals.calls / seconds) };
  }

  /** Calls per second over the last full second before room time `now`, and their success rate. */
  rate(now: number): { callsPerS: number; firstPerS: number; retriesPerS: number; refusedPerS: number; successRate: number | null } {
    const sum = this.window(this.ring, now, 1000);
    const calls = sum.first + sum.retries;
    return { callsPerS: calls, firstPerS: sum.first, retriesPerS: sum.retries, refusedPerS: sum.refused, successRate: calls > 0 ? round(sum.ok / calls) : null };
  }

  /** One participant over the last 5 s of room time: calls per second, share of retries, success rate. */
  caller(caller: number, now: number): { callsPerS: number; retryShare: number; successRate: number | null } {
    const ring = this.callers.get(caller);
    if (!ring) return { callsPerS: 0, retryShare: 0, successRate: null };
    const ms = (CALLER_BINS - 1) * BIN_MS;
    const sum = this.window(ring, now, ms);
    const calls = sum.first + sum.retries;
    return { callsPerS: round((calls * 1000) / ms), retryShare: calls > 0 ? round(sum.retries / calls) : 0, successRate: calls > 0 ? round(sum.ok / calls) : null };
  }

  /** Sums of the complete bins in the `ms` before the bin of `now`. */
  private window(ring: Ring, now: number, ms: number): Counts {
    const last = binOf(now) - 1;
    const sum: Counts = { first: 0, retries: 0, refused: 0, ok: 0 };
    for (let b = last - ms / BIN_MS + 1; b <= last; b++) {
      const c = ring.peek(b);
      if (!c) continue;
      sum.first += c.first;
      sum.retries += c.retries;
      sum.refused += c.refused;
      sum.ok += c.ok;
    }
    return sum;
  }

  private callerRing(caller: number): Ring {
    let ring = this.callers.get(caller);
    if (!ring) this.callers.set(caller, (ring = new Ring(CALLER_BINS)));
    return ring;
  }
}

/** The bin of room time `at`. */
export function binOf(at: number): number {
  return Math.floor(Math.max(0, at) / BIN_MS);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
