import { describe, it, expect, vi } from 'vitest';
import { CircuitBreaker, type BreakerTransition, type CircuitBreakerOptions } from './circuit-breaker';
import { VirtualClock } from './virtual-clock';

const ok = () => Promise.resolve('ok');
const boom = () => Promise.reject(new Error('boom'));
const run = (b: CircuitBreaker, fn: () => Promise<unknown>) => b.execute(fn).catch(() => undefined);

function setup(opts: CircuitBreakerOptions = {}) {
  const clock = new VirtualClock(1_000);
  const breaker = new CircuitBreaker({ clock, ...opts });
  const log: BreakerTransition[] = [];
  breaker.onTransition((t) => log.push(t));
  return { clock, breaker, log };
}

function deferred() {
  let resolve!: (v: string) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CircuitBreaker.reconfigure — closed', () => {
  it('stays closed and keeps its counts; options reflect the change; untouched options keep what was given', async () => {
    const { breaker, log } = setup({ failureThreshold: 5, openMs: 7_000 });
    await run(breaker, ok);
    await run(breaker, boom);
    await run(breaker, boom);
    breaker.reconfigure({ failureThreshold: 4 });
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 2, window: [true, false, false] });
    expect(breaker.options).toMatchObject({ failureThreshold: 4, openMs: 7_000 });
    expect(log).toEqual([]);
    await run(breaker, boom);
    await run(breaker, boom); // 4 in a row: the new threshold
    expect(breaker.state.kind).toBe('open');
    expect(log[0]!.reason.code).toBe('failure-threshold');
  });

  it('a smaller window keeps the newest results; a larger one keeps them all', async () => {
    const { breaker } = setup({ windowSize: 6 });
    for (const r of [false, true, false, true, true, false]) await run(breaker, r ? ok : boom);
    breaker.reconfigure({ windowSize: 3 });
    expect(breaker.state).toMatchObject({ window: [true, true, false], consecutiveFailures: 1 });
    breaker.reconfigure({ windowSize: 8 });
    await run(breaker, ok);
    expect(breaker.state).toMatchObject({ window: [true, true, false, true], consecutiveFailures: 0 });
  });

  it('opens at once, with reason "reconfigured", when the new threshold is already exceeded', async () => {
    const { breaker, log, clock } = setup({ failureThreshold: 5 });
    for (let i = 0; i < 3; i++) await run(breaker, boom);
    breaker.reconfigure({ failureThreshold: 2 });
    expect(breaker.state).toEqual({ kind: 'open', openedAt: clock.now(), halfOpenAt: clock.now() + 60_000 });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ from: 'closed', to: 'open', at: clock.now(), reason: { code: 'reconfigured' } });
    expect(log[0]!.reason.en).toBe('reconfigured: 3 consecutive failures ≥ threshold 2');
    expect(log[0]!.reason.zh).toBe('设置已更改：连续失败 3 次 ≥ 阈值 2');
  });

  it('switching to failure-rate mode judges the window it already has', async () => {
    const { breaker, log } = setup({ windowSize: 4, minimumCalls: 4 });
    for (const r of [false, true, false, true]) await run(breaker, r ? ok : boom);
    expect(breaker.state.kind).toBe('closed');
    breaker.reconfigure({ mode: 'failure-rate', failureRateThreshold: 0.5 });
    expect(breaker.state.kind).toBe('open');
    expect(log[0]!.reason).toMatchObject({ code: 'reconfigured', en: 'reconfigured: 2/4 recent calls failed (50%) ≥ 50%' });
  });

  it('lowering minimumCalls can make the window decide', async () => {
    const { breaker } = setup({ mode: 'failure-rate', windowSize: 10, minimumCalls: 10 });
    for (let i = 0; i < 3; i++) await run(breaker, boom);
    expect(breaker.state.kind).toBe('closed');
    breaker.reconfigure({ minimumCalls: 3 });
    expect(breaker.state.kind).toBe('open');
  });
});

describe('CircuitBreaker.reconfigure — open, half-open, isolated', () => {
  it('open keeps openedAt and moves halfOpenAt to openedAt + the new openMs', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1, openMs: 10_000 });
    await run(breaker, boom);
    const openedAt = clock.now();
    await clock.advance(2_000);
    breaker.reconfigure({ openMs: 30_000 });
    expect(breaker.state).toEqual({ kind: 'open', openedAt, halfOpenAt: openedAt + 30_000 });
    await clock.advance(10_000); // the old openMs has passed: still open
    expect(breaker.state.kind).toBe('open');
    await clock.advance(18_000);
    expect(breaker.state).toMatchObject({ kind: 'half-open', since: openedAt + 30_000 });
    expect(log.map((t) => t.reason.code)).toEqual(['failure-threshold', 'timeout-elapsed']);
  });

  it('open goes half-open at once when the new openMs has already elapsed', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1, openMs: 60_000 });
    await run(breaker, boom);
    await clock.advance(5_000);
    breaker.reconfigure({ openMs: 3_000 });
    expect(breaker.state).toEqual({ kind: 'half-open', since: clock.now(), inFlight: 0, successes: 0 });
    expect(log[1]).toMatchObject({ from: 'open', to: 'half-open', at: clock.now(), reason: { code: 'reconfigured' } });
    expect(log[1]!.reason.en).toBe('reconfigured: open for 5000 ms ≥ new openMs 3000 ms');
    await run(breaker, ok);
    expect(breaker.state.kind).toBe('closed');
  });

  it('an already-due half-open is applied first with the old setting, then the new one', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1, openMs: 1_000 });
    await run(breaker, boom);
    await clock.advance(1_500); // lazily half-open already
    breaker.reconfigure({ openMs: 60_000 });
    expect(breaker.state.kind).toBe('half-open');
    expect(log.map((t) => [t.to, t.reason.code])).toEqual([['open', 'failure-threshold'], ['half-open', 'timeout-elapsed']]);
  });

  it('half-open keeps the probes in flight, and they still count', async () => {
    const { breaker, clock } = setup({ failureThreshold: 1, openMs: 100, successThreshold: 2, halfOpenMaxProbes: 2 });
    await run(breaker, boom);
    await clock.advance(100);
    const a = deferred();
    const b = deferred();
    const pa = breaker.execute(() => a.promise);
    const pb = breaker.execute(() => b.promise);
    breaker.reconfigure({ halfOpenMaxProbes: 1, successThreshold: 3 });
    expect(breaker.state).toMatchObject({ kind: 'half-open', inFlight: 2, successes: 0 });
    await expect(breaker.execute(ok)).rejects.toThrow(/probe slot/); // 2 in flight ≥ the new cap of 1
    a.resolve('a');
    await pa;
    b.resolve('b');
    await pb;
    expect(breaker.state).toMatchObject({ kind: 'half-open', inFlight: 0, successes: 2 });
    await breaker.execute(ok);
    expect(breaker.state.kind).toBe('closed');
  });

  it('half-open closes at once when its successes already reach a lower successThreshold', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1, openMs: 100, successThreshold: 3 });
    await run(breaker, boom);
    await clock.advance(100);
    await run(breaker, ok);
    expect(breaker.state).toMatchObject({ kind: 'half-open', successes: 1 });
    breaker.reconfigure({ successThreshold: 1 });
    expect(breaker.state.kind).toBe('closed');
    expect(log.at(-1)).toMatchObject({ from: 'half-open', to: 'closed', reason: { code: 'reconfigured', en: 'reconfigured: 1 probe successes ≥ new successThreshold 1' } });
  });

  it('isolated stays isolated', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1 });
    const h = breaker.isolate();
    await run(breaker, boom);
    breaker.reconfigure({ openMs: 0, failureThreshold: 1, successThreshold: 1 });
    await clock.advance(10);
    expect(breaker.state.kind).toBe('isolated');
    h.dispose();
    expect(breaker.state.kind).toBe('closed');
    expect(log.map((t) => t.to)).toEqual(['isolated', 'closed']);
  });
});

describe('CircuitBreaker.reconfigure — guards', () => {
  it('invalid options throw a RangeError and change nothing', async () => {
    const { breaker } = setup({ failureThreshold: 3 });
    await run(breaker, boom);
    const before = { options: breaker.options, state: breaker.state };
    for (const bad of [{ failureThreshold: 0 }, { windowSize: 2.5 }, { openMs: -1 }, { failureRateThreshold: 2 }, { mode: 'sometimes' as 'consecutive' }])
      expect(() => breaker.reconfigure(bad)).toThrow(RangeError);
    expect({ options: breaker.options, state: breaker.state }).toEqual(before);
  });

  it('the clock cannot be swapped (its timestamps live on it); passing the same one is fine', () => {
    const { breaker, clock } = setup();
    expect(() => breaker.reconfigure({ clock: new VirtualClock() } as CircuitBreakerOptions)).toThrow(/clock/);
    expect(() => breaker.reconfigure({ clock, openMs: 5 } as CircuitBreakerOptions)).not.toThrow();
    expect(breaker.options.openMs).toBe(5);
  });

  it('a new isFailure applies to the next results', async () => {
    const ignored = new Error('ignored');
    const { breaker } = setup({ failureThreshold: 1 });
    breaker.reconfigure({ isFailure: (e) => e !== ignored });
    await run(breaker, () => Promise.reject(ignored));
    expect(breaker.state.kind).toBe('closed');
    await run(breaker, boom);
    expect(breaker.state.kind).toBe('open');
  });

  it('an undefined option restores its default (minimumCalls follows a larger window again)', () => {
    const { breaker } = setup({ windowSize: 4 });
    expect(breaker.options.minimumCalls).toBe(4);
    breaker.reconfigure({ windowSize: 20 });
    expect(breaker.options.minimumCalls).toBe(10);
    breaker.reconfigure({ windowSize: 20, openMs: undefined });
    expect(breaker.options.openMs).toBe(60_000);
  });

  it('a transition listener that throws cannot break the state machine', async () => {
    const clock = new VirtualClock();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const breaker = new CircuitBreaker({ clock, failureThreshold: 1, openMs: 10 });
    breaker.onTransition(() => {
      throw new Error('dashboard bug');
    });
    const seen: string[] = [];
    breaker.onTransition((t) => seen.push(t.to));
    await expect(breaker.execute(boom)).rejects.toThrow('boom');
    expect(breaker.state.kind).toBe('open');
    await clock.advance(10);
    await breaker.execute(ok);
    expect(breaker.state.kind).toBe('closed');
    expect(seen).toEqual(['open', 'half-open', 'closed']);
    expect(logged).toHaveBeenCalledTimes(1); // three errors, one rate-limited log line
    logged.mockRestore();
  });
});
