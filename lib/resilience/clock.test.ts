import { describe, it, expect, vi, afterEach } from 'vitest';
import { AbortedError, sleep, systemClock, wallClockFrom } from './clock';
import { ScaledClock } from './scaled-clock';
import { VirtualClock } from './virtual-clock';

describe('sleep', () => {
  it('resolves after ms on the given clock, not before', async () => {
    const clock = new VirtualClock();
    let done = false;
    const p = sleep(clock, 1000).then(() => (done = true));
    await clock.advance(999);
    expect(done).toBe(false);
    await clock.advance(1);
    await p;
    expect(done).toBe(true);
    expect(clock.now()).toBe(1000);
  });

  it.each([0, -5, NaN])('resolves at once for %s ms without scheduling a timer', async (ms) => {
    const clock = new VirtualClock();
    const spy = vi.spyOn(clock, 'setTimeout');
    await sleep(clock, ms);
    expect(spy).not.toHaveBeenCalled();
    expect(clock.pending).toBe(0);
  });

  it('rejects at once with AbortedError when the signal is already aborted (even for 0 ms)', async () => {
    const clock = new VirtualClock();
    const c = new AbortController();
    c.abort('why');
    const error = await sleep(clock, 0, c.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).reason).toBe('why');
    expect(clock.pending).toBe(0);
  });

  it('an abort during the wait rejects and clears the timer', async () => {
    const clock = new VirtualClock();
    const c = new AbortController();
    const p = sleep(clock, 1000, c.signal).catch((e: unknown) => e);
    expect(clock.pending).toBe(1);
    c.abort();
    expect(await p).toBeInstanceOf(AbortedError);
    expect(clock.pending).toBe(0);
  });

  it('removes its abort listener once the timer fires', async () => {
    const clock = new VirtualClock();
    const c = new AbortController();
    const remove = vi.spyOn(c.signal, 'removeEventListener');
    const p = sleep(clock, 10, c.signal);
    await clock.advance(10);
    await p;
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

describe('AbortedError', () => {
  it('looks like a DOM AbortError and keeps the reason', () => {
    const e = new AbortedError({ code: 1 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('AbortError');
    expect(e.message).toBe('The operation was aborted.');
    expect(e.reason).toEqual({ code: 1 });
  });
});

describe('systemClock', () => {
  afterEach(() => vi.useRealTimers());

  it('reads Date.now and uses the global timers (clamping negative delays to 0)', () => {
    vi.useFakeTimers({ now: 123_456 });
    expect(systemClock.now()).toBe(123_456);
    const fired: string[] = [];
    systemClock.setTimeout(() => fired.push('neg'), -100);
    const h = systemClock.setTimeout(() => fired.push('cancelled'), 50);
    systemClock.setTimeout(() => fired.push('later'), 100);
    systemClock.clearTimeout(h);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(['neg']);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['neg', 'later']);
  });
});

describe('wallClockFrom', () => {
  it('is epoch at sandbox start + sandbox time, at any speed', async () => {
    const clock = new VirtualClock(0);
    const E = Date.UTC(2026, 0, 1);
    const wall = wallClockFrom(clock, E);
    expect(wall()).toBe(E);
    await clock.advance(1234);
    expect(wall()).toBe(E + 1234);
    const base = new VirtualClock(0);
    const fast = new ScaledClock(10, base);
    const fastWall = wallClockFrom(fast, E);
    await base.advance(100);
    expect(fastWall()).toBe(E + 1000);
  });

  it('rejects a non-finite epoch', () => {
    expect(() => wallClockFrom(new VirtualClock(), NaN)).toThrow(RangeError);
    expect(() => wallClockFrom(new VirtualClock(), Infinity)).toThrow(RangeError);
  });
});
