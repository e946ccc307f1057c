import { describe, it, expect } from 'vitest';
import { ScaledClock } from './scaled-clock';
import { VirtualClock } from './virtual-clock';

describe('ScaledClock', () => {
  it('starts at 0 and runs speed times faster than its base clock', async () => {
    const base = new VirtualClock(5_000);
    const clock = new ScaledClock(10, base);
    expect(clock.now()).toBe(0);
    expect(clock.rate).toBe(10);
    await base.advance(100);
    expect(clock.now()).toBe(1000);
  });

  it('schedules sandbox delays as real delays divided by the speed', async () => {
    const base = new VirtualClock();
    const clock = new ScaledClock(60, base);
    let firedAt: number | undefined;
    clock.setTimeout(() => (firedAt = clock.now()), 60_000); // a 60 s breaker timeout plays in 1 s
    expect(base.nextDue).toBe(1000);
    await base.advance(999);
    expect(firedAt).toBeUndefined();
    await base.advance(1);
    expect(firedAt).toBe(60_000);
  });

  it('clamps negative delays and cancels through the base clock', async () => {
    const base = new VirtualClock();
    const clock = new ScaledClock(2, base);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('neg'), -10);
    const h = clock.setTimeout(() => fired.push('x'), 10);
    clock.clearTimeout(h);
    await base.runUntilIdle();
    expect(fired).toEqual(['neg']);
  });

  it('changing speed never makes time jump', async () => {
    const base = new VirtualClock();
    const clock = new ScaledClock(1, base);
    await base.advance(100);
    expect(clock.now()).toBe(100);
    clock.setSpeed(10);
    expect(clock.now()).toBe(100);
    await base.advance(10);
    expect(clock.now()).toBe(200);
    clock.setSpeed(0.5);
    expect(clock.now()).toBe(200);
    await base.advance(10);
    expect(clock.now()).toBe(205);
    expect(clock.rate).toBe(0.5);
  });

  it('re-times pending timers when the speed changes: ×60 mid-wait shortens the wait', async () => {
    const base = new VirtualClock();
    const clock = new ScaledClock(1, base);
    let firedAt: number | undefined;
    clock.setTimeout(() => (firedAt = clock.now()), 30_000);
    await base.advance(10_000); // 10 s of a 30 s wait in real time
    clock.setSpeed(10);
    await base.advance(1_999);
    expect(firedAt).toBeUndefined();
    await base.advance(1); // the remaining 20 s take 2 s at ×10
    expect(firedAt).toBe(30_000);
    expect(base.pending).toBe(0);
  });

  it('rejects a speed that is not positive', () => {
    const clock = new ScaledClock(1, new VirtualClock());
    expect(() => clock.setSpeed(0)).toThrow(RangeError);
    expect(() => clock.setSpeed(-1)).toThrow(RangeError);
    expect(() => clock.setSpeed(NaN)).toThrow(RangeError);
  });

  it('defaults to real time on the system clock', () => {
    const clock = new ScaledClock();
    expect(clock.rate).toBe(1);
    expect(clock.now()).toBeGreaterThanOrEqual(0);
  });
});
