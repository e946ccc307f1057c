import { describe, it, expect, vi } from 'vitest';
import {
  BrokenCircuitError,
  CircuitBreaker,
  IsolatedCircuitError,
  isBrokenCircuitError,
  lessonFullBreaker,
  lessonSimplifiedBreaker,
  type BreakerTransition,
} from './circuit-breaker';
import { VirtualClock } from './virtual-clock';

const ok = () => Promise.resolve('ok');
const boom = () => Promise.reject(new Error('boom'));

/** Run `n` failing calls and swallow their errors. */
async function fail(b: CircuitBreaker, n = 1, fn: () => Promise<unknown> = boom) {
  for (let i = 0; i < n; i++) await b.execute(fn).catch(() => undefined);
}

/** A call we can settle by hand, to hold probes in flight. */
function deferred<T = string>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(opts: ConstructorParameters<typeof CircuitBreaker>[0] = {}) {
  const clock = new VirtualClock(1_000);
  const breaker = new CircuitBreaker({ clock, ...opts });
  const log: BreakerTransition[] = [];
  breaker.onTransition((t) => log.push(t));
  return { clock, breaker, log };
}

describe('CircuitBreaker — consecutive mode', () => {
  it('stays closed below the threshold and a success resets the count', async () => {
    const { breaker } = setup({ failureThreshold: 3 });
    await fail(breaker, 2);
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 2, window: [false, false] });
    await breaker.execute(ok);
    await fail(breaker, 2);
    expect(breaker.state.kind).toBe('closed');
    expect(breaker.state).toMatchObject({ consecutiveFailures: 2, window: [false, false, true, false, false] });
  });

  it('opens after failureThreshold failures in a row and stamps openedAt / halfOpenAt', async () => {
    const { breaker, log, clock } = setup({ failureThreshold: 3, openMs: 30_000 });
    await clock.advance(500);
    await fail(breaker, 3);
    expect(breaker.state).toEqual({ kind: 'open', openedAt: 1_500, halfOpenAt: 31_500 });
    expect(log).toEqual([
      {
        from: 'closed',
        to: 'open',
        at: 1_500,
        reason: { code: 'failure-threshold', zh: '连续失败 3 次 ≥ 阈值 3', en: '3 consecutive failures ≥ threshold 3' },
      },
    ]);
  });

  it('rejects without calling fn while open, with retryAt and an onReject event', async () => {
    const { breaker, clock } = setup({ failureThreshold: 1, openMs: 10_000 });
    const rejects: unknown[] = [];
    breaker.onReject((r) => rejects.push(r));
    await fail(breaker);
    await clock.advance(9_999);
    const fn = vi.fn(ok);
    const err = await breaker.execute(fn).catch((e: unknown) => e);
    expect(fn).not.toHaveBeenCalled();
    expect(err).toBeInstanceOf(BrokenCircuitError);
    expect(isBrokenCircuitError(err)).toBe(true);
    expect((err as BrokenCircuitError).isBrokenCircuit).toBe(true);
    expect((err as BrokenCircuitError).name).toBe('BrokenCircuitError');
    expect((err as BrokenCircuitError).retryAt).toBe(11_000);
    expect(rejects).toEqual([{ at: 10_999, state: 'open' }]);
  });

  it('goes half-open lazily on a state read once openMs has elapsed, stamped at halfOpenAt', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1, openMs: 10_000 });
    await fail(breaker);
    await clock.advance(9_999);
    expect(breaker.state.kind).toBe('open');
    await clock.advance(5_000); // no traffic at all
    expect(log).toHaveLength(1); // nothing happens until someone looks
    expect(breaker.state).toEqual({ kind: 'half-open', since: 11_000, inFlight: 0, successes: 0 });
    expect(log[1]).toMatchObject({ from: 'open', to: 'half-open', at: 11_000, reason: { code: 'timeout-elapsed' } });
    expect(JSON.parse(JSON.stringify(breaker))).toEqual({ kind: 'half-open', since: 11_000, inFlight: 0, successes: 0 });
  });

  it('goes half-open on execute and closes after one success by default', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1, openMs: 10_000 });
    await fail(breaker);
    await clock.advance(10_000);
    await expect(breaker.execute(ok)).resolves.toBe('ok');
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 0, window: [] });
    expect(log.map((t) => `${t.from}>${t.to}:${t.reason.code}`)).toEqual([
      'closed>open:failure-threshold',
      'open>half-open:timeout-elapsed',
      'half-open>closed:probe-succeeded',
    ]);
  });

  it('needs successThreshold probe successes to close', async () => {
    const { breaker, clock } = setup(lessonFullBreaker({ failureThreshold: 2 }));
    await fail(breaker, 2);
    await clock.advance(60_000);
    await breaker.execute(ok);
    expect(breaker.state).toEqual({ kind: 'half-open', since: 61_000, inFlight: 0, successes: 1 });
    await breaker.execute(ok);
    expect(breaker.state.kind).toBe('closed');
  });

  it('a failed probe reopens for another openMs', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1, openMs: 10_000 });
    await fail(breaker);
    await clock.advance(12_000);
    await expect(breaker.execute(boom)).rejects.toThrow('boom');
    expect(breaker.state).toEqual({ kind: 'open', openedAt: 13_000, halfOpenAt: 23_000 });
    expect(log.at(-1)).toMatchObject({ from: 'half-open', to: 'open', at: 13_000, reason: { code: 'probe-failed' } });
  });

  it('admits at most halfOpenMaxProbes concurrent probes and refuses the rest without calling fn', async () => {
    const { breaker, clock } = setup({ failureThreshold: 1, openMs: 1_000, halfOpenMaxProbes: 2, successThreshold: 3 });
    await fail(breaker);
    await clock.advance(1_000);
    const d1 = deferred();
    const d2 = deferred();
    const p1 = breaker.execute(() => d1.promise);
    const p2 = breaker.execute(() => d2.promise);
    const third = vi.fn(ok);
    const err = await breaker.execute(third).catch((e: unknown) => e);
    expect(third).not.toHaveBeenCalled();
    expect(isBrokenCircuitError(err)).toBe(true);
    expect((err as BrokenCircuitError).retryAt).toBeUndefined();
    expect(breaker.state).toMatchObject({ kind: 'half-open', inFlight: 2 });
    d1.resolve('a');
    await p1;
    expect(breaker.state).toMatchObject({ kind: 'half-open', inFlight: 1, successes: 1 });
    await breaker.execute(ok); // a free slot again
    d2.resolve('b');
    await p2;
    expect(breaker.state.kind).toBe('closed');
  });

  it('ignores results of calls that started while closed but land after the circuit opened', async () => {
    const { breaker, clock } = setup({ failureThreshold: 2, openMs: 1_000 });
    const slow = deferred();
    const pSlow = breaker.execute(() => slow.promise);
    await fail(breaker, 2);
    await clock.advance(1_000);
    expect(breaker.state.kind).toBe('half-open');
    slow.reject(new Error('late'));
    await expect(pSlow).rejects.toThrow('late');
    expect(breaker.state).toMatchObject({ kind: 'half-open', inFlight: 0, successes: 0 });
  });

  it('ignores a probe result that lands after reset()', async () => {
    const { breaker, clock } = setup({ failureThreshold: 1, openMs: 1_000 });
    await fail(breaker);
    await clock.advance(1_000);
    const d = deferred();
    const p = breaker.execute(() => d.promise);
    breaker.reset();
    d.reject(new Error('late probe'));
    await expect(p).rejects.toThrow('late probe');
    expect(breaker.state.kind).toBe('closed');
  });

  it('turns a synchronous throw into a rejection and counts it', async () => {
    const { breaker } = setup({ failureThreshold: 1 });
    const p = breaker.execute(() => {
      throw new Error('sync');
    });
    await expect(p).rejects.toThrow('sync');
    expect(breaker.state.kind).toBe('open');
  });
});

describe('CircuitBreaker — failure-rate mode', () => {
  it('waits for minimumCalls, then opens when the window failure ratio reaches the threshold', async () => {
    const { breaker, log } = setup({ mode: 'failure-rate', windowSize: 10, minimumCalls: 4, failureRateThreshold: 0.5 });
    await fail(breaker, 3);
    expect(breaker.state.kind).toBe('closed'); // 3/3 failed but fewer than 4 calls
    await breaker.execute(ok);
    expect(breaker.state.kind).toBe('closed'); // decisions happen on failures
    await fail(breaker); // 4/5 = 80%
    expect(breaker.state.kind).toBe('open');
    expect(log[0]!.reason).toEqual({ code: 'failure-rate', zh: '最近 5 次调用失败 4 次（80%）≥ 50%', en: '4/5 recent calls failed (80%) ≥ 50%' });
  });

  it('slides: old failures fall out of the window', async () => {
    const { breaker } = setup({ mode: 'failure-rate', windowSize: 4, failureRateThreshold: 0.75 });
    expect(breaker.options.minimumCalls).toBe(4); // default 10 clamped to windowSize
    await fail(breaker, 2);
    for (let i = 0; i < 3; i++) await breaker.execute(ok);
    expect(breaker.state).toMatchObject({ window: [false, true, true, true] });
    await fail(breaker, 2); // window [T,T,F,F] = 50% < 75%
    expect(breaker.state).toMatchObject({ kind: 'closed', window: [true, true, false, false] });
    await fail(breaker); // [T,F,F,F] = 75%
    expect(breaker.state.kind).toBe('open');
  });

  it('does not open on many scattered failures below the rate (unlike consecutive counting)', async () => {
    const { breaker } = setup({ mode: 'failure-rate', windowSize: 10, failureRateThreshold: 0.5 });
    for (let i = 0; i < 50; i++) {
      await fail(breaker);
      await breaker.execute(ok);
      await breaker.execute(ok);
    }
    expect(breaker.state.kind).toBe('closed');
  });
});

describe('CircuitBreaker — isFailure, isolate, reset', () => {
  it('rethrows errors that do not count without recording them', async () => {
    const ignored = new Error('400 bad request');
    const { breaker, clock } = setup({ failureThreshold: 1, openMs: 1_000, isFailure: (e) => e !== ignored });
    await expect(breaker.execute(() => Promise.reject(ignored))).rejects.toBe(ignored);
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 0, window: [] });
    await fail(breaker);
    await clock.advance(1_000);
    await expect(breaker.execute(() => Promise.reject(ignored))).rejects.toBe(ignored);
    expect(breaker.state).toMatchObject({ kind: 'half-open', inFlight: 0, successes: 0 }); // slot released, not reopened
  });

  it('isolate() holds the circuit open until every handle is disposed', async () => {
    const { breaker, log } = setup();
    const a = breaker.isolate();
    const b = breaker.isolate();
    const fn = vi.fn(ok);
    const err = await breaker.execute(fn).catch((e: unknown) => e);
    expect(fn).not.toHaveBeenCalled();
    expect(err).toBeInstanceOf(IsolatedCircuitError);
    expect((err as Error).name).toBe('IsolatedCircuitError');
    expect(isBrokenCircuitError(err)).toBe(true);
    expect(breaker.state).toEqual({ kind: 'isolated', since: 1_000 });
    a.dispose();
    a.dispose(); // idempotent
    expect(breaker.state.kind).toBe('isolated');
    b.dispose();
    expect(breaker.state.kind).toBe('closed');
    expect(log.map((t) => t.reason.code)).toEqual(['isolated', 'reset']);
  });

  it('reset() clears counts, cancels isolation, and old handles become no-ops', async () => {
    const { breaker, log } = setup({ failureThreshold: 3 });
    await fail(breaker, 2);
    breaker.reset(); // already closed: counts cleared, no event
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 0, window: [] });
    expect(log).toEqual([]);
    const h = breaker.isolate();
    breaker.reset();
    expect(breaker.state.kind).toBe('closed');
    const h2 = breaker.isolate();
    h.dispose(); // stale handle must not release the new isolation
    expect(breaker.state.kind).toBe('isolated');
    h2.dispose();
    expect(log.map((t) => `${t.from}>${t.to}:${t.reason.code}`)).toEqual([
      'closed>isolated:isolated',
      'isolated>closed:reset',
      'closed>isolated:isolated',
      'isolated>closed:reset',
    ]);
  });

  it('settles a due half-open before reset so the transition chain stays intact', async () => {
    const { breaker, clock, log } = setup({ failureThreshold: 1, openMs: 100 });
    await fail(breaker);
    await clock.advance(100);
    breaker.reset();
    expect(log.map((t) => `${t.from}>${t.to}`)).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
  });

  it('runs the call as closed when a listener resets the breaker during the lazy half-open', async () => {
    const { breaker, clock } = setup({ failureThreshold: 1, openMs: 100 });
    breaker.onTransition((t) => {
      if (t.to === 'half-open') breaker.reset();
    });
    await fail(breaker);
    await clock.advance(100);
    const fn = vi.fn(ok);
    await expect(breaker.execute(fn)).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledOnce();
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 0, window: [true] });
  });

  it('emits nothing to disposed listeners', async () => {
    const { breaker } = setup({ failureThreshold: 1 });
    const seen: unknown[] = [];
    breaker.onTransition((t) => seen.push(t)).dispose();
    await fail(breaker);
    expect(seen).toEqual([]);
  });
});

describe('options and lesson presets', () => {
  it('has the documented defaults', () => {
    expect(new CircuitBreaker().options).toEqual({
      mode: 'consecutive',
      failureThreshold: 5,
      failureRateThreshold: 0.5,
      windowSize: 10,
      minimumCalls: 10,
      successThreshold: 1,
      openMs: 60_000,
      halfOpenMaxProbes: 1,
    });
  });

  it.each([
    [{ failureThreshold: 0 }],
    [{ windowSize: 1.5 }],
    [{ successThreshold: -1 }],
    [{ halfOpenMaxProbes: 0 }],
    [{ failureRateThreshold: 0 }],
    [{ failureRateThreshold: 1.1 }],
    [{ openMs: -1 }],
    [{ openMs: Number.NaN }],
  ])('rejects invalid options %j', (o) => {
    expect(() => new CircuitBreaker(o)).toThrow(RangeError);
  });

  it('maps the lesson breakers to options, overrides winning', () => {
    expect(lessonFullBreaker()).toMatchObject({ failureThreshold: 5, successThreshold: 2, openMs: 60_000, windowSize: 10 });
    expect(lessonSimplifiedBreaker({ failureThreshold: 3, openMs: 30_000 })).toMatchObject({
      failureThreshold: 3,
      successThreshold: 1,
      openMs: 30_000,
    });
  });

  it('the simplified breaker waits the full timeout even across days (the lesson reads only .seconds)', async () => {
    const { breaker, clock } = setup(lessonSimplifiedBreaker({ failureThreshold: 1, openMs: 30_000 }));
    await fail(breaker);
    await clock.advance(86_400_000 + 10_000); // 1 day + 10 s: Python's .seconds would read 10 and stay open
    expect(breaker.state.kind).toBe('half-open');
  });
});
