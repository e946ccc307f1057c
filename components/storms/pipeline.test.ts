import { describe, expect, it } from 'vitest';
import { simulateStorm } from '@/lib/sim';
import { DEFAULT_STORM_PARAMS, optionsFromParams, sweepKey } from './lab-params';
import { driveStorm, stormSteps, type StormMessage } from './pipeline';
import { createInlineStormRunner } from './runner';

const params = { ...DEFAULT_STORM_PARAMS, rate: 200, capacity: 280 };

describe('storm pipeline', () => {
  it('runs the model the controls describe, then the sweep when asked', () => {
    const steps = [...stormSteps({ seq: 3, params, sweep: true }, () => 0)];
    expect(steps.map((s) => s.kind)).toEqual(['run', 'sweep']);
    const run = steps[0] as Extract<StormMessage, { kind: 'run' }>;
    expect(run.seq).toBe(3);
    expect(run.result).toEqual(simulateStorm(optionsFromParams(params)));
    const sweep = steps[1] as Extract<StormMessage, { kind: 'sweep' }>;
    expect(sweep.key).toBe(sweepKey(params));
    expect(sweep.points.at(-1)!.amplification.none).toBeCloseTo(3, 2); // p = 1, 3 attempts
    expect([...stormSteps({ seq: 4, params, sweep: false })].map((s) => s.kind)).toEqual(['run']);
  });

  it('stops when a newer request arrives, and reports errors as messages', async () => {
    const posted: StormMessage[] = [];
    let current = 1;
    await driveStorm({ seq: 1, params, sweep: true }, { tick: async () => void (current = 2), post: (m) => posted.push(m), isCurrent: (s) => s === current });
    expect(posted.map((m) => m.kind)).toEqual(['run']);
    const errors: StormMessage[] = [];
    await driveStorm({ seq: 5, params: { ...params, attempts: 0 }, sweep: false }, { tick: async () => {}, post: (m) => errors.push(m), isCurrent: () => true });
    expect(errors).toEqual([{ seq: 5, kind: 'error', message: expect.stringMatching(/attempts must be an integer/) }]);
  });

  it('the main-thread runner answers only the newest request', async () => {
    const queue: (() => void)[] = [];
    const got: StormMessage[] = [];
    const runner = createInlineStormRunner((m) => got.push(m), (fn) => queue.push(fn));
    runner.post({ seq: 1, params, sweep: false });
    runner.post({ seq: 2, params: { ...params, seed: 2 }, sweep: false });
    while (queue.length > 0) {
      queue.shift()!();
      await Promise.resolve();
    }
    expect(got.map((m) => m.seq)).toEqual([2]);
    expect(runner.engine).toBe('main');
  });
});
