/**
 * Seeded random streams that do not depend on the order events happen in, so two
 * runs on the same seed differ by their policy alone (common random numbers).
 *
 * Two forms over one hash (murmur3's finaliser):
 * - per-client generators for the herd models ({@link clientRandom}, {@link ClientStreams}):
 *   a client's draws come in order from a stream of its own;
 * - a counter-based hash for the storm model ({@link uniformAt}): a draw is a pure
 *   function of its position, so no draw can shift another.
 */
import { seededRandom, type Random } from '@/lib/resilience/random';

/** murmur3's 32-bit finaliser: a cheap, well-mixing bijection on 32-bit integers. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Mix integers into one well-scrambled 32-bit seed (murmur3's finaliser on each part).
 *
 * Why not just `seed + client`? mulberry32 seeded with `s` and `s + 0x6d2b79f5` gives
 * the same stream shifted by one draw, so naive sums can correlate. Hashing avoids that.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = mix32(seed >>> 0);
  for (const p of parts) h = mix32((h ^ Math.imul(p >>> 0, 0x9e3779b1)) >>> 0);
  return h;
}

/** Independent random streams of one client: its network delays and its backoff jitter. */
export const STREAM = { network: 0, jitter: 1 } as const;

/**
 * The uniform source of one client's stream in one run.
 *
 * Each client draws its network delays and its jitter from streams of its own, so the
 * draws do not depend on the order events happen in. Two strategies run on the same
 * seed therefore meet the same herd: client 7's first messages take the same time
 * under every strategy, and only the backoff differs (common random numbers).
 * @param runSeed the run's seed (`seed + r` in `runExperiment`).
 */
export function clientRandom(runSeed: number, client: number, stream: number): Random {
  return seededRandom(deriveSeed(runSeed, client, stream));
}

/**
 * One random stream per client, kept in a typed array: the hot-loop twin of
 * {@link clientRandom}.
 *
 * Why a second form? A simulation draws millions of network delays. A closure per
 * client keeps its generator state in a heap-allocated context, and calling one
 * through an array of closures is hard for V8 to inline. Here client `c`'s mulberry32
 * state is `state[c]`, so a draw is a few integer operations on one array slot.
 * The draws are bit-for-bit those of `clientRandom(runSeed, c, stream)` (a test holds
 * the two forms to that), so results do not depend on which form a model uses.
 */
export class ClientStreams {
  private readonly state: Uint32Array;

  /** @param clients number of streams (one per client). */
  constructor(clients: number) {
    this.state = new Uint32Array(clients);
  }

  /** Restart every client's stream for a run: client c draws as `clientRandom(runSeed, c, stream)`. */
  reseed(runSeed: number, stream: number): void {
    const state = this.state;
    // deriveSeed(runSeed, c, stream) with the run's part hashed once, not once per client.
    const h = mix32(runSeed >>> 0);
    const s = Math.imul(stream >>> 0, 0x9e3779b1);
    for (let c = 0; c < state.length; c++) state[c] = mix32((mix32((h ^ Math.imul(c, 0x9e3779b1)) >>> 0) ^ s) >>> 0);
  }

  /** Put client `c`'s stream where `from`'s client `c` is: both then draw the same from here on. */
  copyClient(from: ClientStreams, c: number): void {
    this.state[c] = from.state[c]!;
  }

  /** Next uniform in [0, 1) of client `c`'s stream (mulberry32, as `seededRandom`). */
  next(c: number): number {
    const a = (this.state[c]! + 0x6d2b79f5) >>> 0;
    this.state[c] = a;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** Independent hash streams of the storm model (lib/sim/storm-model.ts). */
export const STORM_STREAM = { arrivals: 11, failure: 12, jitter: 13 } as const;

/**
 * The key of one stream of one run: hash it once, then draw with {@link uniformAt}.
 * @param seed the run's seed.
 * @param stream one of {@link STORM_STREAM}.
 */
export function streamKey(seed: number, stream: number): number {
  return mix32((seed >>> 0) ^ Math.imul(stream, 0x27d4eb2d));
}

/**
 * The uniform number in [0, 1) at position `(a, b)` of a stream (see {@link streamKey}).
 *
 * Each attempt's fate in the storm model (does the server fail it? how long is its
 * jittered backoff?) is this hash of `(seed, stream, request, attempt)`, not the next
 * draw of a shared generator. So turning the budget on, adding backoff or changing the
 * capacity never reshuffles the coin flips: request 7's second attempt fails in both
 * runs or in neither. Allocation-free, so the model can call it once per attempt.
 * @param key from `streamKey(seed, stream)`.
 * @param a usually the request index (reduced to 32 bits).
 * @param b usually the attempt index, 0 = first try (reduced to 32 bits).
 */
export function uniformAt(key: number, a: number, b: number): number {
  const h = mix32((key ^ Math.imul(a >>> 0, 0x9e3779b1)) >>> 0);
  return mix32((h ^ Math.imul(b >>> 0, 0x85ebca77)) >>> 0) / 4294967296;
}

/** `uniformAt(streamKey(seed, stream), a, b)` in one call. */
export function hashUniform(seed: number, stream: number, a: number, b: number): number {
  return uniformAt(streamKey(seed, stream), a, b);
}
