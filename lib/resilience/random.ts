/**
 * Randomness is injected as a plain function returning a number in [0, 1),
 * so every jittered delay can be reproduced from a seed.
 */
export type Random = () => number;

/** The real default: `Math.random`. */
export const systemRandom: Random = Math.random;

/**
 * A small, fast, seedable PRNG (mulberry32). Same seed, same sequence, on every machine.
 * Good enough for jitter and simulations; not for cryptography.
 * @param seed any integer; it is reduced to 32 bits.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Wraps a random source and remembers every draw, so a delay can show its inputs. */
export function recordingRandom(random: Random): { random: Random; draws: number[] } {
  const draws: number[] = [];
  return {
    draws,
    random: () => {
      const u = random();
      draws.push(u);
      return u;
    },
  };
}
