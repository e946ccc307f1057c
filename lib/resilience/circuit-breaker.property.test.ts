import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CircuitBreaker, type BreakerStateKind, type BreakerTransition } from './circuit-breaker';
import type { Disposable } from './events';
import { VirtualClock } from './virtual-clock';

type Cmd =
  | { t: 'ok' | 'fail' | 'ignored' | 'start' | 'read' | 'isolate' | 'reset' }
  | { t: 'advance'; ms: number }
  | { t: 'settle'; pick: number; ok: boolean }
  | { t: 'release'; pick: number }
  | { t: 'reconfigure'; changes: Partial<Options> };

const simple = (t: 'ok' | 'fail' | 'ignored' | 'start' | 'read' | 'isolate' | 'reset', weight: number) => ({
  arbitrary: fc.constant<Cmd>({ t }),
  weight,
});
// Weighted so runs regularly trip, reach half-open and fill every probe slot.
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  simple('fail', 5),
  simple('start', 5),
  simple('ok', 2),
  simple('read', 2),
  { arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3_000 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('settle' as const), pick: fc.nat(), ok: fc.boolean() }), weight: 3 },
  simple('ignored', 1),
  simple('isolate', 1),
  simple('reset', 1),
  { arbitrary: fc.record({ t: fc.constant('release' as const), pick: fc.nat() }), weight: 1 },
);

function options_fields() {
  return {
    mode: fc.constantFrom('consecutive' as const, 'failure-rate' as const),
    failureThreshold: fc.integer({ min: 1, max: 5 }),
    failureRateThreshold: fc.double({ min: 0.1, max: 1, noNaN: true }),
    windowSize: fc.integer({ min: 1, max: 8 }),
    minimumCalls: fc.integer({ min: 1, max: 8 }),
    successThreshold: fc.integer({ min: 1, max: 3 }),
    openMs: fc.integer({ min: 0, max: 2_000 }),
    halfOpenMaxProbes: fc.integer({ min: 1, max: 3 }),
  };
}
const options = fc.record(options_fields());

type Options = typeof options extends fc.Arbitrary<infer O> ? O : never;
/** Any subset of the options, new values drawn from the same ranges. */
const reconfigure: fc.Arbitrary<Cmd> = fc.record({ t: fc.constant('reconfigure' as const), changes: fc.record(options_fields(), { requiredKeys: [] }) });
const cmdWithReconfigure: fc.Arbitrary<Cmd> = fc.oneof({ arbitrary: cmd, weight: 8 }, { arbitrary: reconfigure, weight: 1 });

const KINDS: readonly BreakerStateKind[] = ['closed', 'open', 'half-open', 'isolated'];
const IGNORED = new Error('does not count');

/** Drive a breaker through `cmds`, checking its invariants after every step; returns what happened. */
async function drive(opts: Options, cmds: Cmd[]) {
  const clock = new VirtualClock();
  const breaker = new CircuitBreaker({ ...opts, clock, isFailure: (e) => e !== IGNORED });
  const log: BreakerTransition[] = [];
  let current: BreakerStateKind = 'closed';
  let reconfiguring = false;
  breaker.onTransition((t) => {
    log.push(t);
    current = t.to;
    // A 'reconfigured' transition happens inside reconfigure(), and only there.
    expect(t.reason.code === 'reconfigured').toBe(t.reason.code === 'reconfigured' && reconfiguring);
    expect(t.reason.zh.length > 0 && t.reason.en.length > 0).toBe(true);
  });
  const held: { settle: (ok: boolean) => void; done: Promise<unknown> }[] = [];
  const handles: Disposable[] = [];
  let callsWhileBlocked = 0;
  let maxInFlight = 0;
  let reconfigures = 0;
  // Probes admitted under an older, larger halfOpenMaxProbes keep running: they may exceed the new cap.
  let overCap = 0;

  // Every fn records the breaker's state at the moment it is actually called.
  const run = (body: () => Promise<unknown>) =>
    breaker
      .execute(() => {
        if (current === 'open' || current === 'isolated') callsWhileBlocked++;
        return body();
      })
      .catch((e: unknown) => e);

  const check = () => {
    const s = breaker.state;
    const o = breaker.options;
    expect(KINDS).toContain(s.kind);
    expect(s.kind).toBe(current);
    if (s.kind === 'closed') expect(s.window.length).toBeLessThanOrEqual(o.windowSize);
    if (s.kind === 'half-open') {
      expect(s.inFlight).toBeGreaterThanOrEqual(0);
      expect(s.inFlight).toBeLessThanOrEqual(Math.max(o.halfOpenMaxProbes, overCap));
      expect(s.successes).toBeLessThan(o.successThreshold);
    }
    if (s.kind === 'open') expect(s.halfOpenAt).toBe(s.openedAt + o.openMs);
  };

  // Peek at the private counters after every step without triggering the lazy transition.
  const peek = breaker as unknown as { kind: BreakerStateKind; inFlight: number };
  for (const c of cmds) {
    switch (c.t) {
      case 'ok':
        await run(() => Promise.resolve(1));
        break;
      case 'fail':
        await run(() => Promise.reject(new Error('x')));
        break;
      case 'ignored':
        await run(() => Promise.reject(IGNORED));
        break;
      case 'start': {
        let settle!: (ok: boolean) => void;
        const body = new Promise((res, rej) => (settle = (ok) => (ok ? res(1) : rej(new Error('late')))));
        body.catch(() => undefined); // refused calls never consume `body`
        const done = run(() => body);
        held.push({ settle, done });
        break;
      }
      case 'settle': {
        if (held.length === 0) break;
        const [h] = held.splice(c.pick % held.length, 1);
        h!.settle(c.ok);
        await h!.done;
        break;
      }
      case 'advance':
        await clock.advance(c.ms);
        break;
      case 'isolate':
        handles.push(breaker.isolate());
        break;
      case 'release':
        if (handles.length > 0) handles.splice(c.pick % handles.length, 1)[0]!.dispose();
        break;
      case 'reset':
        breaker.reset();
        break;
      case 'read':
        check();
        break;
      case 'reconfigure':
        reconfiguring = true;
        breaker.reconfigure(c.changes);
        reconfiguring = false;
        reconfigures++;
        overCap = peek.kind === 'half-open' ? peek.inFlight : 0;
        check(); // no silent change: the state reported is the one the events led to
        break;
    }
    overCap = peek.kind === 'half-open' ? Math.min(overCap, peek.inFlight) : 0;
    if (peek.kind === 'half-open') expect(peek.inFlight).toBeLessThanOrEqual(Math.max(breaker.options.halfOpenMaxProbes, overCap));
    maxInFlight = Math.max(maxInFlight, peek.kind === 'half-open' ? peek.inFlight : 0);
  }
  check();

  expect(callsWhileBlocked).toBe(0);
  log.forEach((t, i) => {
    expect(t.from).toBe(i === 0 ? 'closed' : log[i - 1]!.to);
    expect(t.to).not.toBe(t.from);
    if (i > 0) expect(t.at).toBeGreaterThanOrEqual(log[i - 1]!.at);
    if (t.from === 'closed') expect(t.to).not.toBe('half-open');
    if (t.from === 'open') expect(t.to === 'half-open' || t.reason.code === 'reset' || t.reason.code === 'isolated').toBe(true);
    if (t.to === 'open') expect(['closed', 'half-open']).toContain(t.from);
    if (t.from === 'isolated') expect(t.reason.code).toBe('reset');
  });
  expect(log.length === 0 ? 'closed' : log.at(-1)!.to).toBe(breaker.state.kind);
  return { saturated: maxInFlight === opts.halfOpenMaxProbes, log, reconfigures };
}

describe('CircuitBreaker state machine (property)', () => {
  it('keeps its invariants under random traffic, time and concurrent probes', async () => {
    let saturated = 0;
    await fc.assert(
      fc.asyncProperty(options, fc.array(cmd, { minLength: 20, maxLength: 100, size: 'max' }), async (opts, cmds) => {
        if ((await drive(opts, cmds)).saturated) saturated++;
      }),
      { numRuns: 300, seed: 19 },
    );
    // Guard against a vacuous run: the generator must actually fill every probe slot sometimes.
    expect(saturated).toBeGreaterThan(20);
  });

  it('stays consistent when reconfigured mid-run: events chain, the last one names the state', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(options, fc.array(cmdWithReconfigure, { minLength: 20, maxLength: 120, size: 'max' }), async (opts, cmds) => {
        const { log } = await drive(opts, cmds);
        for (const t of log) if (t.reason.code === 'reconfigured') seen.add(`${t.from}→${t.to}`);
      }),
      { numRuns: 300, seed: 23 },
    );
    // Not vacuous: every kind of reconfigure-driven transition happened.
    expect([...seen].sort()).toEqual(['closed→open', 'half-open→closed', 'open→half-open']);
  });

  it('consecutive mode opens exactly when the run of failures reaches the threshold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.array(fc.boolean(), { maxLength: 40 }), async (threshold, results) => {
        const breaker = new CircuitBreaker({ failureThreshold: threshold, clock: new VirtualClock() });
        let run = 0;
        let expectedOpen = false;
        for (const ok of results) {
          if (expectedOpen) break;
          await breaker.execute(() => (ok ? Promise.resolve(1) : Promise.reject(new Error('x')))).catch(() => undefined);
          run = ok ? 0 : run + 1;
          expectedOpen = run >= threshold;
          expect(breaker.state.kind).toBe(expectedOpen ? 'open' : 'closed');
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
