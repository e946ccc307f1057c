import { describe, it, expect } from 'vitest';
import { APIError, APIUserAbortError } from 'openai';
import { classifyError } from './classify';
import { AbortedError, wallClockFrom } from './clock';
import { seededRandom } from './random';
import { createRetryPolicy, type GiveUpEvent, type RetryOptions, type RetryPolicy, type RetryScheduledEvent } from './retry';
import { RetryBudget } from './retry-budget';
import { VirtualClock } from './virtual-clock';

/** A real SDK error, as the client would throw it for this response. */
const apiError = (status: number, code: string | null = null, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: `status ${status}`, type: 'x', param: null, code } }, undefined, new Headers(headers));

/** A function that throws `errors` in turn, then returns `'ok'`; it logs each call's attempt and time. */
function script(clock: VirtualClock, errors: unknown[]) {
  const calls: Array<{ attempt: number; at: number; signal?: AbortSignal }> = [];
  const fn = async (ctx: { attempt: number; signal?: AbortSignal }) => {
    calls.push({ attempt: ctx.attempt, at: clock.now(), signal: ctx.signal });
    const next = errors.shift();
    if (next !== undefined) throw next;
    return 'ok';
  };
  return { fn, calls };
}

/** A policy on a virtual clock with a fixed seed, recording its events. */
function setup(options: RetryOptions = {}, start = 0) {
  const clock = new VirtualClock(start);
  const policy = createRetryPolicy({ clock, random: seededRandom(42), ...options });
  const retries: RetryScheduledEvent[] = [];
  const giveUps: GiveUpEvent[] = [];
  policy.onRetry((e) => retries.push(e));
  policy.onGiveUp((e) => giveUps.push(e));
  return { clock, policy, retries, giveUps };
}

/** Run to completion on the virtual clock; never throws. */
async function run<T>(clock: VirtualClock, p: Promise<T>) {
  const settled = p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
  await clock.runUntilIdle();
  return settled;
}

describe('createRetryPolicy — the lesson’s exponential backoff', () => {
  it('waits 1, 2, 4 s between attempts (observed via onRetry and the clock)', async () => {
    const { clock, policy, retries } = setup({ backoff: 'exponential', maxRetries: 3 });
    const { fn, calls } = script(clock, [apiError(503), apiError(502), apiError(500)]);
    const r = await run(clock, policy.execute(fn));
    expect(r).toEqual({ ok: true, value: 'ok' });
    expect(retries.map((e) => e.delayMs)).toEqual([1000, 2000, 4000]);
    expect(retries.map((e) => e.reason)).toEqual(['backoff', 'backoff', 'backoff']);
    expect(retries[2]!.formula).toBe('min(60, 1·2²) = 4 s');
    expect(retries[0]!.explanation?.inputs).toMatchObject({ attempt: 0, baseMs: 1000, capMs: 60_000 });
    expect(calls.map((c) => [c.attempt, c.at])).toEqual([[0, 0], [1, 1000], [2, 3000], [3, 7000]]);
  });

  it('gives up after maxRetries retries (maxRetries + 1 calls) and rethrows the last error itself', async () => {
    const { clock, policy, giveUps } = setup({ backoff: 'exponential', maxRetries: 2 });
    const last = apiError(503);
    const { fn, calls } = script(clock, [apiError(503), apiError(503), last]);
    const r = await run(clock, policy.execute(fn));
    expect(r).toEqual({ ok: false, error: last });
    expect(calls).toHaveLength(3);
    expect(giveUps).toMatchObject([{ attempt: 2, reason: 'max-retries', error: last, classification: { kind: 'server' } }]);
  });
});

describe('createRetryPolicy — Retry-After', () => {
  it('waits what the server says (2 s), not the backoff', async () => {
    const { clock, policy, retries } = setup({ backoff: 'exponential' });
    const { fn, calls } = script(clock, [apiError(429, 'rate_limit_exceeded', { 'retry-after': '2' })]);
    await run(clock, policy.execute(fn));
    expect(retries).toMatchObject([{ delayMs: 2000, reason: 'retry-after', formula: 'Retry-After: 2 s → 2 s', retryAfter: { ok: true, ms: 2000 } }]);
    expect(retries[0]!.explanation).toBeUndefined();
    expect(calls[1]!.at).toBe(2000);
  });

  it('prefers retry-after-ms and parses HTTP dates on the wall clock', async () => {
    const t0 = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    const clock = new VirtualClock(t0); // an epoch-based virtual clock is its own wall clock
    const { policy, retries } = setup({ clock, wallClock: () => clock.now() });
    const { fn } = script(clock, [
      apiError(429, null, { 'retry-after-ms': '1500', 'retry-after': '2' }),
      apiError(429, null, { 'retry-after': 'Wed, 21 Oct 2015 07:28:04 GMT' }),
    ]);
    await run(clock, policy.execute(fn));
    // The second 429 arrives at t0 + 1.5 s, so the date is 2.5 s away.
    expect(retries.map((e) => [e.delayMs, e.reason])).toEqual([[1500, 'retry-after'], [2500, 'retry-after']]);
    expect(retries[0]!.formula).toBe('retry-after-ms: 1500 ms → 1.5 s');
  });

  it('reads an HTTP-date Retry-After against wallClock, not the sandbox clock that started at 0', async () => {
    const E = Date.UTC(2026, 2, 14, 9, 26, 53); // epoch at sandbox start (whole second, as HTTP dates are)
    const clock = new VirtualClock(0);
    const wallClock = wallClockFrom(clock, E);
    const { policy, retries, giveUps } = setup({ clock, wallClock, backoff: 'exponential' });
    const when = new Date(E + 3000).toUTCString();
    const error = apiError(429, 'rate_limit_exceeded', { 'retry-after': when });
    // At sandbox time 0 the default classifier, reading the same wall clock, sees 3 s.
    expect(policy.options.classify(error).retryAfterMs).toBe(3000);
    expect(classifyError(error, { now: wallClock }).retryAfterMs).toBe(3000);
    // Read against the sandbox clock itself the date is 56 years away: what the bug did.
    expect(classifyError(error, { now: () => clock.now() }).retryAfterMs).toBeUndefined();
    const { fn, calls } = script(clock, [error]);
    const result = await run(clock, policy.execute(fn));
    expect(result).toEqual({ ok: true, value: 'ok' });
    expect(giveUps).toEqual([]);
    expect(retries).toMatchObject([{ delayMs: 3000, reason: 'retry-after', classification: { retryAfterMs: 3000 } }]);
    expect(calls.map((c) => c.at)).toEqual([0, 3000]);
  });

  it('wallClock defaults to Date.now, whatever the scheduling clock', () => {
    expect(setup({ clock: new VirtualClock(0) }).policy.options.wallClock).toBe(Date.now);
  });

  it('ignores Retry-After when honorRetryAfter is false', async () => {
    const { clock, policy, retries } = setup({ backoff: 'exponential', honorRetryAfter: false });
    const { fn } = script(clock, [apiError(429, null, { 'retry-after': '2' })]);
    await run(clock, policy.execute(fn));
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ delayMs: 1000, reason: 'backoff' });
    expect(retries[0]!.retryAfter).toBeUndefined();
  });

  it('gives up at once when Retry-After asks for longer than maxRetryAfterMs: better to fall back than to hammer early or hang', async () => {
    const { clock, policy, retries, giveUps } = setup({ backoff: 'exponential' });
    const { fn, calls } = script(clock, [apiError(429, null, { 'retry-after': '120' })]);
    const result = await run(clock, policy.execute(fn));
    expect(result).toMatchObject({ ok: false, error: { status: 429 } });
    expect(calls).toHaveLength(1);
    expect(retries).toHaveLength(0);
    expect(giveUps[0]).toMatchObject({ reason: 'retry-after-too-long' });
    expect(clock.now()).toBe(0);
  });

  it.each([
    ['-5', 'negative'],
    ['soon', 'invalid'],
  ])('falls back to the backoff for Retry-After: %s (%s)', async (value, reason) => {
    const { clock, policy, retries } = setup({ backoff: 'exponential' });
    const { fn } = script(clock, [apiError(429, null, { 'retry-after': value })]);
    await run(clock, policy.execute(fn));
    expect(retries[0]).toMatchObject({ delayMs: 1000, reason: 'backoff', retryAfter: { ok: false, reason, raw: value } });
  });

  it('maxRetryAfterMs raises the bound', async () => {
    const { clock, policy, retries } = setup({ maxRetryAfterMs: 300_000 });
    const { fn } = script(clock, [apiError(429, null, { 'retry-after': '120' })]);
    await run(clock, policy.execute(fn));
    expect(retries[0]).toMatchObject({ delayMs: 120_000, reason: 'retry-after' });
    expect(clock.now()).toBe(120_000);
  });
});

describe('createRetryPolicy — what is never retried', () => {
  it.each([
    ['401 invalid_api_key', apiError(401, 'invalid_api_key'), 'auth'],
    ['429 insufficient_quota', apiError(429, 'insufficient_quota', { 'retry-after': '1' }), 'quota'],
  ])('%s: one call, give-up not-retryable, original error', async (_name, error, kind) => {
    const { clock, policy, giveUps, retries } = setup();
    const { fn, calls } = script(clock, [error]);
    const r = await run(clock, policy.execute(fn));
    expect(r).toEqual({ ok: false, error });
    expect(calls).toHaveLength(1);
    expect(retries).toHaveLength(0);
    expect(giveUps).toMatchObject([{ attempt: 0, reason: 'not-retryable', classification: { kind, retryable: false } }]);
  });

  it('a caller abort is never retried, even when shouldRetry says yes', async () => {
    const { clock, policy, giveUps } = setup({ shouldRetry: () => true });
    const controller = new AbortController();
    const abortError = new APIUserAbortError();
    const { fn, calls } = script(clock, [abortError]);
    const r = await run(clock, policy.execute(async (ctx) => {
      controller.abort();
      return fn(ctx);
    }, { signal: controller.signal }));
    expect(r).toEqual({ ok: false, error: abortError });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.signal).toBe(controller.signal);
    expect(giveUps).toMatchObject([{ reason: 'aborted' }]);
  });

  it('an abort error is not retried even if the signal was not ours', async () => {
    const { clock, policy, giveUps } = setup({ shouldRetry: () => true });
    const { fn, calls } = script(clock, [new DOMException('aborted', 'AbortError')]);
    await run(clock, policy.execute(fn));
    expect(calls).toHaveLength(1);
    expect(giveUps[0]!.reason).toBe('aborted');
  });

  it('aborting during the wait rejects with the abort at once and cancels the timer', async () => {
    const { clock, policy, giveUps, retries } = setup({ backoff: 'exponential' });
    const controller = new AbortController();
    const first = apiError(503);
    const { fn, calls } = script(clock, [first]);
    const p = policy.execute(fn, { signal: controller.signal }).catch((e: unknown) => e);
    await clock.advance(500);
    expect(retries).toHaveLength(1);
    controller.abort('user left');
    const error = await p;
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).reason).toBe('user left');
    expect(clock.pending).toBe(0);
    expect(calls).toHaveLength(1);
    expect(giveUps).toMatchObject([{ attempt: 0, reason: 'aborted', error: first, classification: { kind: 'server' } }]);
  });
});

describe('createRetryPolicy — budgets', () => {
  it('totalBudgetMs stops when the next wait would end past the budget', async () => {
    const { clock, policy, giveUps, retries } = setup({ backoff: 'exponential', maxRetries: 10, totalBudgetMs: 2500 });
    const { fn, calls } = script(clock, Array.from({ length: 10 }, () => apiError(503)));
    const r = await run(clock, policy.execute(fn));
    expect(r.ok).toBe(false);
    // 0 s fail → wait 1 s (ends at 1 s ≤ 2.5 s); 1 s fail → wait 2 s would end at 3 s > 2.5 s.
    expect(calls.map((c) => c.at)).toEqual([0, 1000]);
    expect(retries.map((e) => e.delayMs)).toEqual([1000]);
    expect(giveUps).toMatchObject([{ attempt: 1, reason: 'time-budget', at: 1000 }]);
  });

  it('a shared RetryBudget denies retries once failures drain it, and successes refill it', async () => {
    const budget = new RetryBudget({ maxTokens: 4, tokenRatio: 1 });
    const { clock, policy, giveUps } = setup({ backoff: 'none', maxRetries: 10, retryBudget: budget });
    const first = script(clock, Array.from({ length: 10 }, () => apiError(503)));
    await run(clock, policy.execute(first.fn));
    // 4 → 3 (> 2, retry) → 2 (not > 2: stop).
    expect(first.calls).toHaveLength(2);
    expect(budget.tokens).toBe(2);
    expect(giveUps.at(-1)!.reason).toBe('retry-budget');

    const second = script(clock, [apiError(503)]);
    await run(clock, policy.execute(second.fn));
    expect(second.calls).toHaveLength(1); // 2 → 1: no retry at all
    expect(budget.tokens).toBe(1);

    for (let i = 0; i < 3; i++) await policy.execute(async () => 'ok');
    expect(budget.tokens).toBe(4);
    expect(budget.canRetry()).toBe(true);
  });

  it('non-retryable errors do not spend the budget', async () => {
    const budget = new RetryBudget({ maxTokens: 4 });
    const { clock, policy } = setup({ retryBudget: budget });
    await run(clock, policy.execute(script(clock, [apiError(401)]).fn));
    expect(budget.tokens).toBe(4);
  });
});

describe('createRetryPolicy — mechanics', () => {
  it('a zero-delay retry completes without a timer or the clock moving', async () => {
    const { clock, policy, retries } = setup({ backoff: 'none' });
    const { fn, calls } = script(clock, [apiError(503), apiError(503)]);
    const p = policy.execute(fn);
    expect(clock.pending).toBe(0);
    await expect(p).resolves.toBe('ok'); // no clock.advance/runUntilIdle needed
    expect(clock.now()).toBe(0);
    expect(calls).toHaveLength(3);
    expect(retries.map((e) => [e.delayMs, e.formula])).toEqual([[0, '0'], [0, '0']]);
  });

  it('events carry the caller’s context, attempt and time', async () => {
    const { clock, policy, retries, giveUps } = setup({ backoff: 'exponential' });
    const context = { requestId: 7 };
    const seen: Array<[string, number, number, unknown]> = [];
    policy.onAttempt((e) => seen.push(['attempt', e.attempt, e.at, e.context]));
    policy.onSuccess((e) => seen.push(['success', e.attempt, e.at, e.context]));
    const { fn } = script(clock, [apiError(500)]);
    await run(clock, policy.execute(fn, { context }));
    expect(seen).toEqual([
      ['attempt', 0, 0, context],
      ['attempt', 1, 1000, context],
      ['success', 1, 1000, context],
    ]);
    expect(retries[0]).toMatchObject({ attempt: 0, at: 0, context, classification: { kind: 'server', status: 500 } });
    expect(giveUps).toHaveLength(0);
  });

  it('passes the attempt index and the signal to fn', async () => {
    const { clock, policy } = setup({ backoff: 'none' });
    const { fn, calls } = script(clock, [apiError(503)]);
    await run(clock, policy.execute(fn));
    expect(calls.map((c) => c.attempt)).toEqual([0, 1]);
    expect(calls[0]!.signal).toBeUndefined();
  });

  it('catches a function that throws synchronously', async () => {
    const { clock, policy } = setup({ backoff: 'none' });
    let n = 0;
    const r = await run(clock, policy.execute(() => {
      if (n++ === 0) throw apiError(503);
      return Promise.resolve(n);
    }));
    expect(r).toEqual({ ok: true, value: 2 });
  });

  it('listening to onRetry does not change the delays (same random draws)', async () => {
    const times = async (listen: boolean) => {
      const clock = new VirtualClock();
      const policy = createRetryPolicy({ clock, random: seededRandom(7), backoff: 'decorrelated', maxRetries: 4 });
      if (listen) policy.onRetry(() => undefined);
      const { fn, calls } = script(clock, Array.from({ length: 4 }, () => apiError(503)));
      await run(clock, policy.execute(fn));
      return calls.map((c) => c.at);
    };
    const quiet = await times(false);
    expect(await times(true)).toEqual(quiet);
    expect(new Set(quiet).size).toBe(5);
  });

  it('decorrelated jitter sees the previous delay', async () => {
    const { clock, policy, retries } = setup({ backoff: 'decorrelated', maxRetries: 2 });
    await run(clock, policy.execute(script(clock, [apiError(503), apiError(503)]).fn));
    expect(retries[1]!.explanation!.inputs.previousDelayMs).toBe(retries[0]!.delayMs);
  });

  it('custom shouldRetry and classify are used', async () => {
    const { clock, policy, giveUps } = setup({ backoff: 'none', shouldRetry: (c) => c.kind === 'unknown', maxRetries: 1 });
    const plain = script(clock, [new Error('a'), new Error('b')]);
    await run(clock, policy.execute(plain.fn));
    expect(plain.calls).toHaveLength(2);
    expect(giveUps.at(-1)!.reason).toBe('max-retries');

    const custom: RetryPolicy = createRetryPolicy({
      clock,
      backoff: 'none',
      classify: () => ({ kind: 'server', retryable: true, sdkClass: 'X', why: { zh: '', en: '' }, userMessage: { zh: '', en: '' } }),
    });
    const x = script(clock, [new Error('x')]);
    await expect(custom.execute(x.fn)).resolves.toBe('ok');
    expect(x.calls).toHaveLength(2);
  });

  it('works the same with nobody listening (no payloads are built)', async () => {
    const clock = new VirtualClock();
    const policy = createRetryPolicy({ clock, random: seededRandom(1), backoff: 'exponential', shouldRetry: () => true, maxRetries: 2 });
    const { fn, calls } = script(clock, [apiError(429, null, { 'retry-after': '2' }), 'a thrown string']);
    const r = await run(clock, policy.execute(fn));
    expect(r).toEqual({ ok: true, value: 'ok' });
    expect(calls.map((c) => c.at)).toEqual([0, 2000, 4000]); // Retry-After, then backoff attempt 1 = 2 s
    const lastError = apiError(401);
    const denied = await run(clock, createRetryPolicy({ clock }).execute(script(clock, [lastError]).fn));
    expect(denied).toEqual({ ok: false, error: lastError });
  });

  it('resolves and validates its options', () => {
    const p = createRetryPolicy();
    expect(p.options).toMatchObject({ maxRetries: 3, backoff: 'full', backoffOptions: { baseMs: 1000, capMs: 60_000 }, honorRetryAfter: true, maxRetryAfterMs: 60_000 });
    expect(p.options.totalBudgetMs).toBeUndefined();
    expect(createRetryPolicy({ backoffOptions: { baseMs: 5 } }).options.backoffOptions).toEqual({ baseMs: 5, capMs: 60_000 });
    expect(createRetryPolicy({ maxRetries: Infinity }).options.maxRetries).toBe(Infinity);
    expect(() => createRetryPolicy({ maxRetries: -1 })).toThrow(RangeError);
    expect(() => createRetryPolicy({ maxRetries: 1.5 })).toThrow(RangeError);
    expect(() => createRetryPolicy({ backoff: 'nope' as never })).toThrow(RangeError);
  });
});
