import { seededRandom, type Random } from '@/lib/resilience/random';

/**
 * Mix integers into one well-scrambled 32-bit seed (murmur3's finaliser on each part).
 *
 * Why not just `seed + client`? mulberry32 seeded with `s` and `s + 0x6d2b79f5` gives
 * the same stream shifted by one draw, so naive sums can correlate. Hashing avoids that.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = fmix(seed >>> 0);
  for (const p of parts) h = fmix((h ^ Math.imul(p >>> 0, 0x9e3779b1)) >>> 0);
  return h;
}

function fmix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
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
