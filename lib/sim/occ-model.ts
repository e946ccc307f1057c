import type { Random } from '@/lib/resilience/random';
import { DelayTape } from './delay-tape';
import { EventQueue } from './event-queue';
import { BROOKER_NETWORK } from './normal';
import { ClientStreams, STREAM } from './seeds';
import type { SimStrategy } from './strategies';

/** Options of one run of Brooker's optimistic-concurrency model. */
export interface OccModelOptions {
  /** Clients that all start at t = 0, each wanting one successful write. */
  clients: number;
  /** Backoff between a conflict and the next read (from `createStrategy`). */
  strategy: SimStrategy;
  /** This run's seed: same seed, same herd, same result. */
  seed: number;
  /** Network delay |Normal(meanMs, sdMs)| per message. Default Brooker's 10 ms and 2 ms. */
  network?: { meanMs: number; sdMs: number };
  /** Width of a histogram bin in ms. Default 100. */
  binMs?: number;
  /**
   * Where the network delays come from: a tape shared by the strategies of one run
   * (`runExperiment` does this), built for `clients` and `network`. Default a fresh tape.
   */
  tape?: DelayTape;
}

/** Outcome of one run. */
export interface OccRunResult {
  /** Writes the server received (Brooker's "calls"): successes plus conflicts. */
  calls: number;
  /** Writes rejected because another client wrote first (Brooker's `failures`). `calls − conflicts` = clients. */
  conflicts: number;
  /** When the last client received its successful write reply, in ms from t = 0. */
  completionMs: number;
  /** Writes per `binMs` bin, by the time they reached the server. Sums to `calls`. */
  histogram: number[];
}

/**
 * One run of the model in Brooker's "Exponential Backoff And Jitter" (AWS, 2015).
 *
 * Each client: read (server replies with the row's version), then a conditional write
 * "if version is still v". The server counts every write as a call, applies it if the
 * version matches (success: the client stops) and rejects it otherwise (conflict: the
 * client sets n += 1 and sends its next read to reach the server after one network
 * delay plus `backoff(n)`). Every message takes |N(10, 2)| ms.
 *
 * Why only one event per attempt? Reads and replies change nothing shared: only the
 * order of writes at the server matters. A write matches its version exactly when no
 * other write succeeded between this client's read and this write, so we keep each
 * client's read time and the time of the last successful write, and queue only write
 * arrivals. The model is unchanged (a four-event reference in the tests gives
 * identical numbers); the queue just does a quarter of the work.
 */
export function simulateOcc(options: OccModelOptions): OccRunResult {
  const { clients, strategy, seed } = options;
  const { meanMs, sdMs } = options.network ?? BROOKER_NETWORK;
  const binMs = options.binMs ?? 100;
  const delay = strategy.delay;

  // Network delays from a tape (drawn once per run, replayed by every strategy); jitter from
  // typed-array twins of one clientRandom per client (same draws, no closures).
  const net = options.tape ?? new DelayTape(clients, meanMs, sdMs);
  if (net.clients !== clients || net.meanMs !== meanMs || net.sdMs !== sdMs)
    throw new RangeError(`simulateOcc: the tape is for ${net.clients} clients at N(${net.meanMs}, ${net.sdMs}) ms`);
  net.start(seed);
  const jitterStreams = new ClientStreams(clients);
  jitterStreams.reseed(seed, STREAM.jitter);
  // The backoff takes a Random; this one draws from the stream of the client backing off.
  let backingOff = 0;
  const jitter: Random = () => jitterStreams.next(backingOff);

  const readAt = new Float64Array(clients);
  const attempt = new Int32Array(clients);
  const previousDelay = new Float64Array(clients).fill(strategy.initialPreviousDelayMs);
  const queue = new EventQueue(clients);

  for (let c = 0; c < clients; c++) {
    // t = 0: the read leaves; it reaches the server, the version comes back, the write leaves.
    const read = net.delay(c);
    readAt[c] = read;
    queue.push(read + net.delay(c) + net.delay(c), c);
  }

  const histogram: number[] = [];
  let calls = 0;
  let conflicts = 0;
  let completionMs = 0;
  let lastSuccessAt = -Infinity;

  while (queue.size > 0) {
    const t = queue.peekTime();
    const c = queue.peekValue();

    calls++;
    const bin = Math.floor(t / binMs);
    while (histogram.length <= bin) histogram.push(0);
    histogram[bin]!++;

    const replyAt = t + net.delay(c);
    if (lastSuccessAt < readAt[c]!) {
      // Nobody wrote since our read: the version still matches.
      lastSuccessAt = t;
      if (replyAt > completionMs) completionMs = replyAt;
      queue.pop();
      continue;
    }
    // Conflict: back off, then read and write again.
    conflicts++;
    const n = ++attempt[c]!;
    backingOff = c;
    const wait = delay(n, previousDelay[c]!, jitter);
    previousDelay[c] = wait;
    const read = replyAt + net.delay(c) + wait;
    readAt[c] = read;
    // Pop this write and queue the next one in one sift (same order as pop, then push).
    queue.replaceTop(read + net.delay(c) + net.delay(c), c);
  }
  return { calls, conflicts, completionMs, histogram };
}
