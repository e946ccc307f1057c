import { describe, expect, it } from 'vitest';
import { simulateOcc } from './occ-model';
import { runExperiment, validateExperimentOptions, type ExperimentResult, type StrategyResult } from './run';
import { createStrategy, SIM_STRATEGY_IDS } from './strategies';

const by = (r: ExperimentResult, id: string): StrategyResult => {
  const s = r.strategies.find((x) => x.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s;
};

// Brooker's findings "for enough clients" (REFERENCE §4). At about 10 clients they blur, so test from 50 up.
describe.each([
  { clients: 50, runs: 60, seed: 2024, fullVsExpo: 0.6 },
  { clients: 100, runs: 40, seed: 1, fullVsExpo: 0.5 },
])('Brooker’s findings at $clients clients × $runs runs', ({ clients, runs, seed, fullVsExpo }) => {
  const r = runExperiment({ model: 'occ', clients, runs, seed });
  const [expo, full, equal, decorr] = ['exponential', 'full', 'equal', 'decorrelated'].map((id) => by(r, id)) as [
    StrategyResult,
    StrategyResult,
    StrategyResult,
    StrategyResult,
  ];

  it('full jitter needs far fewer calls than exponential without jitter, and finishes far sooner', () => {
    // Brooker's "more than halves" holds from ~60 clients; at 50 his own simulator gives 0.53.
    expect(full.calls.mean).toBeLessThan(fullVsExpo * expo.calls.mean);
    expect(full.completionMs.mean).toBeLessThan(0.2 * expo.completionMs.mean);
  });

  it('equal jitter does slightly more work than full jitter, and is slower', () => {
    expect(equal.calls.mean).toBeGreaterThan(full.calls.mean);
    expect(equal.calls.mean).toBeLessThan(1.1 * full.calls.mean);
    expect(equal.completionMs.mean).toBeGreaterThan(1.2 * full.completionMs.mean);
  });

  it('decorrelated jitter does more work than full jitter, in about the same time', () => {
    expect(decorr.calls.mean).toBeGreaterThan(1.05 * full.calls.mean);
    expect(decorr.completionMs.mean).toBeGreaterThan(0.6 * full.completionMs.mean);
    expect(decorr.completionMs.mean).toBeLessThan(Math.min(1.2 * full.completionMs.mean, equal.completionMs.mean));
  });

  it('every client succeeds once (calls ≥ clients) and each histogram adds up to the mean calls', () => {
    for (const s of r.strategies) {
      expect(s.calls.min).toBeGreaterThanOrEqual(clients);
      expect(s.histogram.binMs).toBe(100);
      expect(s.histogram.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(s.calls.mean, 6);
    }
  });
});

describe('runExperiment', () => {
  const small = { model: 'occ' as const, clients: 30, runs: 8, seed: 3 };

  it('same seed → identical results; different seed → different', () => {
    expect(runExperiment(small)).toEqual(runExperiment(small));
    expect(runExperiment({ ...small, seed: 4 }).strategies).not.toEqual(runExperiment(small).strategies);
  });

  it('run r of every strategy uses seed + r', () => {
    const r = runExperiment({ ...small, strategies: SIM_STRATEGY_IDS });
    for (const s of r.strategies) {
      const calls = Array.from({ length: small.runs }, (_, run) => simulateOcc({ clients: 30, strategy: createStrategy(s.id), seed: 3 + run }).calls);
      expect(s.calls.min).toBe(Math.min(...calls));
      expect(s.calls.max).toBe(Math.max(...calls));
      expect(s.calls.mean).toBeCloseTo(calls.reduce((a, b) => a + b, 0) / calls.length, 9);
    }
  });

  it('returns plain JSON with the options it used', () => {
    const r = runExperiment({ ...small, strategies: ['full', 'none'] });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.options).toEqual({ ...small, strategies: ['full', 'none'], baseMs: 5, capMs: 2000, binMs: 100 });
    expect(r.strategies.map((s) => s.id)).toEqual(['full', 'none']);
    expect(r.strategies[0]).toMatchObject({ label: { en: expect.any(String), zh: expect.any(String) }, brookerName: 'FullJitter' });
    expect(r.strategies[0]!.successes).toBeUndefined();
  });

  it('runs the API model with successes and give-ups', () => {
    const r = runExperiment({ model: 'api', clients: 40, runs: 5, seed: 1, capacity: 10, strategies: ['none', 'full'], budget: { maxTokens: 10, tokenRatio: 0.1 } });
    expect(r.options).toMatchObject({ capacity: 10, windowMs: 1000, honorRetryAfter: false, maxRetries: 50, budget: { maxTokens: 10, tokenRatio: 0.1 } });
    for (const s of r.strategies) expect(s.successes!.mean + s.giveUps!.mean).toBeCloseTo(40, 9);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('reports progress after each run of every strategy', () => {
    const calls: [number, number][] = [];
    runExperiment({ ...small, runs: 3, strategies: ['full', 'equal', 'none'], onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([[1, 3], [2, 3], [3, 3]]);
  });

  it('gives a strategy the same result whatever strategies share its runs’ delay tape', () => {
    const all = runExperiment({ ...small, strategies: SIM_STRATEGY_IDS });
    for (const id of ['none', 'decorrelated', 'openai-sdk'] as const) expect(runExperiment({ ...small, strategies: [id] }).strategies[0]).toEqual(by(all, id));
  });

  it('rejects invalid options with every problem listed', () => {
    expect(validateExperimentOptions(small)).toEqual([]);
    const errors = validateExperimentOptions({ model: 'occ', clients: 0, runs: 1.5, seed: 1, capMs: 1, baseMs: 5, strategies: ['nope' as never] });
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/clients.*runs.*capMs.*unknown strategy "nope"/s);
    expect(() => runExperiment({ ...small, clients: -1 })).toThrow(RangeError);
    expect(() => runExperiment({ ...small, model: 'db' as never })).toThrow(/model must be one of occ, api/);
  });
});
