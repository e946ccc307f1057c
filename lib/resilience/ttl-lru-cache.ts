import { systemClock, type Clock } from './clock';

/** Why an entry left the cache. */
export type EvictReason = 'expired' | 'capacity' | 'deleted';

/** Options for {@link TtlLruCache}. */
export interface TtlLruCacheOptions<K, V> {
  /** Hard cap on stored entries (integer ≥ 1). The least recently used entry goes first. */
  maxEntries: number;
  /** Time to live in ms (> 0; `Infinity` for none). An entry is expired once `now ≥ storedAt + ttlMs`. */
  ttlMs: number;
  /** Time source. Default {@link systemClock}. */
  clock?: Clock;
  /** Idle TTL: a successful `get` pushes the expiry back by `ttlMs`. Default false (absolute TTL). */
  touchOnGet?: boolean;
  /** Called once for every entry that leaves, except when `set` replaces a key's value. */
  onEvict?: (key: K, value: V, reason: EvictReason) => void;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A bounded cache with a time to live, for the lesson's response cache (§5.1
 * keeps a plain dict that grows forever and never goes stale) and for the
 * per-browser session store (many keys from strangers: it must stay bounded).
 *
 * A `Map` keeps insertion order, so re-inserting a key on access makes the
 * first key the least recently used. Expiry is checked lazily on access and in
 * {@link prune}; no timers, so it runs on any {@link Clock}.
 */
export class TtlLruCache<K, V> {
  private readonly map = new Map<K, Entry<V>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly clock: Clock;
  private readonly touchOnGet: boolean;
  private readonly onEvict: TtlLruCacheOptions<K, V>['onEvict'];

  constructor(opts: TtlLruCacheOptions<K, V>) {
    if (!Number.isInteger(opts.maxEntries) || opts.maxEntries < 1)
      throw new RangeError(`TtlLruCache: maxEntries must be an integer ≥ 1 (got ${opts.maxEntries})`);
    if (!(opts.ttlMs > 0)) throw new RangeError(`TtlLruCache: ttlMs must be > 0 (got ${opts.ttlMs})`);
    this.maxEntries = opts.maxEntries;
    this.ttlMs = opts.ttlMs;
    this.clock = opts.clock ?? systemClock;
    this.touchOnGet = opts.touchOnGet ?? false;
    this.onEvict = opts.onEvict;
  }

  /** The live value for `key`, marking it most recently used; `undefined` when missing or expired. */
  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    const now = this.clock.now();
    if (now >= entry.expiresAt) {
      this.evict(key, entry, 'expired');
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, entry);
    if (this.touchOnGet) entry.expiresAt = now + this.ttlMs;
    return entry.value;
  }

  /** True when `key` holds a live value. Does not change recency or expiry. */
  has(key: K): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    if (this.clock.now() >= entry.expiresAt) {
      this.evict(key, entry, 'expired');
      return false;
    }
    return true;
  }

  /** Store `value` as most recently used with a fresh TTL, evicting the LRU entry if over capacity. */
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, expiresAt: this.clock.now() + this.ttlMs });
    while (this.map.size > this.maxEntries) {
      const [oldKey, oldEntry] = this.map.entries().next().value as [K, Entry<V>];
      this.evict(oldKey, oldEntry, this.clock.now() >= oldEntry.expiresAt ? 'expired' : 'capacity');
    }
  }

  /** Remove `key`; true when it was present (even if already expired). */
  delete(key: K): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.evict(key, entry, 'deleted');
    return true;
  }

  /** Remove everything, reporting each entry as `'deleted'`. */
  clear(): void {
    const entries = [...this.map];
    this.map.clear();
    for (const [k, e] of entries) this.onEvict?.(k, e.value, 'deleted');
  }

  /** Stored entries, including expired ones not yet pruned (call {@link prune} first for an exact count). Never exceeds `maxEntries`. */
  get size(): number {
    return this.map.size;
  }

  /** Live keys, least recently used first. Does not change recency. */
  keys(): K[] {
    const now = this.clock.now();
    const out: K[] = [];
    for (const [k, e] of this.map) if (now < e.expiresAt) out.push(k);
    return out;
  }

  /** Drop every expired entry; returns how many were dropped. */
  prune(): number {
    const now = this.clock.now();
    let n = 0;
    for (const [k, e] of this.map)
      if (now >= e.expiresAt) {
        this.evict(k, e, 'expired');
        n++;
      }
    return n;
  }

  private evict(key: K, entry: Entry<V>, reason: EvictReason): void {
    this.map.delete(key);
    this.onEvict?.(key, entry.value, reason);
  }
}
