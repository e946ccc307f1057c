import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import type { RunStatus } from '@/lib/contract';
import { RUN_LIMITS } from '@/lib/contract';
import { RunController, type RunDeps } from './run-controller';

function deps(clock = new VirtualClock(), latencyMs = 0) {
  const sent: string[] = [];
  const statuses: RunStatus[] = [];
  const d: RunDeps = {
    clock,
    random: seededRandom(7),
    onStatus: (s) => statuses.push(s),
    chat: (message) => {
      sent.push(message);
      return new Promise<void>((resolve) => (latencyMs > 0 ? clock.setTimeout(resolve, latencyMs) : resolve()));
    },
  };
  return { d, sent, statuses, clock };
}

const settle = async (clock: VirtualClock, done: () => boolean) => {
  for (let i = 0; i < 10_000 && !done(); i++) {
    await new Promise((r) => setImmediate(r));
    if (clock.nextDue !== undefined) await clock.set(clock.nextDue);
  }
};

describe('RunController', () => {
  it('a burst sends exactly N requests, however many workers race for the last ones', async () => {
    const { d, sent, statuses, clock } = deps(new VirtualClock(), 5);
    const run = RunController.burst(d, 100);
    await settle(clock, () => !run.running);
    expect(sent).toHaveLength(100);
    expect(statuses.at(-1)).toMatchObject({ state: 'done', sent: 100, completed: 100, total: 100 });
  });

  it('a burst draws its messages from the question pool with the seed', async () => {
    const a = deps();
    const b = deps();
    const ra = RunController.burst(a.d, 20);
    const rb = RunController.burst(b.d, 20);
    await settle(a.clock, () => !ra.running);
    await settle(b.clock, () => !rb.running);
    expect(a.sent).toEqual(b.sent);
    expect(new Set(a.sent).size).toBeGreaterThan(1);
  });

  it('a steady load sends R requests per second of sandbox time until stopped', async () => {
    const { d, sent, statuses, clock } = deps();
    const run = RunController.steady(d, 5);
    await clock.advance(2_000);
    expect(sent.length).toBeGreaterThanOrEqual(10);
    expect(sent.length).toBeLessThanOrEqual(11);
    run.stop();
    await clock.advance(5_000);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(statuses.at(-1)).toMatchObject({ kind: 'steady', state: 'stopped', rps: 5 });
  });

  it('a steady load with a duration ends by itself, and sheds ticks when too many are in flight', async () => {
    const { d, sent, statuses, clock } = deps(new VirtualClock(), 60_000);
    RunController.steady(d, RUN_LIMITS.maxRps, 3_000);
    await clock.advance(3_100);
    expect(statuses.at(-1)).toMatchObject({ state: 'done' });
    // 50 rps for 3 s would be 150, but only maxInFlight can be waiting at once.
    expect(sent.length).toBe(RUN_LIMITS.maxInFlight);
  });

  it('after dispose it falls silent: a discarded run never reports late progress', async () => {
    const { d, statuses, clock } = deps(new VirtualClock(), 1_000);
    const run = RunController.burst({ ...d, reportEvery: 1 }, 40);
    await settle(clock, () => statuses.length > 0 && clock.pending > 0);
    run.dispose();
    const reported = statuses.length;
    expect(statuses.at(-1)).toMatchObject({ state: 'stopped' });
    await clock.runUntilIdle();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(statuses).toHaveLength(reported);
  });

  it('survives a chat that throws, synchronously or not, and a status listener that throws', async () => {
    const clock = new VirtualClock();
    let n = 0;
    const d: RunDeps = {
      clock,
      random: seededRandom(1),
      onStatus: (status) => {
        if (status.completed > 0) throw new Error('a listener bug');
      },
      chat: () => {
        n++;
        if (n % 2) throw new Error('sync');
        return Promise.reject(new Error('async'));
      },
    };
    const run = RunController.burst({ ...d, reportEvery: 1 }, 10);
    await settle(clock, () => n >= 10);
    expect(n).toBe(10); // the workers carry on and send every request
    expect(run.snapshot).toMatchObject({ sent: 10, completed: 10 });
  });

  it('later runs have larger seq numbers', () => {
    const a = RunController.burst(deps().d, 1).snapshot;
    const b = RunController.steady(deps().d, 1, 1).snapshot;
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(a.id).toBe(`run-${a.seq}`);
  });
});
