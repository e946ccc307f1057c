import { describe, it, expect } from 'vitest';
import { sleep } from './clock';
import { VirtualClock } from './virtual-clock';

describe('VirtualClock', () => {
  it('starts where told and moves only when advanced', async () => {
    const clock = new VirtualClock(500);
    expect(clock.now()).toBe(500);
    await clock.advance(250);
    expect(clock.now()).toBe(750);
    await clock.set(1000);
    expect(clock.now()).toBe(1000);
  });

  it('fires timers in due order, then creation order, each at its due time', async () => {
    const clock = new VirtualClock();
    const log: Array<[string, number]> = [];
    const at = (name: string) => () => log.push([name, clock.now()]);
    clock.setTimeout(at('c@30'), 30);
    clock.setTimeout(at('a@10'), 10);
    clock.setTimeout(at('b@10'), 10);
    clock.setTimeout(at('z@0'), 0);
    expect(clock.pending).toBe(4);
    expect(clock.nextDue).toBe(0);
    await clock.advance(20);
    expect(log).toEqual([['z@0', 0], ['a@10', 10], ['b@10', 10]]);
    expect(clock.now()).toBe(20);
    expect(clock.nextDue).toBe(30);
    await clock.advance(10);
    expect(log.at(-1)).toEqual(['c@30', 30]);
    expect(clock.nextDue).toBeUndefined();
  });

  it('treats negative and NaN delays as 0', async () => {
    const clock = new VirtualClock(100);
    clock.setTimeout(() => undefined, -50);
    clock.setTimeout(() => undefined, NaN);
    expect(clock.nextDue).toBe(100);
  });

  it('clearTimeout cancels only that timer and ignores unknown handles', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const h = clock.setTimeout(() => log.push('a'), 10);
    clock.setTimeout(() => log.push('b'), 10);
    clock.clearTimeout(h);
    clock.clearTimeout(9999);
    await clock.advance(10);
    expect(log).toEqual(['b']);
  });

  it('refuses to go backwards', async () => {
    const clock = new VirtualClock(100);
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
    await expect(clock.advance(NaN)).rejects.toThrow(RangeError);
    await expect(clock.set(99)).rejects.toThrow(RangeError);
    expect(clock.now()).toBe(100);
  });

  it('lets awaiting code schedule its next timer inside one advance', async () => {
    const clock = new VirtualClock();
    const ticks: number[] = [];
    const loop = (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(clock, 100);
        ticks.push(clock.now());
      }
    })();
    await clock.advance(300);
    await loop;
    expect(ticks).toEqual([100, 200, 300]);
  });

  it('runUntilIdle drains chained timers and jumps to the last due time', async () => {
    const clock = new VirtualClock();
    const done = (async () => {
      await sleep(clock, 1000);
      await sleep(clock, 2000);
      return clock.now();
    })();
    await clock.runUntilIdle();
    expect(await done).toBe(3000);
    expect(clock.pending).toBe(0);
  });

  it('runUntilIdle stops a runaway loop after maxTimers', async () => {
    const clock = new VirtualClock();
    const again = () => void clock.setTimeout(again, 1);
    again();
    await expect(clock.runUntilIdle(50)).rejects.toThrow(/still busy after 50 timers/);
    expect(clock.now()).toBe(50);
  });
});
