import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_IDS } from '@/lib/resilience/backoff';
import { SCRIPT_IDS } from '@/lib/scenario/scripts';
import { DEFAULT_POLICY, policySchema, type Policy } from './policy';
import { encodeReplay, parseReplay } from './replay-link';

describe('replay links', () => {
  it('are short and readable: the default policy adds nothing', () => {
    expect(encodeReplay({ script: 'outage-then-recovery', seed: 42, speed: 60, policy: DEFAULT_POLICY })).toBe('script=outage-then-recovery&seed=42&speed=60');
    expect(encodeReplay({ presetId: 'flaky', seed: 7, speed: 1, policy: DEFAULT_POLICY })).toBe('preset=flaky&seed=7&speed=1');
  });

  it('list only the changed policy fields, durations in seconds and switches as on/off', () => {
    const policy: Policy = { ...DEFAULT_POLICY, retry: { ...DEFAULT_POLICY.retry, maxRetries: 5, strategy: 'exponential', baseMs: 500 }, cache: { ...DEFAULT_POLICY.cache, enabled: false } };
    expect(encodeReplay({ presetId: 'server-error', seed: 1, speed: 10, policy })).toBe('preset=server-error&seed=1&speed=10&retries=5&backoff=exponential&base=0.5s&cache=off');
  });

  it('read back what they wrote, with the policy as default plus the listed fields', () => {
    const parsed = parseReplay('?script=lesson-demo&seed=9&speed=10&open=5s&failures=2&view=present');
    expect(parsed).toEqual({
      ok: true,
      value: { script: 'lesson-demo', seed: 9, speed: 10, policy: { ...DEFAULT_POLICY, breaker: { ...DEFAULT_POLICY.breaker, openMs: 5000, failureThreshold: 2 } } },
    });
  });

  it('a page without replay fields is no replay link', () => {
    expect(parseReplay('')).toBeNull();
    expect(parseReplay('view=present')).toBeNull();
  });

  it.each([
    ['preset=nope', /preset/],
    ['script=meteor', /script/],
    ['preset=flaky&script=lesson-demo', /one, not both/],
    ['preset=flaky&seed=-1', /seed/],
    ['preset=flaky&seed=1.5', /seed/],
    ['preset=flaky&speed=7', /speed/],
    ['preset=flaky&retries=99', /retries/],
    ['preset=flaky&backoff=yolo', /backoff/],
    ['preset=flaky&cache=maybe', /cache/],
    ['preset=flaky&open=soon', /open/],
    ['preset=flaky&budgetRatio=2', /budgetRatio/],
  ])('a bad value is an error naming the field: %s', (query, field) => {
    const parsed = parseReplay(query);
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) expect(parsed.errors.join('; ')).toMatch(field);
  });

  it('property: any valid policy, seed, speed and script round-trips exactly', () => {
    const policyArb = fc.record({
      maxRetries: fc.integer({ min: 0, max: 10 }),
      strategy: fc.constantFrom(...BACKOFF_IDS),
      baseMs: fc.integer({ min: 0, max: 60_000 }),
      honorRetryAfter: fc.boolean(),
      budgetRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      openMs: fc.integer({ min: 100, max: 3_600_000 }),
      failureRate: fc.double({ min: 0.01, max: 1, noNaN: true }),
      cache: fc.boolean(),
      canned: fc.boolean(),
      api: fc.constantFrom('chat.completions' as const, 'responses' as const),
      sdkRetries: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 0xffff_ffff }), fc.constantFrom(1, 10, 60), fc.constantFrom(...SCRIPT_IDS), (p, seed, speed, script) => {
        const policy = policySchema.parse({
          api: p.api,
          retry: { ...DEFAULT_POLICY.retry, maxRetries: p.maxRetries, sdkMaxRetries: p.sdkRetries, strategy: p.strategy, baseMs: p.baseMs, honorRetryAfter: p.honorRetryAfter, budget: { ...DEFAULT_POLICY.retry.budget, tokenRatio: p.budgetRatio } },
          breaker: { ...DEFAULT_POLICY.breaker, openMs: p.openMs, failureRateThreshold: p.failureRate },
          cache: { ...DEFAULT_POLICY.cache, enabled: p.cache },
          fallback: { ...DEFAULT_POLICY.fallback, canned: p.canned },
        });
        expect(parseReplay(encodeReplay({ script, seed, speed: speed as 1 | 10 | 60, policy }))).toEqual({ ok: true, value: { script, seed, speed, policy } });
      }),
    );
  });
});
