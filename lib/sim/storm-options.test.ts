import { describe, expect, it } from 'vitest';
import { resolveStormOptions, STORM_DEFAULTS, validateStormOptions, type StormOptions } from './storm-options';

describe('storm options', () => {
  it('fills every default', () => {
    expect(resolveStormOptions({})).toEqual(STORM_DEFAULTS);
    const o = resolveStormOptions({ budget: { kind: 'grpc' }, breaker: { threshold: 0.2 }, backoff: { id: 'full' } });
    expect(o.budget).toEqual({ kind: 'grpc', maxTokens: 10, tokenRatio: 0.1 });
    expect(o.breaker).toEqual({ threshold: 0.2, windowMs: 10_000, minSamples: 20 });
    expect(o.backoff).toEqual({ id: 'full', baseMs: 100, capMs: 10_000 });
  });

  it('accepts the defaults and explains every bad value', () => {
    expect(validateStormOptions({})).toEqual([]);
    expect(validateStormOptions({ failureRate: 1.5 })).toEqual(['failureRate must be a number from 0 to 1, got 1.5']);
    expect(validateStormOptions({ attempts: 2.5 })).toEqual(['attempts must be an integer from 1 to 10, got 2.5']);
    expect(validateStormOptions({ rate: Number.NaN })).toEqual(['rate must be a number from 1 to 20000, got NaN']);
    expect(validateStormOptions({ attempts: 5, layers: 4 })).toEqual(['attempts^layers must be at most 256, got 5^4 = 625']);
    expect(validateStormOptions({ rate: 20_000, durationS: 3600 })[0]).toMatch(/rate × durationS must be at most/);
    expect(validateStormOptions({ backoff: { id: 'decorrelated' as 'full' } })[0]).toMatch(/backoff.id must be one of none, constant/);
    expect(validateStormOptions({ budget: { kind: 'lots' as 'grpc' } })[0]).toMatch(/budget.kind must be one of none, grpc, brooker/);
    expect(validateStormOptions({ trigger: { atS: 400, durationS: 1, capacityFactor: 2 } })).toEqual([
      'trigger.atS must be a number from 0 to 300, got 400',
      'trigger.capacityFactor must be a number from 0 to 1, got 2',
    ]);
    expect(validateStormOptions({ breaker: { minSamples: 0 } })[0]).toMatch(/breaker.minSamples must be an integer/);
  });

  it('never throws on junk', () => {
    expect(validateStormOptions(null as unknown as StormOptions)).toEqual(['options must be an object']);
    expect(validateStormOptions({ rate: '10' as unknown as number })).toEqual(['rate must be a number from 1 to 20000, got 10']);
  });
});
