import type { Random } from '@/lib/resilience/random';
import { ClientStreams, STREAM } from './seeds';

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
  // Box–Muller written out (same draws as createStandardNormal). The models use HerdNetwork,
  // its typed-array twin; this one-client form is the readable reference the tests hold it to.
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

/**
 * Every client's network delays in one object: the hot-loop twin of one
 * {@link createNetworkDelay} per client over `clientRandom(runSeed, c, STREAM.network)`.
 *
 * Same draws, same order, same values, bit for bit (a test holds the two forms to
 * that), but the generator states and the cached Box–Muller halves sit in typed
 * arrays instead of closures, so a delay costs no allocation and V8 can inline it.
 * Allocate once per experiment and {@link reseed} per run.
 */
export class HerdNetwork {
  private readonly streams: ClientStreams;
  private readonly spare: Float64Array;
  private readonly hasSpare: Uint8Array;

  /**
   * @param clients number of clients.
   * @param meanMs mean delay in ms. Default 10.
   * @param sdMs standard deviation in ms. Default 2.
   */
  constructor(
    clients: number,
    private readonly meanMs: number = BROOKER_NETWORK.meanMs,
    private readonly sdMs: number = BROOKER_NETWORK.sdMs,
  ) {
    this.streams = new ClientStreams(clients);
    this.spare = new Float64Array(clients);
    this.hasSpare = new Uint8Array(clients);
  }

  /** Start a run: client c's stream becomes `clientRandom(runSeed, c, STREAM.network)`, with no cached half. */
  reseed(runSeed: number): void {
    this.streams.reseed(runSeed, STREAM.network);
    this.hasSpare.fill(0);
  }

  /** Put client `c` where `from`'s client `c` is (stream and cached half): both then draw the same delays. */
  copyClient(from: HerdNetwork, c: number): void {
    this.streams.copyClient(from.streams, c);
    this.spare[c] = from.spare[c]!;
    this.hasSpare[c] = from.hasSpare[c]!;
  }

  /** A raw uniform in [0, 1) from client `c`'s network stream (the API model draws its send time this way). */
  uniform(c: number): number {
    return this.streams.next(c);
  }

  /** Client `c`'s next message delay in ms: |Normal(meanMs, sdMs)|. */
  delay(c: number): number {
    let z: number;
    if (this.hasSpare[c] === 1) {
      this.hasSpare[c] = 0;
      z = this.spare[c]!;
    } else {
      const radius = Math.sqrt(-2 * Math.log(1 - this.streams.next(c)));
      const angle = TWO_PI * this.streams.next(c);
      this.spare[c] = radius * Math.sin(angle);
      this.hasSpare[c] = 1;
      z = radius * Math.cos(angle);
    }
    return Math.abs(this.meanMs + this.sdMs * z);
  }
}
