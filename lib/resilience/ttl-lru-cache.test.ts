import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TtlLruCache, type EvictReason } from './ttl-lru-cache';
import { VirtualClock } from './virtual-clock';

function setup(opts: { maxEntries?: number; ttlMs?: number; touchOnGet?: boolean } = {}) {
  const clock = new VirtualClock();
  const evicted: [string, number, EvictReason][] = [];
  const cache = new TtlLruCache<string, number>({
    maxEntries: opts.maxEntries ?? 3,
    ttlMs: opts.ttlMs ?? 1_000,
    touchOnGet: opts.touchOnGet,
    clock,
    onEvict: (k, v, r) => evicted.push([k, v, r]),
  });
  return { clock, cache, evicted };
}

describe('TtlLruCache', () => {
  it('stores and returns values; overwriting keeps one entry and reports no eviction', () => {
    const { cache, evicted } = setup();
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.get('a')).toBe(2);
    expect(cache.has('a')).toBe(true);
    expect(cache.get('zz')).toBeUndefined();
    expect(cache.has('zz')).toBe(false);
    expect(cache.size).toBe(1);
    expect(evicted).toEqual([]);
  });

  it('evicts the least recently used entry at capacity, and get() refreshes recency', () => {
    const { cache, evicted } = setup({ maxEntries: 3 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.get('a'); // now b is the LRU
    cache.set('d', 4);
    expect(cache.keys()).toEqual(['c', 'a', 'd']);
    expect(evicted).toEqual([['b', 2, 'capacity']]);
    expect(cache.size).toBe(3);
  });

  it('has() does not refresh recency', () => {
    const { cache } = setup({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.has('a');
    cache.set('c', 3);
    expect(cache.keys()).toEqual(['b', 'c']);
  });

  it('expires entries at storedAt + ttlMs (absolute TTL by default)', async () => {
    const { cache, clock, evicted } = setup({ ttlMs: 1_000 });
    cache.set('a', 1);
    await clock.advance(999);
    expect(cache.get('a')).toBe(1); // a get does not extend an absolute TTL
    await clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(evicted).toEqual([['a', 1, 'expired']]);
    expect(cache.size).toBe(0);
  });

  it('touchOnGet turns the TTL into an idle timeout', async () => {
    const { cache, clock } = setup({ ttlMs: 1_000, touchOnGet: true });
    cache.set('s', 1);
    for (let i = 0; i < 5; i++) {
      await clock.advance(900);
      expect(cache.get('s')).toBe(1);
    }
    await clock.advance(1_000);
    expect(cache.has('s')).toBe(false);
  });

  it('prune() drops expired entries and keys() hides them', async () => {
    const { cache, clock, evicted } = setup({ maxEntries: 5, ttlMs: 1_000 });
    cache.set('old1', 1);
    cache.set('old2', 2);
    await clock.advance(500);
    cache.set('new', 3);
    await clock.advance(500);
    expect(cache.keys()).toEqual(['new']);
    expect(cache.size).toBe(3); // lazy: still stored
    expect(cache.prune()).toBe(2);
    expect(cache.size).toBe(1);
    expect(evicted.map((e) => e[2])).toEqual(['expired', 'expired']);
    expect(cache.prune()).toBe(0);
  });

  it('reports an expired LRU pushed out by capacity as expired', async () => {
    const { cache, clock, evicted } = setup({ maxEntries: 1, ttlMs: 100 });
    cache.set('a', 1);
    await clock.advance(100);
    cache.set('b', 2);
    expect(evicted).toEqual([['a', 1, 'expired']]);
  });

  it('delete() and clear() report deletions', () => {
    const { cache, evicted } = setup();
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(evicted).toEqual([
      ['a', 1, 'deleted'],
      ['b', 2, 'deleted'],
      ['c', 3, 'deleted'],
    ]);
  });

  it('works without onEvict and with an infinite TTL', async () => {
    const clock = new VirtualClock();
    const cache = new TtlLruCache<number, string>({ maxEntries: 2, ttlMs: Infinity, clock });
    cache.set(1, 'x');
    cache.set(2, 'y');
    cache.set(3, 'z');
    await clock.advance(1e12);
    expect(cache.keys()).toEqual([2, 3]);
    cache.clear();
    expect(cache.delete(2)).toBe(false);
  });

  it.each([
    [{ maxEntries: 0, ttlMs: 1 }],
    [{ maxEntries: 1.5, ttlMs: 1 }],
    [{ maxEntries: 1, ttlMs: 0 }],
    [{ maxEntries: 1, ttlMs: Number.NaN }],
  ])('rejects invalid options %j', (o) => {
    expect(() => new TtlLruCache(o)).toThrow(RangeError);
  });

  it('stays bounded under a flood of distinct keys (session store use)', () => {
    const { cache } = setup({ maxEntries: 100 });
    for (let i = 0; i < 100_000; i++) cache.set(`session-${i}`, i);
    expect(cache.size).toBe(100);
    expect(cache.get('session-99999')).toBe(99_999);
    expect(cache.get('session-0')).toBeUndefined();
  });
});

type Op = { t: 'set' | 'get' | 'has' | 'delete'; k: number } | { t: 'advance'; ms: number } | { t: 'prune' };

describe('TtlLruCache (property)', () => {
  it('never exceeds maxEntries and never returns an expired value', async () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ t: fc.constantFrom('set' as const, 'get' as const, 'has' as const, 'delete' as const), k: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400 }) }),
      fc.constant<Op>({ t: 'prune' }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.boolean(),
        fc.array(op, { maxLength: 120 }),
        async (maxEntries, ttlMs, touchOnGet, ops) => {
          const clock = new VirtualClock();
          const cache = new TtlLruCache<number, number>({ maxEntries, ttlMs, touchOnGet, clock });
          // Model: when each key's value was stored / last refreshed. Values encode their store time.
          const freshUntil = new Map<number, number>();
          for (const o of ops) {
            if (o.t === 'advance') await clock.advance(o.ms);
            else if (o.t === 'prune') cache.prune();
            else if (o.t === 'set') {
              cache.set(o.k, clock.now());
              freshUntil.set(o.k, clock.now() + ttlMs);
            } else if (o.t === 'get') {
              const v = cache.get(o.k);
              if (v !== undefined) {
                expect(clock.now()).toBeLessThan(freshUntil.get(o.k)!);
                if (touchOnGet) freshUntil.set(o.k, clock.now() + ttlMs);
                else expect(v + ttlMs).toBe(freshUntil.get(o.k));
              }
            } else if (o.t === 'has') {
              if (cache.has(o.k)) expect(clock.now()).toBeLessThan(freshUntil.get(o.k)!);
            } else cache.delete(o.k);
            expect(cache.size).toBeLessThanOrEqual(maxEntries);
            expect(cache.keys().length).toBeLessThanOrEqual(cache.size);
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});
