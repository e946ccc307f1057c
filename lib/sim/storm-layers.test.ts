import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layerPlan } from './storm-layers';

/** Nested loops written out: for each failed call, which layer retries and with which retry number. */
function nested(attempts: number, layers: number) {
  const loop = new Array<number>(layers).fill(0); // attempts used in each layer's current loop, outer first
  const out: { outer: boolean; retryIndex: number | null }[] = [];
  for (;;) {
    let level = layers - 1;
    while (level >= 0 && loop[level] === attempts - 1) level--;
    if (level < 0) {
      out.push({ outer: true, retryIndex: null });
      return out;
    }
    out.push({ outer: level === 0, retryIndex: loop[level]! });
    loop[level]!++;
    for (let inner = level + 1; inner < layers; inner++) loop[inner] = 0;
  }
}

describe('layerPlan', () => {
  it('the app’s 3 attempts over the SDK’s 3: 9 calls, the app sees every third failure', () => {
    const plan = layerPlan(3, 2);
    expect(plan.maxCalls).toBe(9);
    expect(Array.from(plan.outer.slice(1))).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1]);
    // SDK retries 0, 1; app retry 0; SDK 0, 1; app retry 1; SDK 0, 1.
    expect(Array.from(plan.retryIndex.slice(1, 9))).toEqual([0, 1, 0, 0, 1, 1, 0, 1]);
  });

  it('one layer: every failure is the app’s, retry numbers 0, 1, 2…', () => {
    const plan = layerPlan(4, 1);
    expect(Array.from(plan.outer.slice(1))).toEqual([1, 1, 1, 1]);
    expect(Array.from(plan.retryIndex.slice(1, 4))).toEqual([0, 1, 2]);
  });

  it('agrees with nested loops for any shape (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), (attempts, layers) => {
        const plan = layerPlan(attempts, layers);
        const steps = nested(attempts, layers);
        expect(steps).toHaveLength(plan.maxCalls);
        steps.forEach((s, i) => {
          const f = i + 1;
          expect(plan.outer[f] === 1).toBe(s.outer);
          if (s.retryIndex !== null) expect(plan.retryIndex[f]).toBe(s.retryIndex);
        });
      }),
    );
  });
});
