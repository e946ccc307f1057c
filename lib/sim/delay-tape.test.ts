import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelayTape } from './delay-tape';
import { HerdNetwork } from './normal';
import { simulateOcc } from './occ-model';
import { createStrategy } from './strategies';

describe('DelayTape', () => {
  it('hands every client exactly HerdNetwork’s delays, however replays, seeds and a full tape interleave (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ seed: fc.integer({ min: 0, max: 3 }), draws: fc.array(fc.nat({ max: 3 }), { maxLength: 120 }) }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.constantFrom(64, 80, 2 ** 20), // 64: only the 16 first slots per client; 80: one client may grow once
        (replays, maxDelays) => {
          const tape = new DelayTape(4, 10, 2, maxDelays);
          for (const { seed, draws } of replays) {
            tape.start(seed);
            const reference = new HerdNetwork(4, 10, 2);
            reference.reseed(seed);
            for (const c of draws) expect(tape.delay(c)).toBe(reference.delay(c));
          }
        },
      ),
    );
  });

  it('replays the recorded delays for the same seed and draws anew for another', () => {
    const tape = new DelayTape(2);
    tape.start(7);
    const first = [tape.delay(0), tape.delay(0), tape.delay(1)];
    tape.start(7);
    expect([tape.delay(0), tape.delay(0), tape.delay(1)]).toEqual(first);
    tape.start(8);
    expect(tape.delay(0)).not.toBe(first[0]);
  });

  it('keeps its memory within maxDelays: a long client stops recording yet keeps its stream', () => {
    const tape = new DelayTape(1, 10, 2, 40); // room for 16, then one doubling to 32; 64 would exceed 40
    const reference = new HerdNetwork(1);
    reference.reseed(1);
    const expected = Array.from({ length: 200 }, () => reference.delay(0));
    for (let pass = 0; pass < 3; pass++) {
      tape.start(1);
      expect(Array.from({ length: 200 }, () => tape.delay(0))).toEqual(expected);
    }
    expect(tape.heldDelays).toBe(32);
  });

  it('is refused by a run of another herd size or network, rather than replaying the wrong delays', () => {
    const strategy = createStrategy('full');
    expect(() => simulateOcc({ clients: 5, strategy, seed: 1, tape: new DelayTape(4) })).toThrow(RangeError);
    expect(() => simulateOcc({ clients: 4, strategy, seed: 1, network: { meanMs: 10, sdMs: 0 }, tape: new DelayTape(4) })).toThrow(/N\(10, 2\)/);
    const shared = new DelayTape(4);
    expect(simulateOcc({ clients: 4, strategy, seed: 1, tape: shared })).toEqual(simulateOcc({ clients: 4, strategy, seed: 1 }));
  });
});
