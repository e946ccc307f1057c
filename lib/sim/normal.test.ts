import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom, type Random } from '@/lib/resilience/random';
import { createNetworkDelay, createStandardNormal, HerdNetwork } from './normal';
import { clientRandom, STREAM } from './seeds';

function counting(random: Random): { random: Random; count: () => number } {
  let n = 0;
  return {
    random: () => {
      n++;
      return random();
    },
    count: () => n,
  };
}

function moments(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

describe('createStandardNormal', () => {
  it('has mean 0 and sd 1 (20 000 draws)', () => {
    const z = createStandardNormal(seededRandom(42));
    const { mean, sd } = moments(Array.from({ length: 20_000 }, z));
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('caches the second Box–Muller value: two draws per two uniforms', () => {
    const c = counting(seededRandom(1));
    const z = createStandardNormal(c.random);
    z();
    expect(c.count()).toBe(2);
    z();
    expect(c.count()).toBe(2);
    z();
    expect(c.count()).toBe(4);
  });

  it('survives a uniform of exactly 0 (log of 1 − u, never of 0)', () => {
    const z = createStandardNormal(() => 0);
    expect(Number.isFinite(z())).toBe(true);
  });
});

describe('createNetworkDelay', () => {
  it('is |N(10, 2)| by default: mean ≈ 10 ms, sd ≈ 2 ms, never negative', () => {
    const d = createNetworkDelay(seededRandom(7));
    const xs = Array.from({ length: 20_000 }, d);
    const { mean, sd } = moments(xs);
    expect(Math.abs(mean - 10)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  });

  it('is |mean + sd·z| with the same draws as the standard normal', () => {
    const z = createStandardNormal(seededRandom(3));
    const d = createNetworkDelay(seededRandom(3), 1, 5); // mean 1, sd 5: negatives are common
    for (let i = 0; i < 100; i++) expect(d()).toBeCloseTo(Math.abs(1 + 5 * z()), 12);
  });

  it('is reproducible from a seed', () => {
    const a = createNetworkDelay(seededRandom(9));
    const b = createNetworkDelay(seededRandom(9));
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });
});

describe('HerdNetwork', () => {
  it('gives every client exactly the delays of createNetworkDelay over its clientRandom stream (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.record({ meanMs: fc.double({ min: 0, max: 50, noNaN: true }), sdMs: fc.double({ min: 0, max: 20, noNaN: true }) }),
        fc.array(fc.record({ client: fc.nat({ max: 5 }), uniform: fc.boolean() }), { minLength: 1, maxLength: 200 }),
        (runSeed, { meanMs, sdMs }, ops) => {
          const herd = new HerdNetwork(6, meanMs, sdMs);
          herd.reseed(runSeed);
          const randoms = Array.from({ length: 6 }, (_, c) => clientRandom(runSeed, c, STREAM.network));
          const delays = randoms.map((r) => createNetworkDelay(r, meanMs, sdMs));
          const used = new Set<number>();
          for (const { client, uniform } of ops) {
            // A raw uniform (the API model's send time) only before a client's first delay.
            if (uniform && !used.has(client)) expect(herd.uniform(client)).toBe(randoms[client]!());
            else {
              used.add(client);
              expect(herd.delay(client)).toBe(delays[client]!());
            }
          }
        },
      ),
    );
  });

  it('forgets cached Box–Muller halves on reseed', () => {
    const herd = new HerdNetwork(1);
    herd.reseed(3);
    const first = [herd.delay(0), herd.delay(0)];
    herd.reseed(3);
    herd.delay(0); // leaves the second half cached …
    herd.reseed(3); // … which reseed must drop
    expect([herd.delay(0), herd.delay(0)]).toEqual(first);
  });
});
