import type { Random } from '@/lib/resilience/random';

/** Brooker's network: every message takes |Normal(10 ms, 2 ms)|. */
export const BROOKER_NETWORK = { meanMs: 10, sdMs: 2 } as const;

const TWO_PI = 2 * Math.PI;

/**
 * Standard normal draws (mean 0, sd 1) from an injected uniform source, by Box–Muller.
 *
 * Box–Muller turns two uniforms into two independent normals; we return the first
 * and cache the second for the next call, so on average one uniform per draw.
 * @param random uniform source in [0, 1), e.g. `seededRandom(seed)`.
 */
export function createStandardNormal(random: Random): () => number {
  let cached = 0;
  let hasCached = false;
  return () => {
    if (hasCached) {
      hasCached = false;
      return cached;
    }
    // 1 − u lies in (0, 1], so the log is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = TWO_PI * random();
    cached = radius * Math.sin(angle);
    hasCached = true;
    return radius * Math.cos(angle);
  };
}

/**
 * One message's network delay in ms: |Normal(meanMs, sdMs)|, as in Brooker's simulator
 * (`abs(random.normalvariate(10, 2))`). The absolute value keeps a rare negative draw
 * from sending a message back in time.
 * @param random uniform source in [0, 1).
 * @param meanMs mean delay in ms. Default 10.
 * @param sdMs standard deviation in ms. Default 2.
 */
export function createNetworkDelay(
  random: Random,
  meanMs: number = BROOKER_NETWORK.meanMs,
  sdMs: number = BROOKER_NETWORK.sdMs,
): () => number {
  // Inlined Box–Muller (same draws as createStandardNormal): this sits in the hot loop.
  let cached = 0;
  let hasCached = false;
  return () => {
    let z: number;
    if (hasCached) {
      hasCached = false;
      z = cached;
    } else {
      const radius = Math.sqrt(-2 * Math.log(1 - random()));
      const angle = TWO_PI * random();
      cached = radius * Math.sin(angle);
      hasCached = true;
      z = radius * Math.cos(angle);
    }
    return Math.abs(meanMs + sdMs * z);
  };
}
