import { systemClock, type Clock } from './clock';

/**
 * Why an entry left the cache. `'capacity'`: evicted to fit `maxEntries` or `maxBytes`;
 * `'too-large'`: the value given to `set` is bigger than `maxBytes` alone, so it was never stored.
 */
export type EvictReason = 'expired' | 'capacity' | 'deleted' | 'too-large';

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
  /**
   * Called once for every entry that leaves, except when `set` replaces a key's value; also for a
   * value refused as `'too-large'`. Called after the cache is consistent again, so it may use the
   * cache; if it throws, the remaining callbacks still run and the first error is rethrown.
   */
  onEvict?: (key: K, value: V, reason: EvictReason) => void;
  /**
   * Bound on the summed {@link sizeOf} of the stored entries, in bytes (> 0). Default `Infinity`.
   * Least recently used entries go until both bounds hold; one value larger than this is not stored.
   */
  maxBytes?: number;
  /**
   * Size of one entry in bytes (finite, ≥ 0). Default {@link utf16SizeOf} when `maxBytes` is set;
   * otherwise sizes are only measured when you pass this (see {@link TtlLruCache.bytes}).
   */
  sizeOf?: (key: K, value: V) => number;
}

/**
 * Default entry size: 2 bytes per UTF-16 code unit for string keys and values (what a JS
 * string costs in memory, headers aside), 8 bytes for anything else (a number or a reference).
 * Pass your own `sizeOf` when values are objects.
 */
export function utf16SizeOf(key: unknown, value: unknown): number {
  const one = (x: unknown) => (typeof x === 'string' ? 2 * x.length : 8);
  return one(key) + one(value);
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  /** This entry's size in bytes (0 when sizes are not measured). */
  bytes: number;
}

type Eviction<K, V> = [K, V, EvictReason];

/**
 * A bounded cache with a time to live, for the lesson's response cache (§5.1
 * keeps a plain dict that grows forever and never goes stale) and for the
 * per-browser session store (many keys from strangers: it must stay bounded).
 *
 * A `Map` keeps insertion order, so re-inserting a key on access makes the
 * first key the least recently used. Expiry is checked lazily on access and in
 * {@link prune}; no timers, so it runs on any {@link Clock}.
 *
 * Counting entries alone does not bound memory when values vary in size (one
 * 100 kB answer weighs as much as a thousand short ones), hence the optional
 * byte bound: `maxBytes` with `sizeOf`.
 */
export class TtlLruCache<K, V> {
  private readonly map = new Map<K, Entry<V>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly clock: Clock;
  private readonly touchOnGet: boolean;
  private readonly onEvict: TtlLruCacheOptions<K, V>['onEvict'];
  private readonly maxBytes: number;
  private readonly sizeOf: ((key: K, value: V) => number) | undefined;
  private totalBytes = 0;

  constructor(opts: TtlLruCacheOptions<K, V>) {
    if (!Number.isInteger(opts.maxEntries) || opts.maxEntries < 1)
      throw new RangeError(`TtlLruCache: maxEntries must be an integer ≥ 1 (got ${opts.maxEntries})`);
    if (!(opts.ttlMs > 0)) throw new RangeError(`TtlLruCache: ttlMs must be > 0 (got ${opts.ttlMs})`);
    this.maxEntries = opts.maxEntries;
    this.ttlMs = opts.ttlMs;
    this.clock = opts.clock ?? systemClock;
    this.touchOnGet = opts.touchOnGet ?? false;
    this.onEvict = opts.onEvict;
    const maxBytes = opts.maxBytes ?? Infinity;
    if (!(maxBytes > 0)) throw new RangeError(`TtlLruCache: maxBytes must be > 0 (got ${maxBytes})`);
    this.maxBytes = maxBytes;
    this.sizeOf = opts.sizeOf ?? (maxBytes < Infinity ? utf16SizeOf : undefined);
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

  /**
   * Store `value` as most recently used with a fresh TTL, evicting least recently used entries
   * until both `maxEntries` and `maxBytes` hold. Returns false, storing nothing, when the value
   * alone is larger than `maxBytes`: it is reported to `onEvict` as `'too-large'`, and an older
   * value under the same key is removed (`'deleted'`), so a stale answer is never served instead.
   * Throws a `RangeError`, changing nothing, when `sizeOf` returns a negative or non-finite size.
   */
  set(key: K, value: V): boolean {
    const bytes = this.measure(key, value);
    const out: Eviction<K, V>[] = [];
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.totalBytes -= old.bytes;
    }
    if (bytes > this.maxBytes) {
      if (old !== undefined) out.push([key, old.value, 'deleted']);
      out.push([key, value, 'too-large']);
      this.notify(out);
      return false;
    }
    const now = this.clock.now();
    this.map.set(key, { value, expiresAt: now + this.ttlMs, bytes });
    this.totalBytes += bytes;
    // The new entry is last and fits alone, so this loop never evicts it.
    while (this.map.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const [oldKey, oldEntry] = this.map.entries().next().value as [K, Entry<V>];
      this.remove(oldKey, oldEntry);
      out.push([oldKey, oldEntry.value, now >= oldEntry.expiresAt ? 'expired' : 'capacity']);
    }
    this.notify(out);
    return true;
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
    const out: Eviction<K, V>[] = [...this.map].map(([k, e]) => [k, e.value, 'deleted']);
    this.map.clear();
    this.totalBytes = 0;
    this.notify(out);
  }

  /** Stored entries, including expired ones not yet pruned (call {@link prune} first for an exact count). Never exceeds `maxEntries`. */
  get size(): number {
    return this.map.size;
  }

  /**
   * Summed size in bytes of the stored entries (expired ones not yet pruned included), by `sizeOf`.
   * Never exceeds `maxBytes`. Always 0 when neither `maxBytes` nor `sizeOf` was given.
   */
  get bytes(): number {
    return this.totalBytes;
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
    const out: Eviction<K, V>[] = [];
    for (const [k, e] of this.map)
      if (now >= e.expiresAt) {
        this.remove(k, e);
        out.push([k, e.value, 'expired']);
      }
    this.notify(out);
    return out.length;
  }

  private measure(key: K, value: V): number {
    if (this.sizeOf === undefined) return 0;
    const bytes = this.sizeOf(key, value);
    if (!(bytes >= 0 && bytes < Infinity)) throw new RangeError(`TtlLruCache: sizeOf must return a finite size ≥ 0 in bytes (got ${bytes})`);
    return bytes;
  }

  private remove(key: K, entry: Entry<V>): void {
    this.map.delete(key);
    // Reset when empty, so fractional sizes cannot leave rounding dust behind.
    this.totalBytes = this.map.size === 0 ? 0 : this.totalBytes - entry.bytes;
  }

  private evict(key: K, entry: Entry<V>, reason: EvictReason): void {
    this.remove(key, entry);
    this.notify([[key, entry.value, reason]]);
  }

  /** Report evictions once the cache is consistent; one throwing callback does not skip the others. */
  private notify(out: Eviction<K, V>[]): void {
    const onEvict = this.onEvict;
    if (onEvict === undefined || out.length === 0) return;
    let first: { error: unknown } | undefined;
    for (const [k, v, r] of out) {
      try {
        onEvict(k, v, r);
      } catch (error) {
        first ??= { error };
      }
    }
    if (first) throw first.error;
  }
}
