import { createBackoff, type BackoffFn } from '@/lib/resilience/backoff';
import { seededRandom } from '@/lib/resilience/random';
import { deriveSeed, STORM_STREAM, streamKey, uniformAt } from './seeds';
import { StormRetryBreakers } from './storm-breaker';
import { StormBudgets } from './storm-budget';
import { layerPlan } from './storm-layers';
import { resolveStormOptions, validateStormOptions, type ResolvedStormOptions, type StormOptions } from './storm-options';
import { createSeries, finishSeries, type StormSeries } from './storm-series';
import { summarizeStorm, type StormSummary } from './storm-summary';

/** Counts over the whole run. */
export interface StormTotals {
  /** Requests whose first try was sent (the open-loop arrivals). */
  requests: number;
  /** Calls that reached the server: first tries + retries, rejected ones included. */
  attempts: number;
  /** Of `attempts`, the retries (at any layer). */
  retries: number;
  /** Attempts the server worked on. */
  served: number;
  /** Of `served`, attempts whose client had already timed out: work nobody waits for. */
  wasted: number;
  /** Attempts refused at once because the queue was full. */
  rejected: number;
  /** Attempts that waited longer than the timeout. */
  timeouts: number;
  /** Attempts the server failed (probability `failureRate`). */
  serverErrors: number;
  /** Requests answered. */
  succeeded: number;
  /** Requests that gave up: out of attempts, or a retry refused. */
  failed: number;
  /** Of `failed`, requests whose retry the budget or the breaker refused. */
  refusedRetries: number;
  /** Requests still waiting or retrying when the run ended. */
  inFlight: number;
}

/** Everything one run produced. JSON-serialisable. */
export interface StormRunResult {
  /** The options used, defaults filled in. */
  options: ResolvedStormOptions;
  totals: StormTotals;
  /** `attempts / requests`: the load on the server per first try (×1 = no retries). */
  amplification: number;
  /** `attempts^layers`: the most calls one request can make. */
  maxCallsPerRequest: number;
  /** Index i: finished requests that made i + 1 calls (length `maxCallsPerRequest`). */
  attemptsPerRequest: number[];
  /** Per-bin rates over time. */
  series: StormSeries;
  /** Goodput before, during and after the dip; when it recovered. */
  summary: StormSummary;
}

/**
 * One run of the retry-storm model: open-loop clients, a FIFO server with
 * finite capacity, client timeouts, layered retries, and the two cures.
 *
 * **Server.** Requests arrive as a Poisson process at `rate` per second and
 * keep arriving whatever happens (open loop: new users do not wait for old
 * ones). The server takes attempts first-in first-out at `capacity` per second
 * (during the trigger, `capacity × capacityFactor`). A served attempt fails with
 * probability `failureRate`, independently, else it succeeds. Its queue holds
 * at most `queueLimitS` seconds of work; beyond that an attempt is rejected at
 * once (a fast failure: failures rise with load).
 *
 * **Client.** An attempt still queued `timeoutMs` after it was sent times out:
 * the client counts it as failed and moves on, but the server does not know and
 * will still serve it later — wasted work. That is the metastable loop: after a
 * dip the queue is longer than the timeout, every attempt times out, every
 * request retries, arrivals become `rate × calls per request`, which exceeds
 * `capacity`, so the queue never drains — even after the trigger is gone.
 *
 * **Retries.** `layers` retry loops are stacked (app over SDK …), each making up
 * to `attempts` attempts, so one request makes up to attempts^layers calls. The
 * budget and the breaker sit in the outermost (app) layer and see only its
 * outcomes: an inner loop's retries are invisible to them, as the SDK's hidden
 * retries are to your app. Before each retry the retrying layer waits its
 * backoff (retry index from 0, lib/resilience/backoff.ts).
 *
 * **Time** advances in 1 ms steps: arrivals, due retries, service, timeouts.
 * All work per attempt is O(1) (a ring-buffer queue, a timeout cursor that
 * walks it in send order, and a calendar of 1 ms slots for retries), so a 300 s
 * run at 1000 requests/s takes milliseconds. Randomness: Poisson arrivals from a
 * seeded stream; each attempt's failure and jitter hashed from (seed, request,
 * attempt) — see seeds.ts.
 * @throws RangeError listing every invalid option.
 */
export function simulateStorm(input: StormOptions = {}): StormRunResult {
  const errors = validateStormOptions(input);
  if (errors.length > 0) throw new RangeError(`Invalid storm options: ${errors.join('; ')}`);
  const o = resolveStormOptions(input);
  const { seed, rate, capacity, failureRate: p, clients, binMs } = o;
  const { maxCalls, outer: outerAt, retryIndex: retryIndexAt } = layerPlan(o.attempts, o.layers);
  const timeoutMs = Math.max(1, Math.round(o.timeoutMs));
  const steps = Math.round(o.durationS * 1000);
  const dipFrom = o.trigger ? Math.round(o.trigger.atS * 1000) : -1;
  const dipTo = o.trigger ? Math.round((o.trigger.atS + o.trigger.durationS) * 1000) : -1;
  const dipCapacity = o.trigger ? capacity * o.trigger.capacityFactor : capacity;

  const budget = o.budget.kind === 'none' ? null : new StormBudgets(o.budget.kind, clients, o.budget.maxTokens, o.budget.tokenRatio);
  const breaker = o.breaker ? new StormRetryBreakers(clients, o.breaker.threshold, o.breaker.windowMs, o.breaker.minSamples) : null;
  const backoff: BackoffFn | null = o.backoff.id === 'none' ? null : createBackoff(o.backoff.id, { baseMs: o.backoff.baseMs, capMs: o.backoff.capMs });
  let jitterU = 0;
  const jitter = () => jitterU;
  // Delays that do not depend on the draw (no jitter), worked out once per retry number; −1 = draw each time.
  const fixedDelay = new Float64Array(maxCalls).fill(-1);
  if (backoff)
    for (let n = 0; n < maxCalls; n++) {
      const lo = backoff(n, 0, () => 0);
      if (lo === backoff(n, 0, () => 0.999_999)) fixedDelay[n] = Math.round(lo);
    }
  // Local copies: a bundler or tsx may turn imported bindings into getters, paid on every call.
  const hash = uniformAt;
  const failureKey = streamKey(seed, STORM_STREAM.failure);
  const jitterKey = streamKey(seed, STORM_STREAM.jitter);

  // The server's FIFO queue: a ring of (request, sent-at ms). head..cursor timed out, cursor..tail still awaited.
  // The ring starts small and doubles up to the limit: most runs never queue much.
  const queueLimit = Math.max(1, Math.floor(o.queueLimitS * capacity));
  let qMask = Math.min(nextPow2(queueLimit), 4096) - 1;
  let qReq = new Int32Array(qMask + 1);
  let qSent = new Int32Array(qMask + 1);
  let head = 0;
  let cursor = 0;
  let tail = 0;

  // Per-request state, grown as requests arrive: failed calls so far, and the calendar's next link.
  let cap = Math.ceil(rate * o.durationS + 6 * Math.sqrt(rate * o.durationS) + 16);
  let fails = new Int32Array(cap);
  let calNext = new Int32Array(cap);

  // Retries waiting for their send time: a ring of 1 ms slots, each a FIFO linked list.
  const maxDelay = backoff ? Math.ceil(Math.max(o.backoff.baseMs, o.backoff.capMs)) : 0;
  const calSize = nextPow2(maxDelay + 2);
  const calMask = calSize - 1;
  const calHead = new Int32Array(calSize).fill(-1);
  const calTail = new Int32Array(calSize).fill(-1);

  const s = createSeries(steps, binMs, budget !== null, breaker !== null);
  const { offered: sOffered, firstTries: sFirst, retries: sRetries, served: sServed, wasted: sWasted } = s;
  const { rejected: sRejected, goodput: sGoodput, failed: sFailed, capacity: sCapacity } = s;
  const attemptsPerRequest = new Float64Array(maxCalls);
  // Most totals are sums of the series (see below); these have no series of their own.
  let requests = 0;
  let timeouts = 0, serverErrors = 0, refused = 0;
  let b = 0;
  let binEnd = Math.min(steps, binMs);

  // Poisson arrivals, counted per 1 ms step by inverting the Poisson CDF with one draw.
  const arrivalRandom = seededRandom(deriveSeed(seed, STORM_STREAM.arrivals));
  const arrivalCdf = poissonCdf(rate / 1000);
  const maxPerStep = arrivalCdf.length - 1;

  const giveUp = (r: number) => {
    sFailed[b]!++;
    attemptsPerRequest[fails[r]! - 1]!++;
  };

  const fail = (r: number, now: number) => {
    const f = ++fails[r]!;
    const c = clients === 1 ? 0 : r % clients;
    // The app layer sees an outcome only when its inner loops are spent (storm-layers.ts).
    const outer = outerAt[f] === 1;
    if (outer) {
      budget?.onFailure(c);
      breaker?.record(c, now, true);
    }
    if (f >= maxCalls) return giveUp(r);
    if (outer && ((breaker !== null && breaker.isOpen(c, now)) || (budget !== null && !budget.tryRetry(c)))) {
      refused++;
      return giveUp(r);
    }
    let wait = 1;
    if (backoff) {
      const n = retryIndexAt[f]!;
      let ms = fixedDelay[n]!;
      if (ms < 0) {
        jitterU = hash(jitterKey, r, f);
        ms = Math.round(backoff(n, 0, jitter));
      }
      if (ms > 1) wait = ms > maxDelay ? maxDelay : ms;
    }
    const slot = (now + wait) & calMask;
    calNext[r] = -1;
    const last = calTail[slot]!;
    if (last === -1) calHead[slot] = r;
    else calNext[last] = r;
    calTail[slot] = r;
  };

  // The rare path, out of `send` so that `send` stays small enough to inline.
  const growQueue = () => {
    const size = (qMask + 1) * 2;
    const req = new Int32Array(size);
    const sent = new Int32Array(size);
    for (let j = head; j < tail; j++) {
      req[j & (size - 1)] = qReq[j & qMask]!;
      sent[j & (size - 1)] = qSent[j & qMask]!;
    }
    qReq = req;
    qSent = sent;
    qMask = size - 1;
  };

  const send = (r: number, now: number) => {
    if (fails[r]! > 0) {
      sRetries[b]!++;
    } else {
      sFirst[b]!++;
    }
    if (tail - head >= queueLimit) {
      sRejected[b]!++;
      fail(r, now);
      return;
    }
    if (tail - head > qMask) growQueue();
    const i = tail & qMask;
    qReq[i] = r;
    qSent[i] = now;
    tail++;
  };

  let credit = 0;
  for (let now = 0; now < steps; now++) {
    // 1. New requests whose first try falls in this millisecond.
    const u = arrivalRandom();
    let arriving = 0;
    while (arriving < maxPerStep && u >= arrivalCdf[arriving]!) arriving++;
    if (requests + arriving > cap) {
      cap = Math.max(cap * 2, requests + arriving);
      fails = grow(fails, cap);
      calNext = grow(calNext, cap);
    }
    for (let a = 0; a < arriving; a++) send(requests++, now);
    // 2. Retries due now.
    const slot = now & calMask;
    let r = calHead[slot]!;
    calHead[slot] = -1;
    calTail[slot] = -1;
    while (r !== -1) {
      const next = calNext[r]!;
      send(r, now);
      r = next;
    }
    // 3. Service: `capacity` per second, first in first out. An idle server banks nothing,
    //    so one request takes 1 / capacity s even on an empty queue.
    const capNow = now >= dipFrom && now < dipTo ? dipCapacity : capacity;
    sCapacity[b]! += capNow;
    credit += capNow / 1000;
    while (credit >= 1 && head < tail) {
      credit -= 1;
      const i = head & qMask;
      const q = qReq[i]!;
      sServed[b]!++;
      if (head < cursor) {
        sWasted[b]!++;
      } else if (p > 0 && (p >= 1 || hash(failureKey, q, fails[q]!) < p)) {
        serverErrors++;
        fail(q, now);
      } else {
        sGoodput[b]!++;
        attemptsPerRequest[fails[q]!]!++;
        const c = clients === 1 ? 0 : q % clients;
        budget?.onSuccess(c);
        breaker?.record(c, now, false);
      }
      head++;
    }
    if (head === tail) credit = 0;
    // 4. Timeouts: the oldest awaited attempts, in send order.
    if (cursor < head) cursor = head;
    const expired = now - timeoutMs;
    while (cursor < tail && qSent[cursor & qMask]! <= expired) {
      timeouts++;
      fail(qReq[cursor & qMask]!, now);
      cursor++;
    }
    // 5. Close the bin.
    if (now + 1 === binEnd) {
      s.queue[b] = tail - head;
      if (s.tokens && budget) s.tokens[b] = budget.meanTokens();
      if (s.breakerOpen && breaker) s.breakerOpen[b] = breaker.openFraction(now);
      b++;
      binEnd = Math.min(steps, binEnd + binMs);
    }
  }

  // Offered = first tries + retries, summed here rather than counted on every send.
  for (let i = 0; i < sOffered.length; i++) sOffered[i] = sFirst[i]! + sRetries[i]!;
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const succeeded = sum(sGoodput);
  const failed = sum(sFailed);
  const totals: StormTotals = {
    requests,
    attempts: sum(sOffered),
    retries: sum(sRetries),
    served: sum(sServed),
    wasted: sum(sWasted),
    rejected: sum(sRejected),
    timeouts,
    serverErrors,
    succeeded,
    failed,
    refusedRetries: refused,
    inFlight: requests - succeeded - failed,
  };
  const series = finishSeries(s, steps, binMs);
  return {
    options: o,
    totals,
    amplification: requests === 0 ? 0 : totals.attempts / requests,
    maxCallsPerRequest: maxCalls,
    attemptsPerRequest: Array.from(attemptsPerRequest),
    series,
    summary: summarizeStorm(series, o),
  };
}

/**
 * Cumulative Poisson(λ) probabilities P(X ≤ k) for k = 0, 1, …, up to where the
 * tail is below 1e-15 (at least one entry past λ). One uniform draw u then gives
 * the count: the first k with u < P(X ≤ k). Used for arrivals per 1 ms step.
 */
export function poissonCdf(lambda: number): Float64Array {
  const out: number[] = [];
  let pk = Math.exp(-lambda);
  let sum = 0;
  for (let k = 0; k < 10_000; k++) {
    sum += pk;
    out.push(sum);
    if (k > lambda && (1 - sum < 1e-15 || pk < 1e-18)) break;
    pk *= lambda / (k + 1);
  }
  return Float64Array.from(out);
}

function nextPow2(n: number): number {
  let x = 1;
  while (x < n) x *= 2;
  return x;
}

function grow(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
