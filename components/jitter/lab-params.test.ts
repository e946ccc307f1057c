import { describe, expect, it } from 'vitest';
import { validateExperimentOptions } from '@/lib/sim';
import { clampParams, DEFAULT_LAB_PARAMS, experimentOptions, LAB_BUDGET, sweepKey, sweepOptions } from './lab-params';

describe('lab params', () => {
  it('defaults are Brooker’s constants at 100 clients, and valid simulator options', () => {
    const o = experimentOptions(DEFAULT_LAB_PARAMS, ['exponential', 'full']);
    expect(o).toMatchObject({ model: 'occ', clients: 100, baseMs: 5, capMs: 2000, runs: 20, seed: 1, binMs: 100 });
    expect(validateExperimentOptions(o)).toEqual([]);
    expect(o).not.toHaveProperty('capacity'); // API-only settings stay out of the OCC model
  });

  it('passes the API settings, and the budget only when toggled on', () => {
    const api = { ...DEFAULT_LAB_PARAMS, model: 'api' as const, capacity: 50, honorRetryAfter: true };
    expect(experimentOptions(api, ['full'])).toMatchObject({ capacity: 50, honorRetryAfter: true });
    expect(experimentOptions(api, ['full'])).not.toHaveProperty('budget');
    expect(experimentOptions({ ...api, budget: true }, ['full']).budget).toEqual(LAB_BUDGET);
  });

  it('caps the sweep’s runs and sweeps every strategy', () => {
    const s = sweepOptions({ ...DEFAULT_LAB_PARAMS, runs: 100 });
    expect(s.runs).toBe(20);
    expect(s.clientCounts[0]).toBe(10);
    expect(s.clientCounts[s.clientCounts.length - 1]).toBe(200);
    expect(s.strategies).toHaveLength(8);
  });

  it('sweepKey ignores the herd size and the compared strategy, but not what changes the sweep', () => {
    const k = sweepKey(DEFAULT_LAB_PARAMS);
    expect(sweepKey({ ...DEFAULT_LAB_PARAMS, clients: 30, strategy: 'equal' })).toBe(k);
    expect(sweepKey({ ...DEFAULT_LAB_PARAMS, capacity: 90 })).toBe(k); // capacity is API-only
    expect(sweepKey({ ...DEFAULT_LAB_PARAMS, baseMs: 6 })).not.toBe(k);
    expect(sweepKey({ ...DEFAULT_LAB_PARAMS, model: 'api' })).not.toBe(k);
    expect(sweepKey({ ...DEFAULT_LAB_PARAMS, runs: 5 })).not.toBe(k);
  });

  it('clampParams pulls values into range and rejects unknown choices', () => {
    const c = clampParams({ ...DEFAULT_LAB_PARAMS, clients: 5000, baseMs: 0.2, capMs: Number.NaN, strategy: 'exponential', model: 'x' as never });
    expect(c).toMatchObject({ clients: 200, baseMs: 1, capMs: 2000, strategy: 'full', model: 'occ' });
  });
});
