import { describe, expect, it } from 'vitest';
import { driveSteps, type StepDriver, type StepError } from './steps';

type Msg = { seq: number; kind: 'step'; n: number } | StepError;

/** Steps that record how many of them ran, so a test can tell "skipped" from "run but not posted". */
function* counted(seq: number, count: number, ran: { n: number }, failAt = -1): Generator<Msg, void, undefined> {
  for (let n = 0; n < count; n++) {
    ran.n = n + 1;
    if (n === failAt) throw new RangeError(`step ${n} is invalid`);
    yield { seq, kind: 'step', n };
  }
}

function recorder(isCurrent: (seq: number) => boolean = () => true, onTick: () => void = () => {}) {
  const posted: Msg[] = [];
  let ticks = 0;
  const driver: StepDriver<Msg> = {
    tick: async () => {
      ticks++;
      onTick();
    },
    post: (m) => posted.push(m),
    isCurrent,
  };
  return { driver, posted, ticks: () => ticks };
}

describe('driveSteps', () => {
  it('posts every step in order, yielding to the event loop after each', async () => {
    const ran = { n: 0 };
    const r = recorder();
    await driveSteps(1, counted(1, 3, ran), r.driver);
    expect(r.posted).toEqual([0, 1, 2].map((n) => ({ seq: 1, kind: 'step', n })));
    expect(r.ticks()).toBe(3);
  });

  it('does not even compute the steps after a newer request became current', async () => {
    const ran = { n: 0 };
    let current = 4;
    const r = recorder(
      (seq) => seq === current,
      () => (current = 5),
    );
    await driveSteps(4, counted(4, 3, ran), r.driver);
    expect(r.posted.map((m) => m.kind === 'step' && m.n)).toEqual([0]);
    expect(ran.n).toBe(1);
  });

  it('runs nothing for a request that is already stale', async () => {
    const ran = { n: 0 };
    const r = recorder(() => false);
    await driveSteps(2, counted(2, 3, ran), r.driver);
    expect(r.posted).toEqual([]);
    expect(ran.n).toBe(0);
  });

  it('turns a throwing step into one error message and stops', async () => {
    const ran = { n: 0 };
    const r = recorder();
    await expect(driveSteps(7, counted(7, 3, ran, 1), r.driver)).resolves.toBeUndefined();
    expect(r.posted).toEqual([
      { seq: 7, kind: 'step', n: 0 },
      { seq: 7, kind: 'error', message: 'step 1 is invalid' },
    ]);
  });

  it('words a thrown non-Error too', async () => {
    const r = recorder();
    const steps: Iterator<Msg, void, undefined> = {
      next: () => {
        throw 'no memory';
      },
    };
    await driveSteps(3, steps, r.driver);
    expect(r.posted).toEqual([{ seq: 3, kind: 'error', message: 'no memory' }]);
  });
});
