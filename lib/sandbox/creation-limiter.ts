import { systemClock, type Clock } from '@/lib/resilience/clock';

/** Options of {@link CreationLimiter}. */
export interface CreationLimiterOptions {
  /** Creations allowed at once from one address. */
  burst: number;
  /** Creations per minute after the burst is spent. */
  perMinute: number;
  /** Most addresses remembered; the least recently seen is forgotten first. Default 10 000. */
  maxAddresses?: number;
  /** Default {@link systemClock}. */
  clock?: Clock;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client address for creating sessions. A school NAT puts a
 * whole class behind one address, so the burst must hold a class (hundreds);
 * what it stops is one script minting sessions forever. Memory is bounded by
 * `maxAddresses`; forgetting an address only gives it a fresh burst.
 */
export class CreationLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;
  private readonly maxAddresses: number;
  private readonly perMs: number;

  constructor(private readonly options: CreationLimiterOptions) {
    this.clock = options.clock ?? systemClock;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.perMs = options.perMinute / 60_000;
  }

  /** Take one creation for `address`: 0 when allowed, else the ms to wait for the next one. */
  take(address: string): number {
    const bucket = this.refill(address);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.perMs > 0 ? Math.ceil((1 - bucket.tokens) / this.perMs) : Infinity;
  }

  /** Give back a creation that did not happen (the store was full). */
  refund(address: string): void {
    const bucket = this.buckets.get(address);
    if (bucket) bucket.tokens = Math.min(this.options.burst, bucket.tokens + 1);
  }

  /** Forget addresses whose bucket is full again: they are indistinguishable from new ones. */
  prune(): void {
    for (const address of [...this.buckets.keys()]) if (this.refill(address).tokens >= this.options.burst) this.buckets.delete(address);
  }

  /** Addresses remembered. */
  get size(): number {
    return this.buckets.size;
  }

  private refill(address: string): Bucket {
    const now = this.clock.now();
    let bucket = this.buckets.get(address);
    if (bucket) {
      this.buckets.delete(address);
      bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * this.perMs);
      bucket.at = now;
    } else {
      bucket = { tokens: this.options.burst, at: now };
      if (this.buckets.size >= this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(address, bucket);
    return bucket;
  }
}
