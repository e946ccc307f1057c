/**
 * Random numbers for the retry-storm model that do not depend on event order.
 *
 * Each attempt's fate (does the server fail it? how long is its jittered
 * backoff?) is a pure hash of `(seed, stream, request, attempt)`, not the next
 * draw of a shared generator. So turning the budget on, adding backoff or
 * changing the capacity never reshuffles the coin flips: request 7's second
 * attempt fails in both runs or in neither (common random numbers), and the
 * difference between two runs is the policy alone.
 */

/** Independent hash streams of the storm model. */
export const STORM_STREAM = { arrivals: 11, failure: 12, jitter: 13 } as const;

/** murmur3's 32-bit finaliser: a cheap, well-mixing bijection. */
function fmix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The key of one stream of one run: hash it once, then draw with {@link uniformAt}.
 * @param seed the run's seed.
 * @param stream one of {@link STORM_STREAM}.
 */
export function streamKey(seed: number, stream: number): number {
  return fmix((seed >>> 0) ^ Math.imul(stream, 0x27d4eb2d));
}

/**
 * The uniform number in [0, 1) at position `(a, b)` of a stream (see {@link streamKey}).
 * Allocation-free, so the model can call it once per attempt.
 * @param key from `streamKey(seed, stream)`.
 * @param a usually the request index (reduced to 32 bits).
 * @param b usually the attempt index, 0 = first try (reduced to 32 bits).
 */
export function uniformAt(key: number, a: number, b: number): number {
  const h = fmix((key ^ Math.imul(a >>> 0, 0x9e3779b1)) >>> 0);
  return fmix((h ^ Math.imul(b >>> 0, 0x85ebca77)) >>> 0) / 4294967296;
}

/** `uniformAt(streamKey(seed, stream), a, b)` in one call. */
export function hashUniform(seed: number, stream: number, a: number, b: number): number {
  return uniformAt(streamKey(seed, stream), a, b);
}
