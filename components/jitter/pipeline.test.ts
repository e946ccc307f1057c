import { describe, expect, it } from 'vitest';
import { runExperiment, SIM_STRATEGY_IDS, sweepClients } from '@/lib/sim';
import { DEFAULT_LAB_PARAMS, experimentOptions, SWEEP_CLIENT_COUNTS, sweepKey, sweepOptions, type LabParams } from './lab-params';
import { driveLab, labSteps, mergeSweeps, type LabMessage } from './pipeline';
import { createInlineRunner } from './runner';

const small: LabParams = { ...DEFAULT_LAB_PARAMS, clients: 30, runs: 2 };
const now = () => 0;

describe('labSteps', () => {
  it('answers with the comparison first, then every strategy, equal to one full runExperiment', () => {
    const steps = [...labSteps({ seq: 7, params: small, sweep: false }, now)];
    expect(steps.map((m) => m.kind)).toEqual(['compare', 'totals']);
    const [compare, totals] = steps;
    if (compare?.kind !== 'compare' || totals?.kind !== 'totals') throw new Error('wrong order');
    expect(compare.seq).toBe(7);
    expect(compare.result.strategies.map((s) => s.id)).toEqual(['exponential', 'full']);
    // Same seed per run for every strategy: splitting the work changes nothing.
    expect(totals.result).toEqual(runExperiment(experimentOptions(small, SIM_STRATEGY_IDS)));
  });

  it('runs the baseline once when it is also the chosen strategy', () => {
    const [compare] = labSteps({ seq: 1, params: { ...small, strategy: 'exponential' }, sweep: false }, now);
    expect(compare?.kind === 'compare' && compare.result.strategies.map((s) => s.id)).toEqual(['exponential']);
  });

  it('sweeps point by point, ending with the same result as one sweepClients call', () => {
    const params: LabParams = { ...small, model: 'api', budget: true, runs: 1 };
    const sweeps = [...labSteps({ seq: 2, params, sweep: true }, now)].filter((m) => m.kind === 'sweep');
    expect(sweeps).toHaveLength(SWEEP_CLIENT_COUNTS.length);
    expect(sweeps.map((m) => m.kind === 'sweep' && m.done)).toEqual(SWEEP_CLIENT_COUNTS.map((_, i) => i === SWEEP_CLIENT_COUNTS.length - 1));
    const last = sweeps[sweeps.length - 1];
    if (last?.kind !== 'sweep') throw new Error('no sweep');
    expect(last.key).toBe(sweepKey(params));
    expect(last.result).toEqual(sweepClients(sweepOptions(params)));
  });
});

describe('mergeSweeps', () => {
  it('rejects an empty list', () => {
    expect(() => mergeSweeps([])).toThrow(RangeError);
  });
});

describe('driveLab', () => {
  it('stops at the next step once a newer request is current', async () => {
    const posted: LabMessage[] = [];
    let current = 1;
    await driveLab(
      { seq: 1, params: small, sweep: true },
      {
        tick: async () => {
          current = 2; // the user moved a slider while the first step ran
        },
        post: (m) => posted.push(m),
        isCurrent: (seq) => seq === current,
      },
    );
    expect(posted.map((m) => m.kind)).toEqual(['compare']);
  });

  it('reports an invalid request as an error message instead of throwing', async () => {
    const posted: LabMessage[] = [];
    await driveLab({ seq: 3, params: { ...small, clients: 0 }, sweep: false }, { tick: async () => {}, post: (m) => posted.push(m), isCurrent: () => true });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ seq: 3, kind: 'error' });
    expect(posted[0]?.kind === 'error' && posted[0].message).toMatch(/clients/);
  });
});

describe('createInlineRunner (the no-Worker fallback)', () => {
  it('runs each step in its own task and drops a superseded request', async () => {
    const tasks: (() => void)[] = [];
    const got: LabMessage[] = [];
    const runner = createInlineRunner((m) => got.push(m), (fn) => tasks.push(fn));
    runner.post({ seq: 1, params: small, sweep: false });
    runner.post({ seq: 2, params: { ...small, clients: 40 }, sweep: false });
    // Drain the task queue as an event loop would, letting promise callbacks settle in between.
    for (let i = 0; i < 50 && tasks.length > 0; i++) {
      tasks.shift()!();
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(got.map((m) => `${m.seq}:${m.kind}`)).toEqual(['2:compare', '2:totals']);
    expect(got[0]?.kind === 'compare' && got[0].result.options.clients).toBe(40);
  });
});
