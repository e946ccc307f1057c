import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@/lib/contract';
import type { RequestRecord, SandboxEvent, SessionView, StatsSnapshot } from '@/lib/contract';
import { applyEvents, estimateSandboxNow, HISTORY_LIMITS, initialSandboxState, runProgress } from './sandbox-state';
import { SandboxStore } from './sandbox-store';

const stats = (total: number): StatsSnapshot => ({
  total_requests: total,
  successful_requests: total,
  failed_requests: 0,
  cache_hits: 0,
  circuit_breaker_trips: 0,
  breaker_opens: 0,
  success_rate: total ? 1 : 0,
  cache_hit_rate: 0,
  answered_rate: total ? 1 : 0,
  by_source: { api: total, cache: 0, local: 0, fallback: 0, error: 0 },
  latency: { p50: 0, p95: 0, p99: 0, mean: 0 },
  retries_per_request: { mean: 1, histogram: {} },
  amplification: 1,
});

const session = (now: number, total = 0, extra: Partial<SessionView> = {}): SessionView => ({
  id: 's1',
  generation: 1,
  baseUrlPath: '/api/sandbox/s1/v1',
  mode: 'sandbox',
  realAvailable: false,
  presetId: 'healthy',
  scenario: { primary: { rules: [] }, local: { rules: [] }, seed: 42 },
  policy: DEFAULT_POLICY,
  speed: 1,
  achievedSpeed: 1,
  paused: false,
  now,
  breaker: { kind: 'closed', consecutiveFailures: 0, window: [] },
  stats: stats(total),
  run: null,
  ...extra,
});

const record = (id: number, endedAt: number): RequestRecord => ({
  id,
  message: 'q',
  source: 'api',
  content: 'a',
  startedAt: endedAt - 10,
  endedAt,
  latencyMs: 10,
  attempts: 1,
  upstreamCalls: 1,
  trace: [],
});

const req = (id: number, endedAt: number, total = id): SandboxEvent => ({ type: 'request', request: record(id, endedAt), stats: stats(total) });

describe('applyEvents', () => {
  it('returns the same object for an empty batch', () => {
    const s = initialSandboxState();
    expect(applyEvents(s, [], 0)).toBe(s);
  });

  it('collects requests, keeps the newest stats and never counts a request twice', () => {
    let s = applyEvents(initialSandboxState(), [{ type: 'session', session: session(0) }], 0);
    s = applyEvents(s, [req(1, 100), req(3, 300), req(2, 200, 2)], 10);
    // The HTTP answer for request 3 arrives after its SSE event.
    s = applyEvents(s, [req(3, 300)], 20);
    expect(s.records.map((r) => r.id)).toEqual([1, 3, 2]);
    expect(s.stats?.total_requests).toBe(3);
    expect(s.clock).toEqual({ at: 300, wall: 10 });
  });

  it('follows breaker transitions and computes when an open breaker half-opens', () => {
    let s = applyEvents(initialSandboxState(), [{ type: 'session', session: session(0) }], 0);
    s = applyEvents(s, [{ type: 'breaker', transition: { from: 'closed', to: 'open', at: 5_000, reason: { code: 'failure-threshold', zh: '', en: '' } } }], 1);
    expect(s.breaker).toEqual({ kind: 'open', since: 5_000, halfOpenAt: 5_000 + DEFAULT_POLICY.breaker.openMs });
    expect(s.transitions).toHaveLength(1);
  });

  it('takes the breaker from a session view, including half-open time', () => {
    const s = applyEvents(initialSandboxState(), [{ type: 'session', session: session(9, 0, { breaker: { kind: 'open', openedAt: 1, halfOpenAt: 31 } }) }], 0);
    expect(s.breaker).toEqual({ kind: 'open', since: 1, halfOpenAt: 31 });
  });

  it('clears the history when the sandbox restarts (a reset starts the next generation)', () => {
    let s = applyEvents(initialSandboxState(), [{ type: 'session', session: session(0) }, req(1, 1_000), req(2, 2_000)], 0);
    expect(s.epoch).toBe(0);
    // The same generation with a lower clock (a late view) is not a restart…
    s = applyEvents(s, [{ type: 'session', session: session(3, 2) }], 40);
    expect(s.records).toHaveLength(2);
    s = applyEvents(s, [{ type: 'session', session: session(3, 0, { generation: 2 }) }], 50);
    expect(s.records).toEqual([]);
    expect(s.epoch).toBe(1);
    expect(s.stats?.total_requests).toBe(0);
    expect(s.clock.at).toBe(3);
  });

  it('keeps the history for an ordinary settings change', () => {
    let s = applyEvents(initialSandboxState(), [{ type: 'session', session: session(0) }, req(1, 1_000)], 0);
    s = applyEvents(s, [{ type: 'session', session: session(1_500, 1, { speed: 60 }) }], 5);
    expect(s.records).toHaveLength(1);
    expect(s.epoch).toBe(0);
    expect(s.session?.speed).toBe(60);
  });

  it('keeps at most the history limit, dropping the oldest', () => {
    const events: SandboxEvent[] = [];
    for (let i = 1; i <= HISTORY_LIMITS.records + 1_500; i++) events.push(req(i, i));
    const s = applyEvents(initialSandboxState(), events, 0);
    expect(s.records).toHaveLength(HISTORY_LIMITS.records);
    expect(s.records[0]!.id).toBe(1_501);
    expect(s.records[s.records.length - 1]!.id).toBe(HISTORY_LIMITS.records + 1_500);
  });

  it('never winds a run back when an older status arrives late', () => {
    const run = (completed: number, state: 'running' | 'done') => ({ id: 'run-1', seq: 1, kind: 'burst' as const, state, sent: 10, completed, total: 10 });
    let s = applyEvents(initialSandboxState(), [{ type: 'run', run: run(10, 'done') }], 0);
    // The HTTP answer to "start" (0 done, running) comes after the SSE events that finished the run.
    s = applyEvents(s, [{ type: 'run', run: run(0, 'running') }], 1);
    expect(s.run).toMatchObject({ completed: 10, state: 'done' });
    // A new run replaces it.
    s = applyEvents(s, [{ type: 'run', run: { ...run(0, 'running'), id: 'run-2', seq: 2 } }], 2);
    expect(s.run?.id).toBe('run-2');
    // …and the old run's late progress never overwrites the current one.
    s = applyEvents(s, [{ type: 'run', run: { ...run(10, 'done'), state: 'done' } }], 3);
    expect(s.run).toMatchObject({ id: 'run-2', state: 'running' });
  });

  it('estimates sandbox time at the speed the server achieved', () => {
    const s = applyEvents(initialSandboxState(), [{ type: 'session', session: session(1_000, 0, { speed: 60, achievedSpeed: 60 }) }], 100);
    expect(estimateSandboxNow(s, 200)).toBe(1_000 + 100 * 60);
    // Saturated: ×60 asked, ×18 achieved.
    const slow = applyEvents(initialSandboxState(), [{ type: 'session', session: session(1_000, 0, { speed: 60, achievedSpeed: 18 }) }], 100);
    expect(estimateSandboxNow(slow, 200)).toBe(1_000 + 100 * 18);
  });
});

describe('SandboxStore', () => {
  function fakeTimers() {
    let now = 0;
    const pending: { fn: () => void; due: number; id: number }[] = [];
    let nextId = 1;
    return {
      timers: {
        now: () => now,
        setTimeout: (fn: () => void, ms: number) => {
          const id = nextId++;
          pending.push({ fn, due: now + ms, id });
          return id;
        },
        clearTimeout: (id: unknown) => {
          const i = pending.findIndex((p) => p.id === id);
          if (i >= 0) pending.splice(i, 1);
        },
      },
      advance(ms: number) {
        now += ms;
        for (const p of pending.filter((p) => p.due <= now)) {
          pending.splice(pending.indexOf(p), 1);
          p.fn();
        }
      },
    };
  }

  it('batches queued events into one notification per flush', () => {
    const clock = fakeTimers();
    const store = new SandboxStore(clock.timers, 150);
    let notified = 0;
    store.subscribe(() => notified++);
    for (let i = 1; i <= 500; i++) store.enqueue(req(i, i));
    expect(store.getSnapshot().records).toHaveLength(0);
    clock.advance(149);
    expect(notified).toBe(0);
    clock.advance(1);
    expect(notified).toBe(1);
    expect(store.getSnapshot().records).toHaveLength(500);
  });

  it('keeps flushing during a continuous stream (throttle, not debounce)', () => {
    const clock = fakeTimers();
    const store = new SandboxStore(clock.timers, 150);
    let notified = 0;
    store.subscribe(() => notified++);
    for (let i = 1; i <= 20; i++) {
      store.enqueue(req(i, i));
      clock.advance(50);
    }
    expect(notified).toBeGreaterThanOrEqual(6);
    expect(store.getSnapshot().records.length).toBeGreaterThanOrEqual(18);
  });

  it('applies the answer to a user action at once, together with what was queued', () => {
    const clock = fakeTimers();
    const store = new SandboxStore(clock.timers, 150);
    store.enqueue(req(1, 1));
    store.applyNow(req(2, 2));
    expect(store.getSnapshot().records.map((r) => r.id)).toEqual([1, 2]);
  });

  it('stops notifying after unsubscribe', () => {
    const clock = fakeTimers();
    const store = new SandboxStore(clock.timers, 150);
    let notified = 0;
    const off = store.subscribe(() => notified++);
    off();
    store.applyNow(req(1, 1));
    expect(notified).toBe(0);
  });
});

describe('script status', () => {
  const status = (rev: number, state: 'playing' | 'done') => ({ id: 'lesson-demo' as const, rev, lang: 'zh' as const, state, next: 1, total: 1, atMs: 0, lengthMs: 0, last: null });
  it('keeps the newest: the HTTP answer to “start” (playing) never undoes the stream’s later “done”', () => {
    let s = applyEvents(initialSandboxState(), [{ type: 'session', session: session(0) }], 0);
    s = applyEvents(s, [{ type: 'script', script: status(5, 'done') }], 1);
    s = applyEvents(s, [{ type: 'session', session: session(1, 0, { script: status(4, 'playing') }) }], 2);
    expect(s.script?.state).toBe('done');
    s = applyEvents(s, [{ type: 'script', script: status(6, 'playing') }], 3);
    expect(s.script?.state).toBe('playing');
  });

  it('a new build of the sandbox forgets the old script; the run’s progress counts its own requests', () => {
    let s = applyEvents(initialSandboxState(), [{ type: 'session', session: session(0) }, { type: 'script', script: status(9, 'done') }], 0);
    s = applyEvents(s, [{ type: 'session', session: session(0, 0, { generation: 2 }) }], 1);
    expect(s.script).toBeNull();
    const run = { id: 'run-1', seq: 1, kind: 'burst' as const, state: 'running' as const, sent: 3, completed: 0, total: 3 };
    s = applyEvents(s, [{ type: 'run', run }, { type: 'request', request: { ...record(1, 5), runId: 'run-1' }, stats: stats(1) }, { type: 'request', request: { ...record(2, 6), runId: 'run-1' }, stats: stats(2) }], 2);
    expect(s.runSeen).toEqual({ id: 'run-1', completed: 2 });
    expect(runProgress(s.run, s.runSeen)).toMatchObject({ completed: 2, total: 3 });
    expect(runProgress(s.run, { id: 'run-1', completed: 9 })).toMatchObject({ completed: 3 });
    expect(runProgress(s.run, { id: 'other', completed: 9 })).toBe(s.run);
  });
});

