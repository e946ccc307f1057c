import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientStreams, clientRandom, deriveSeed, hashUniform, STORM_STREAM, STREAM } from './seeds';

describe('deriveSeed / clientRandom', () => {
  it('is deterministic and 32-bit', () => {
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    const s = deriveSeed(-5, 7);
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });

  it('gives distinct seeds to neighbouring runs, clients and streams', () => {
    const seeds = new Set<number>();
    for (let run = 0; run < 20; run++) for (let c = 0; c < 50; c++) for (const st of [STREAM.network, STREAM.jitter]) seeds.add(deriveSeed(run, c, st));
    expect(seeds.size).toBe(20 * 50 * 2);
  });

  it('gives each client its own stream', () => {
    const a = clientRandom(1, 0, STREAM.network);
    const b = clientRandom(1, 1, STREAM.network);
    const c = clientRandom(1, 0, STREAM.network);
    const first = a();
    expect(first).not.toBe(b());
    expect(first).toBe(c());
  });
});

describe('ClientStreams', () => {
  it('draws exactly what clientRandom draws, client by client (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.constantFrom(STREAM.network, STREAM.jitter, 7),
        fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 200 }),
        (runSeed, stream, order) => {
          const streams = new ClientStreams(10);
          streams.reseed(runSeed, stream);
          const closures = Array.from({ length: 10 }, (_, c) => clientRandom(runSeed, c, stream));
          // Interleave clients in an arbitrary order: each stream advances on its own.
          for (const c of order) expect(streams.next(c)).toBe(closures[c]!());
        },
      ),
    );
  });

  it('restarts every stream on reseed', () => {
    const streams = new ClientStreams(3);
    streams.reseed(5, STREAM.jitter);
    const first = [0, 1, 2].map((c) => streams.next(c));
    streams.next(1);
    streams.reseed(5, STREAM.jitter);
    expect([0, 1, 2].map((c) => streams.next(c))).toEqual(first);
    streams.reseed(6, STREAM.jitter);
    expect(streams.next(0)).not.toBe(first[0]);
  });
});

describe('hashUniform', () => {
  it('is a pure function of its inputs, in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(), fc.nat(), (seed, a, b) => {
        const u = hashUniform(seed, STORM_STREAM.failure, a, b);
        expect(u).toBe(hashUniform(seed, STORM_STREAM.failure, a, b));
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(1);
      }),
    );
  });

  it('looks uniform and independent across requests, attempts and streams', () => {
    const n = 200_000;
    let sum = 0;
    let below = 0;
    let both = 0;
    for (let r = 0; r < n; r++) {
      const u = hashUniform(1, STORM_STREAM.failure, r, 0);
      const v = hashUniform(1, STORM_STREAM.failure, r, 1);
      const w = hashUniform(1, STORM_STREAM.jitter, r, 0);
      sum += u;
      if (u < 0.5) below++;
      if (u < 0.5 && v < 0.5 && w < 0.5) both++;
    }
    // Standard errors: mean 0.00065, proportion 0.0011, triple 0.00074; allow ~5 of each.
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(Math.abs(below / n - 0.5)).toBeLessThan(0.006);
    expect(Math.abs(both / n - 0.125)).toBeLessThan(0.004);
  });

  it('changes with the seed', () => {
    let same = 0;
    for (let r = 0; r < 1000; r++) if (hashUniform(1, STORM_STREAM.failure, r, 0) === hashUniform(2, STORM_STREAM.failure, r, 0)) same++;
    expect(same).toBeLessThan(3);
  });
});
