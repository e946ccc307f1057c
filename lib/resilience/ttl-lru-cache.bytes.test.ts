import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TtlLruCache, utf16SizeOf, type EvictReason } from './ttl-lru-cache';
import { VirtualClock } from './virtual-clock';

function setup(maxBytes: number, maxEntries = 100) {
  const clock = new VirtualClock();
  const evicted: [string, string, EvictReason][] = [];
  const cache = new TtlLruCache<string, string>({ maxEntries, maxBytes, ttlMs: 1_000, clock, onEvict: (k, v, r) => evicted.push([k, v, r]) });
  return { clock, cache, evicted };
}

describe('TtlLruCache — byte bound', () => {
  it('counts UTF-16 bytes of string keys and values by default, and exposes the total', () => {
    expect(utf16SizeOf('ab', 'héllo')).toBe(14);
    expect(utf16SizeOf('k', 42)).toBe(10);
    const { cache } = setup(1_000);
    cache.set('a', 'xyz'); // 2 + 6
    cache.set('bb', '😀'); // 4 + 4 (one emoji = two UTF-16 units)
    expect(cache.bytes).toBe(16);
    cache.set('a', 'x'); // replaced: 2 + 2
    expect(cache.bytes).toBe(12);
    cache.delete('bb');
    expect(cache.bytes).toBe(4);
    cache.clear();
    expect(cache.bytes).toBe(0);
  });

  it('evicts least recently used entries until the bytes fit', () => {
    const { cache, evicted } = setup(40);
    cache.set('a', 'aaaa'); // 10 bytes
    cache.set('b', 'bbbb'); // 10
    cache.set('c', 'cccc'); // 10
    cache.get('a'); // b is now the LRU
    expect(cache.set('d', 'dddddddd')).toBe(true); // 18 → 48 > 40: b goes
    expect(evicted).toEqual([['b', 'bbbb', 'capacity']]);
    expect(cache.keys()).toEqual(['c', 'a', 'd']);
    expect(cache.bytes).toBe(38);
  });

  it('does not store a value larger than maxBytes alone, says so, and drops the stale value under that key', () => {
    const { cache, evicted } = setup(20);
    cache.set('k', 'old');
    cache.set('other', 'x');
    expect(cache.set('k', 'x'.repeat(50))).toBe(false);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.get('other')).toBe('x'); // nothing else was evicted for it
    expect(evicted).toEqual([
      ['k', 'old', 'deleted'],
      ['k', 'x'.repeat(50), 'too-large'],
    ]);
    expect(cache.bytes).toBe(12);
  });

  it('without a byte bound, measures only when a sizeOf is given; set still reports true', () => {
    const plain = new TtlLruCache<string, string>({ maxEntries: 3, ttlMs: 10 });
    expect(plain.set('a', 'b'.repeat(1000))).toBe(true);
    expect(plain.bytes).toBe(0);
    const measured = new TtlLruCache<string, number[]>({ maxEntries: 3, ttlMs: 10, sizeOf: (_k, v) => v.length * 8 });
    measured.set('a', [1, 2, 3]);
    expect(measured.bytes).toBe(24);
  });

  it('rejects a bad bound, and a bad size without changing anything', () => {
    expect(() => new TtlLruCache({ maxEntries: 1, ttlMs: 1, maxBytes: 0 })).toThrow(RangeError);
    expect(() => new TtlLruCache({ maxEntries: 1, ttlMs: 1, maxBytes: Number.NaN })).toThrow(RangeError);
    const cache = new TtlLruCache<string, number>({ maxEntries: 2, ttlMs: 10, maxBytes: 100, sizeOf: (_k, v) => v });
    cache.set('a', 5);
    for (const bad of [-1, Number.NaN, Infinity]) expect(() => cache.set('a', bad)).toThrow(RangeError);
    expect(cache.get('a')).toBe(5);
    expect(cache.bytes).toBe(5);
  });

  it('an onEvict that throws leaves the cache within bounds; the other callbacks still run', () => {
    const seen: string[] = [];
    const cache = new TtlLruCache<string, string>({
      maxEntries: 10,
      ttlMs: 10,
      maxBytes: 24,
      onEvict: (k) => {
        seen.push(k);
        if (k === 'a') throw new Error('dispose failed');
      },
    });
    cache.set('a', 'aaaa'); // 10
    cache.set('b', 'bbbb'); // 10
    expect(() => cache.set('c', 'cccccccccc')).toThrow('dispose failed'); // 22: a and b must both go
    expect(seen).toEqual(['a', 'b']);
    expect(cache.keys()).toEqual(['c']);
    expect(cache.bytes).toBe(22);
  });
});

type Op = { t: 'set'; k: number; len: number } | { t: 'get' | 'delete'; k: number } | { t: 'advance'; ms: number } | { t: 'prune' | 'clear' };

describe('TtlLruCache — byte bound (property)', () => {
  it('after any op sequence: entries ≤ maxEntries, bytes ≤ maxBytes, bytes = Σ sizeOf of what is stored', async () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      { arbitrary: fc.record({ t: fc.constant('set' as const), k: fc.integer({ min: 0, max: 15 }), len: fc.integer({ min: 0, max: 120 }) }), weight: 6 },
      { arbitrary: fc.record({ t: fc.constantFrom('get' as const, 'delete' as const), k: fc.integer({ min: 0, max: 15 }) }), weight: 2 },
      { arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 300 }) }), weight: 1 },
      { arbitrary: fc.constantFrom<Op>({ t: 'prune' }, { t: 'clear' }), weight: 1 },
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 10, max: 400 }), fc.array(op, { maxLength: 150 }), async (maxEntries, maxBytes, ops) => {
        const clock = new VirtualClock();
        const sizeOf = (k: string, v: string) => utf16SizeOf(k, v);
        const cache = new TtlLruCache<string, string>({ maxEntries, maxBytes, ttlMs: 500, clock });
        const stored = (cache as unknown as { map: Map<string, { value: string }> }).map;
        for (const o of ops) {
          if (o.t === 'set') {
            const key = `k${o.k}`;
            const value = 'v'.repeat(o.len);
            const ok = cache.set(key, value);
            expect(ok).toBe(sizeOf(key, value) <= maxBytes);
            if (ok) expect(cache.get(key)).toBe(value);
            else refused++;
          } else if (o.t === 'get') cache.get(`k${o.k}`);
          else if (o.t === 'delete') cache.delete(`k${o.k}`);
          else if (o.t === 'advance') await clock.advance(o.ms);
          else if (o.t === 'prune') cache.prune();
          else cache.clear();
          expect(cache.size).toBeLessThanOrEqual(maxEntries);
          expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
          let sum = 0;
          for (const [k, e] of stored) sum += sizeOf(k, e.value);
          expect(cache.bytes).toBe(sum);
        }
      }),
      { numRuns: 300, seed: 6 },
    );
    expect(refused).toBeGreaterThan(0); // the too-large path was exercised
  });
});
