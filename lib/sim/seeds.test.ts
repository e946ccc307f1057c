import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientStreams, clientRandom, deriveSeed, STREAM } from './seeds';

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
