import type { Random } from '@/lib/resilience/random';
import { SimRetryBudget, type RetryBudgetLike, type RetryBudgetOptions } from './budget';
import { EventQueue } from './event-queue';
import { BROOKER_NETWORK, HerdNetwork } from './normal';
import { ClientStreams, STREAM } from './seeds';
import type { SimStrategy } from './strategies';

/** Defaults of the API model. */
export const API_MODEL_DEFAULTS = {
  /** Requests per second the server accepts. */
  capacity: 20,
  /** Length of the rate-limit window in ms. */
  windowMs: 1000,
  /** Retries per client before it gives up (51 requests in all). */
  maxRetries: 50,
  /** Clients send their first request at U(0, arrivalJitterMs). */
  arrivalJitterMs: 10,
} as const;

/** Options of one run of the LLM-API model. */
export interface ApiModelOptions {
  /** Clients, each sending one request at about t = 0. */
  clients: number;
  /** Backoff after a 429 (from `createStrategy`). */
  strategy: SimStrategy;
  /** This run's seed. */
  seed: number;
  /** Requests accepted per window (per second by default). Default 20. */
  capacity?: number;
  /** Rate-limit window in ms. Default 1000. */
  windowMs?: number;
  /** Wait exactly the server's Retry-After instead of the backoff, as openai-node does. Default false. */
  honorRetryAfter?: boolean;
  /** Retries per client before giving up. Default 50. */
  maxRetries?: number;
  /** A retry budget shared by all clients (one app sending N requests). Default none. */
  budget?: RetryBudgetOptions | RetryBudgetLike;
  /** First requests leave at U(0, arrivalJitterMs) ms. Default 10. */
  arrivalJitterMs?: number;
  /** Network delay per message. Default |N(10, 2)| ms. */
  network?: { meanMs: number; sdMs: number };
  /** Histogram bin width in ms. Default 100. */
  binMs?: number;
}

/** Outcome of one run. */
export interface ApiRunResult {
  /** Requests the server received, 429s included. */
  calls: number;
  /** When the last client finished (got its answer, or gave up), in ms. */
  completionMs: number;
  /** Clients that got an answer. */
  successes: number;
  /** Clients that stopped after a 429: out of retries or refused by the budget. */
  giveUps: number;
  /** Requests per `binMs` bin, by arrival at the server. Sums to `calls`. */
  histogram: number[];
}

const ARRIVE = 0;
const REPLY = 1;

/**
 * One run of a rate-limited LLM API under a herd (our model (b), beside Brooker's OCC one).
 *
 * The server accepts `capacity` requests per fixed window (1 s by default) and answers
 * 429 to the rest. We chose a fixed window over a token bucket because it is how
 * "N requests per second" is usually explained, and because its Retry-After is simply
 * the time until the next window opens. A 429 carries that Retry-After (in ms, like
 * OpenAI's `retry-after-ms`).
 *
 * A client that receives a 429 gives up if it has used `maxRetries` or the shared
 * budget refuses; otherwise it waits (its backoff, or Retry-After when honoured) and
 * sends again, reaching the server one network delay later. Messages take |N(10, 2)| ms.
 *
 * Honouring Retry-After tells every rejected client the same instant, so the herd
 * re-forms at each window's start (spikes in the histogram). Here a 429 costs the
 * server nothing, so that is still the fewest calls; on a server where rejecting
 * costs work, those synchronised spikes are what hurts.
 */
export function simulateApi(options: ApiModelOptions): ApiRunResult {
  const { clients, strategy, seed } = options;
  const capacity = options.capacity ?? API_MODEL_DEFAULTS.capacity;
  const windowMs = options.windowMs ?? API_MODEL_DEFAULTS.windowMs;
  const maxRetries = options.maxRetries ?? API_MODEL_DEFAULTS.maxRetries;
  const arrivalJitterMs = options.arrivalJitterMs ?? API_MODEL_DEFAULTS.arrivalJitterMs;
  const honorRetryAfter = options.honorRetryAfter ?? false;
  const { meanMs, sdMs } = options.network ?? BROOKER_NETWORK;
  const binMs = options.binMs ?? 100;
  const budget = toBudget(options.budget);
  const delay = strategy.delay;

  // Typed-array twins of one clientRandom per client and stream (same draws, no closures).
  const net = new HerdNetwork(clients, meanMs, sdMs);
  net.reseed(seed);
  const jitterStreams = new ClientStreams(clients);
  jitterStreams.reseed(seed, STREAM.jitter);
  // The backoff takes a Random; this one draws from the stream of the client backing off.
  let backingOff = 0;
  const jitter: Random = () => jitterStreams.next(backingOff);

  const attempt = new Int32Array(clients);
  const accepted = new Uint8Array(clients);
  const retryAfterMs = new Float64Array(clients);
  const previousDelay = new Float64Array(clients).fill(strategy.initialPreviousDelayMs);
  const queue = new EventQueue(clients);

  for (let c = 0; c < clients; c++) {
    // The send time is the first draw of the client's network stream; its delays follow.
    const sentAt = net.uniform(c) * arrivalJitterMs;
    queue.push(sentAt + net.delay(c), c * 2 + ARRIVE);
  }

  const histogram: number[] = [];
  let calls = 0;
  let successes = 0;
  let giveUps = 0;
  let completionMs = 0;
  let window = -1;
  let used = 0;

  while (queue.size > 0) {
    const t = queue.peekTime();
    const event = queue.peekValue();
    const c = event >> 1;

    if ((event & 1) === ARRIVE) {
      calls++;
      const bin = Math.floor(t / binMs);
      while (histogram.length <= bin) histogram.push(0);
      histogram[bin]!++;
      const w = Math.floor(t / windowMs);
      if (w !== window) {
        window = w;
        used = 0;
      }
      if (used < capacity) {
        used++;
        accepted[c] = 1;
      } else {
        accepted[c] = 0;
        retryAfterMs[c] = (w + 1) * windowMs - t;
      }
      // Pop the arrival and queue its reply in one sift (same order as pop, then push).
      queue.replaceTop(t + net.delay(c), c * 2 + REPLY);
      continue;
    }

    // The reply reached the client, which decides now (budget order follows client time).
    if (accepted[c] === 1) {
      successes++;
      budget?.recordSuccess();
      if (t > completionMs) completionMs = t;
      queue.pop();
      continue;
    }
    budget?.recordFailure();
    if (attempt[c]! >= maxRetries || (budget !== undefined && !budget.canRetry())) {
      giveUps++;
      if (t > completionMs) completionMs = t;
      queue.pop();
      continue;
    }
    const n = ++attempt[c]!;
    let wait: number;
    if (honorRetryAfter) {
      wait = retryAfterMs[c]!;
    } else {
      backingOff = c;
      wait = delay(n, previousDelay[c]!, jitter);
      previousDelay[c] = wait;
    }
    queue.replaceTop(t + net.delay(c) + wait, c * 2 + ARRIVE);
  }
  return { calls, completionMs, successes, giveUps, histogram };
}

function toBudget(budget: ApiModelOptions['budget']): RetryBudgetLike | undefined {
  if (budget === undefined) return undefined;
  return 'canRetry' in budget ? budget : new SimRetryBudget(budget);
}
