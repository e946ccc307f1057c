import { describe, expect, it } from 'vitest';
import { clientRandom, deriveSeed, STREAM } from './seeds';

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
