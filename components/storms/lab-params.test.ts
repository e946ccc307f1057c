import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveStormOptions, STORM_PRESET_IDS, STORM_PRESETS, validateStormOptions } from '@/lib/sim';
import {
  clampStormParams,
  DEFAULT_STORM_PARAMS,
  matchingPreset,
  optionsFromParams,
  paramsFromOptions,
  PRESET_PARAMS,
  STORM_LAB_LIMITS,
  sweepKey,
  type StormLabParams,
} from './lab-params';

describe('storm lab params', () => {
  it('round-trips every preset: the page runs exactly the preset’s options', () => {
    for (const id of STORM_PRESET_IDS) {
      expect(resolveStormOptions(optionsFromParams(PRESET_PARAMS[id])), id).toEqual(resolveStormOptions(STORM_PRESETS[id]));
      expect(matchingPreset(PRESET_PARAMS[id])).toBe(id);
    }
  });

  it('starts on the metastable preset, and a changed knob is no preset', () => {
    expect(matchingPreset(DEFAULT_STORM_PARAMS)).toBe('metastable');
    expect(matchingPreset({ ...DEFAULT_STORM_PARAMS, budget: 'grpc' })).toBe('metastable-budget');
    expect(matchingPreset({ ...DEFAULT_STORM_PARAMS, budget: 'brooker' })).toBeNull();
  });

  it('clamps anything into valid model options (property)', () => {
    const anyNumber = fc.oneof(fc.double(), fc.integer({ min: -1e7, max: 1e7 }), fc.constant(Number.NaN));
    const params = fc.record({
      rate: anyNumber, capacity: anyNumber, ample: fc.boolean(), failureRate: anyNumber, timeoutMs: anyNumber, attempts: anyNumber,
      layers: anyNumber, backoff: fc.constantFrom('none', 'full', 'bogus'), baseMs: anyNumber, budget: fc.constantFrom('none', 'grpc', 'brooker', 'x'),
      breaker: fc.boolean(), dip: fc.boolean(), dipAtS: anyNumber, dipForS: anyNumber, dipCapacityPct: anyNumber, seed: anyNumber,
    }) as fc.Arbitrary<StormLabParams>;
    fc.assert(
      fc.property(params, (p) => {
        const c = clampStormParams(p);
        expect(validateStormOptions(optionsFromParams(c))).toEqual([]);
        expect(clampStormParams(c)).toEqual(c);
        expect(c.attempts ** c.layers).toBeLessThanOrEqual(64);
        expect(c.rate).toBeGreaterThanOrEqual(STORM_LAB_LIMITS.rate.min);
      }),
    );
  });

  it('caps calls per request at 64: three layers take at most 4 attempts', () => {
    expect(clampStormParams({ ...DEFAULT_STORM_PARAMS, attempts: 6, layers: 3 })).toMatchObject({ attempts: 4, layers: 3 });
    expect(clampStormParams({ ...DEFAULT_STORM_PARAMS, attempts: 6, layers: 2 })).toMatchObject({ attempts: 6, layers: 2 });
  });

  it('maps ample capacity and the dip', () => {
    const o = optionsFromParams({ ...DEFAULT_STORM_PARAMS, ample: true, dip: false, breaker: true });
    expect(o.capacity).toBe(100_000);
    expect(o.trigger).toBeUndefined();
    expect(o.breaker).toEqual({});
    expect(paramsFromOptions({ capacity: 100_000 })).toMatchObject({ ample: true, capacity: 1400 });
    expect(optionsFromParams(DEFAULT_STORM_PARAMS).trigger).toEqual({ atS: 60, durationS: 20, capacityFactor: 0.2 });
  });

  it('keys the sweep on the retry shape and seed only', () => {
    const p = DEFAULT_STORM_PARAMS;
    expect(sweepKey({ ...p, failureRate: 0.9, capacity: 200, budget: 'grpc', dip: false })).toBe(sweepKey(p));
    expect(sweepKey({ ...p, attempts: 4 })).not.toBe(sweepKey(p));
    expect(sweepKey({ ...p, seed: 2 })).not.toBe(sweepKey(p));
  });
});
