import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/resilience/random';
import { wallClockFrom } from '@/lib/resilience/clock';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { getPreset } from '@/lib/scenario/presets';
import { localAnswerFor } from '@/mocks/answers';
import { LESSON_QUESTIONS, LOCAL_MODEL } from '@/lib/scenario/models';
import type { FaultRule } from '@/lib/scenario/scenario';
import { createUpstream } from '@/mocks/upstream';
import { mockClient } from './clients';
import { drive } from './drive';
import { applyPolicyPatch, DEFAULT_POLICY, type PolicyPatch } from '@/lib/contract';
import type { TraceStep } from '@/lib/contract';
import { RobustAIService } from './robust-ai-service';

/** Sandbox wall time as a session has it: an epoch at start plus sandbox time (here 2026-12-02T00:00:00Z). */
const EPOCH = Date.UTC(2026, 11, 2);

function setup(rules: FaultRule[], patch: PolicyPatch = {}, localRules: FaultRule[] = []) {
  const clock = new VirtualClock();
  const wallClock = wallClockFrom(clock, EPOCH);
  const primary = createUpstream({ scenario: { rules }, clock, now: wallClock, random: seededRandom(1) });
  const local = createUpstream({ scenario: { rules: localRules }, clock, now: wallClock, random: seededRandom(2), answer: localAnswerFor, model: LOCAL_MODEL });
  const service = new RobustAIService({
    primary: mockClient(primary.fetch),
    local: mockClient(local.fetch),
    policy: applyPolicyPatch(DEFAULT_POLICY, patch),
    clock,
    wallClock,
    random: seededRandom(3),
  });
  const transitions: string[] = [];
  service.onTransition((t) => transitions.push(`${t.from}→${t.to}@${t.at}`));
  return { clock, primary, local, service, transitions, ask: (m: string) => drive(clock, service.chat(m)) };
}

const retries = (trace: TraceStep[]) => trace.filter((s) => s.type === 'retry');
const always = { kind: 'always' } as const;

describe('RobustAIService: the lesson demo', () => {
  it('reproduces the demo stats: Python, Python again (cache), Java, Go', async () => {
    const { ask, service } = setup([]);
    const [python, java, go] = LESSON_QUESTIONS;
    const sources = [];
    for (const q of [python, python, java, go]) sources.push((await ask(q)).source);
    expect(sources).toEqual(['api', 'cache', 'api', 'api']);
    const s = service.statsSnapshot;
    expect(s).toMatchObject({ total_requests: 4, successful_requests: 3, failed_requests: 0, cache_hits: 1, circuit_breaker_trips: 0 });
    expect(s.success_rate).toBeCloseTo(0.75);
    expect(s.cache_hit_rate).toBeCloseTo(0.25);
  });

  it('answers a lesson question with a real answer from the primary', async () => {
    const { ask } = setup([]);
    const r = await ask('什么是Python？');
    expect(r.content).toContain('Python');
    expect(r.attempts).toBe(1);
    expect(r.trace.map((s) => s.type)).toEqual(['cache', 'attempt', 'answer']);
  });
});

describe('RobustAIService: retries', () => {
  it('honours Retry-After: waits the 2 s the server asked for, not the backoff', async () => {
    const { ask, clock } = setup([{ fault: 'rate-limit', mode: { kind: 'first-n', n: 1 } }]);
    const r = await ask('什么是Java？');
    expect(r.source).toBe('api');
    const [retry] = retries(r.trace);
    expect(retry).toMatchObject({ delayMs: 2000, reason: 'retry-after' });
    expect(retry && 'formula' in retry ? retry.formula : '').toMatch(/retry-after/i);
    expect(clock.now()).toBe(2000);
  });

  it('the rate-limit-http-date preset waits the ~3 s its HTTP date asks for (sandbox time), then retries', async () => {
    const { ask, clock, primary } = setup(getPreset('rate-limit-http-date')!.scenario.primary.rules, { breaker: { enabled: false } });
    const r = await ask('什么是Java？');
    const waits = retries(r.trace);
    expect(waits).toHaveLength(2);
    for (const w of waits) {
      expect(w).toMatchObject({ reason: 'retry-after' });
      // The date is rounded up to a whole second: 3 s ≤ wait < 4 s.
      expect(w.type === 'retry' && w.delayMs).toBeGreaterThanOrEqual(3000);
      expect(w.type === 'retry' && w.delayMs).toBeLessThan(4000);
    }
    expect(r.trace.find((s) => s.type === 'give-up')).toMatchObject({ reason: 'max-retries' });
    expect(primary.calls).toBe(3);
    expect(clock.now()).toBeGreaterThanOrEqual(6000);
  });

  it('falls back at once when Retry-After is over 60 s, instead of waiting or hammering', async () => {
    const { ask, clock, primary } = setup([{ fault: 'rate-limit-long', mode: always }]);
    const r = await ask('什么是Java？');
    expect(r.source).toBe('local');
    expect(primary.calls).toBe(1);
    expect(r.trace.find((s) => s.type === 'give-up')).toMatchObject({ reason: 'retry-after-too-long' });
    expect(clock.now()).toBeLessThan(1000);
  });

  it('uses the backoff instead when Retry-After is switched off', async () => {
    const { ask } = setup([{ fault: 'rate-limit', mode: { kind: 'first-n', n: 1 } }], { retry: { honorRetryAfter: false } });
    const [retry] = retries((await ask('什么是Java？')).trace);
    expect(retry).toMatchObject({ reason: 'backoff' });
    // The lesson's 2^0 × (0.5 + U) lies in [0.5 s, 1.5 s).
    expect(retry?.type === 'retry' && retry.delayMs).toBeGreaterThanOrEqual(500);
    expect(retry?.type === 'retry' && retry.delayMs).toBeLessThan(1500);
  });

  it('redacts the key an upstream 401 quotes before it reaches the trace', async () => {
    const { ask } = setup([{ fault: 'auth-401', mode: always }]);
    const attempt = (await ask('什么是Go？')).trace.find((s) => s.type === 'attempt' && !s.ok);
    const message = attempt?.type === 'attempt' ? (attempt.error?.message ?? '') : '';
    expect(message).toContain('Incorrect API key provided: sk-***');
    expect(message).not.toContain('sk-sandb');
  });

  it.each([
    ['auth-401', 'auth'],
    ['quota', 'quota'],
  ] as const)('does not retry %s: one call, then the local model answers', async (fault, kind) => {
    const { ask, primary } = setup([{ fault, mode: always }]);
    const r = await ask('什么是Go？');
    expect(primary.calls).toBe(1);
    expect(r.attempts).toBe(1);
    expect(r.source).toBe('local');
    const attempt = r.trace.find((s) => s.type === 'attempt' && s.layer === 'primary');
    expect(attempt?.type === 'attempt' && attempt.error?.kind).toBe(kind);
    expect(r.trace.find((s) => s.type === 'give-up')).toMatchObject({ reason: 'not-retryable' });
  });

  it('retries 503 with the lesson jitter and gives up after max retries', async () => {
    const { ask, primary } = setup([{ fault: 'unavailable-503', mode: always }]);
    const r = await ask('什么是Go？');
    expect(primary.calls).toBe(3);
    const delays = retries(r.trace).map((s) => (s.type === 'retry' ? s.delayMs : 0));
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(500); // 1 s × [0.5, 1.5)
    expect(delays[1]).toBeGreaterThanOrEqual(1000); // 2 s × [0.5, 1.5)
    expect(r.trace.find((s) => s.type === 'give-up')).toMatchObject({ reason: 'max-retries' });
  });

  it('times out a silent upstream on the sandbox clock and says so', async () => {
    const { ask, clock } = setup([{ fault: 'timeout', mode: { kind: 'first-n', n: 1 } }], { retry: { attemptTimeoutMs: 5000 } });
    const r = await ask('什么是Go？');
    expect(r.source).toBe('api');
    const first = r.trace.find((s) => s.type === 'attempt');
    expect(first?.type === 'attempt' && first.error?.kind).toBe('timeout');
    expect(clock.now()).toBeGreaterThanOrEqual(5000);
  });

  it.each(['stream-cut', 'stream-no-done'] as const)('treats %s as a failed attempt, never as a clean answer', async (fault) => {
    const { ask } = setup([{ fault, mode: { kind: 'first-n', n: 1 } }]);
    const r = await ask('什么是Python？');
    const first = r.trace.find((s) => s.type === 'attempt');
    expect(first?.type === 'attempt' && first.ok).toBe(false);
    expect(r.source).toBe('api');
    expect(r.attempts).toBe(2);
  });
});

describe('RobustAIService: breaker and fallbacks', () => {
  it('opens after its threshold, answers without calling the upstream, half-opens after the timeout, then closes', async () => {
    const { ask, primary, service, clock, transitions } = setup([{ fault: 'server-500', mode: always }], {
      retry: { maxRetries: 0 },
      breaker: { failureThreshold: 3, openMs: 30_000, successThreshold: 1 },
    });
    for (let i = 0; i < 3; i++) expect((await ask(`q${i}`)).source).toBe('local');
    expect(service.breakerState.kind).toBe('open');
    const callsWhenOpened = primary.calls;

    const rejected = await ask('q-open');
    expect(primary.calls).toBe(callsWhenOpened);
    expect(rejected.source).toBe('local');
    expect(rejected.attempts).toBe(0);
    expect(rejected.trace.some((s) => s.type === 'breaker-rejected')).toBe(true);
    expect(service.statsSnapshot.circuit_breaker_trips).toBe(1);
    expect(service.statsSnapshot.breaker_opens).toBe(1);

    primary.setScenario({ rules: [] });
    await clock.advance(30_000);
    // Announced by the service's own timer, before anyone reads the state: the dashboard sees HALF_OPEN without traffic.
    const openedAt = Number(transitions[0]!.split('@')[1]);
    expect(transitions.at(-1)).toBe(`open→half-open@${openedAt + 30_000}`);
    expect(service.breakerState.kind).toBe('half-open');
    expect((await ask('q-probe')).source).toBe('api');
    expect(service.breakerState.kind).toBe('closed');
    expect(transitions.map((t) => t.split('@')[0])).toEqual(['closed→open', 'open→half-open', 'half-open→closed']);
  });

  it('keeps an OPEN breaker open when its settings change, and half-opens on the new schedule', async () => {
    const { ask, service, clock, transitions } = setup([{ fault: 'server-500', mode: always }], {
      retry: { maxRetries: 0 },
      breaker: { failureThreshold: 2, openMs: 30_000 },
    });
    await ask('a');
    await ask('b');
    expect(service.breakerState.kind).toBe('open');
    const openedAt = Number(transitions[0]!.split('@')[1]);
    service.setPolicy(applyPolicyPatch(DEFAULT_POLICY, { retry: { maxRetries: 0 }, breaker: { failureThreshold: 5, openMs: 60_000 } }));
    expect(service.breakerState).toMatchObject({ kind: 'open', openedAt, halfOpenAt: openedAt + 60_000 });
    expect(transitions).toEqual([`closed→open@${openedAt}`]); // no silent CLOSED in the timeline
    await clock.set(openedAt + 30_000);
    expect(service.breakerState.kind).toBe('open');
    await clock.set(openedAt + 60_000);
    expect(transitions.at(-1)).toBe(`open→half-open@${openedAt + 60_000}`);
  });

  it('a throwing listener neither breaks the request nor the other listeners', async () => {
    const { service, clock } = setup([]);
    let seen = 0;
    const errors: unknown[] = [];
    const spy = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      service.onRequest(() => {
        throw new Error('a dashboard bug');
      });
      service.onRequest(() => seen++);
      const r = await drive(clock, service.chat('什么是Go？'));
      expect(r.source).toBe('api');
      expect(seen).toBe(1);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = spy;
    }
  });

  it('falls through to the canned reply when the local model is down too', async () => {
    const { ask } = setup([{ fault: 'unavailable-503', mode: always }], { retry: { maxRetries: 0 } }, [{ fault: 'connection-reset', mode: always }]);
    const r = await ask('什么是Go？');
    expect(r.source).toBe('fallback');
    expect(r.content).toContain('抱歉');
  });

  it('reports an error with a friendly message when every fallback is off', async () => {
    const { ask } = setup([{ fault: 'auth-401', mode: always }], { fallback: { local: false, canned: false } });
    const r = await ask('What is Go?');
    expect(r.source).toBe('error');
    expect(r.content).toMatch(/API key/i);
    expect(r.trace.filter((s) => s.type === 'skipped').map((s) => s.layer)).toEqual(['local', 'canned']);
  });

  it('skips the cache when it is off, so a repeat calls the upstream again', async () => {
    const { ask, primary } = setup([], { cache: { enabled: false } });
    await ask('什么是Python？');
    expect((await ask('什么是Python？')).source).toBe('api');
    expect(primary.calls).toBe(2);
  });

  it('stops retrying when the retry budget is spent', async () => {
    const { ask, primary } = setup([{ fault: 'unavailable-503', mode: always }], {
      retry: { maxRetries: 3, strategy: 'none', budget: { enabled: true, maxTokens: 4, tokenRatio: 0.1 } },
      breaker: { enabled: false },
    });
    const reasons = [];
    for (let i = 0; i < 5; i++) reasons.push((await ask(`q${i}`)).trace.find((s) => s.type === 'give-up'));
    // Without a budget: 5 requests × 4 attempts = 20 calls. With 4 tokens (no retry at ≤ 2):
    // the first request fails twice (4 → 3 → 2 tokens), then every first try fails with no retry.
    expect(primary.calls).toBe(6);
    expect(reasons.map((g) => g?.type === 'give-up' && g.reason)).toEqual(['retry-budget', 'retry-budget', 'retry-budget', 'retry-budget', 'retry-budget']);
  });

  it('emits a retry point with the strategy envelope for the chart', async () => {
    const { service, clock } = setup([{ fault: 'server-500', mode: { kind: 'first-n', n: 1 } }], { retry: { strategy: 'full' } });
    const points: unknown[] = [];
    service.onRetry((p) => points.push(p));
    await drive(clock, service.chat('x'));
    expect(points).toEqual([expect.objectContaining({ retry: 1, strategy: 'full', envelope: [0, 1000], reason: 'backoff', errorKind: 'server', status: 500 })]);
  });
});

describe('RobustAIService: signs of life for a paced clock', () => {
  it('signals a request before it counts as in flight, and again when it ends', async () => {
    const clock = new VirtualClock();
    const upstream = createUpstream({ scenario: { rules: [] }, clock, random: seededRandom(1) });
    const seen: number[] = [];
    const service: RobustAIService = new RobustAIService({
      primary: mockClient(upstream.fetch),
      local: mockClient(upstream.fetch),
      policy: DEFAULT_POLICY,
      clock,
      random: seededRandom(3),
      // In flight at each sign: 0 at the start means an idle clock is caught up before the request makes it busy.
      onActivity: () => seen.push(service.inFlight),
    });
    await drive(clock, service.chat('What is Python?'));
    expect(seen).toEqual([0, 0]);
  });
});
