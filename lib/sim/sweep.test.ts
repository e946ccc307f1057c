import { describe, expect, it } from 'vitest';
import { runExperiment } from './run';
import { clientRange, sweepClients } from './sweep';

describe('clientRange', () => {
  it('includes both ends', () => {
    const r = clientRange(10, 200, 10);
    expect(r).toHaveLength(20);
    expect([r[0], r.at(-1)]).toEqual([10, 200]);
    expect(clientRange(5, 4, 1)).toEqual([]);
    expect(clientRange(1, 5, 0)).toEqual([]);
  });
});

describe('sweepClients', () => {
  const base = { model: 'occ' as const, runs: 4, seed: 7, strategies: ['full', 'exponential'] as const };

  it('gives, per herd size, the same means as runExperiment', () => {
    const sweep = sweepClients({ ...base, strategies: [...base.strategies], clientCounts: [10, 30] });
    expect(sweep.points.map((p) => p.clients)).toEqual([10, 30]);
    const at30 = runExperiment({ ...base, strategies: [...base.strategies], clients: 30 });
    for (const s of at30.strategies) {
      expect(sweep.points[1]!.calls[s.id]).toBe(s.calls.mean);
      expect(sweep.points[1]!.completionMs[s.id]).toBe(s.completionMs.mean);
    }
    expect(sweep.points[0]!.giveUps).toBeUndefined();
    expect(sweep.strategies.map((s) => s.id)).toEqual(['full', 'exponential']);
    expect(sweep.options).toMatchObject({ model: 'occ', runs: 4, seed: 7, clientCounts: [10, 30] });
    expect(JSON.parse(JSON.stringify(sweep))).toEqual(sweep);
  });

  it('includes give-ups for the API model and reports progress over the whole sweep', () => {
    const progress: number[] = [];
    const sweep = sweepClients({ model: 'api', runs: 2, seed: 1, strategies: ['none'], capacity: 5, clientCounts: [10, 20], onProgress: (d, t) => progress.push(d / t) });
    expect(sweep.points[1]!.giveUps?.none).toBeGreaterThan(0);
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('rejects an empty or invalid sweep', () => {
    expect(() => sweepClients({ ...base, clientCounts: [] })).toThrow(/clientCounts/);
    expect(() => sweepClients({ ...base, clientCounts: [10, 0] })).toThrow(/clients must be/);
  });
});
