import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type BreakerTransition, type ScriptStatus, type StatsSnapshot } from '@/lib/contract';
import { answeredPresets, breakerRecovered, delaysDouble, emptyProgress, evaluate, markDone, observe, parseProgress, type LabView } from './lab-tasks';

const reason = { code: 'failure-threshold' as const, zh: '', en: '' };
const tr = (from: BreakerTransition['from'], to: BreakerTransition['to'], at: number): BreakerTransition => ({ from, to, at, reason });
const view = (extra: Partial<LabView> = {}): LabView => ({ retries: [], transitions: [], policy: DEFAULT_POLICY, script: null, stats: null, ...extra });
const retry = (requestId: number, n: number, delayMs: number, strategy: 'exponential' | 'full' = 'exponential') => ({ requestId, retry: n, delayMs, reason: 'backoff' as const, strategy });

describe('task 1: retryable presets end in an answer, and a 401 is never retried', () => {
  it('needs three retryable presets answered and one 401 called once', () => {
    let p = emptyProgress();
    p = observe(p, [{ source: 'local', attempts: 3 }], 'server-error');
    p = observe(p, [{ source: 'api', attempts: 2 }], 'rate-limited');
    expect(evaluate(p, view()).t1).toBe(false);
    p = observe(p, [{ source: 'fallback', attempts: 3 }], 'connection-reset');
    expect(answeredPresets(p).sort()).toEqual(['connection-reset', 'rate-limited', 'server-error']);
    expect(evaluate(p, view()).t1).toBe(false); // no 401 yet
    p = observe(p, [{ source: 'local', attempts: 1 }], 'auth-error');
    expect(evaluate(p, view()).t1).toBe(true);
  });

  it('a retried 401 or an unanswered request under a retryable preset does not count', () => {
    let p = observe(emptyProgress(), [{ source: 'local', attempts: 2 }], 'auth-error');
    expect(p.auth).toEqual({ requests: 1, retried: true });
    p = observe(p, [{ source: 'error', attempts: 3 }, { source: 'local', attempts: 3 }], 'server-error');
    expect(answeredPresets(p)).toEqual([]);
    expect(observe(emptyProgress(), [{ source: 'api', attempts: 1 }], 'healthy').retryable).toEqual({});
  });
});

describe('task 2: delays double', () => {
  it('three doubling backoff delays of one request, with the exponential strategy', () => {
    expect(delaysDouble([retry(1, 1, 1000), retry(1, 2, 2000)])).toBe(false); // the default 2 retries: two columns
    expect(delaysDouble([retry(1, 1, 1000), retry(1, 2, 2000), retry(1, 3, 4000)])).toBe(true);
    expect(delaysDouble([retry(1, 1, 1000), retry(2, 2, 2000), retry(3, 3, 4000)])).toBe(false);
    expect(delaysDouble([retry(1, 1, 300, 'full'), retry(1, 2, 600, 'full'), retry(1, 3, 1200, 'full')])).toBe(false);
    expect(delaysDouble([retry(1, 1, 1000), retry(1, 2, 2000), retry(1, 3, 3000)])).toBe(false);
  });
});

describe('task 3: the breaker opens within 3 failures and recovers by itself', () => {
  it('needs open, then a probe that closes it, with a threshold of at most 3', () => {
    const full = [tr('closed', 'open', 10), tr('open', 'half-open', 40), tr('half-open', 'closed', 41)];
    expect(breakerRecovered(full, DEFAULT_POLICY)).toBe(true);
    expect(breakerRecovered(full.slice(0, 2), DEFAULT_POLICY)).toBe(false);
    expect(breakerRecovered(full, { ...DEFAULT_POLICY, breaker: { ...DEFAULT_POLICY.breaker, failureThreshold: 5 } })).toBe(false);
    expect(breakerRecovered([tr('half-open', 'closed', 1)], DEFAULT_POLICY)).toBe(false);
  });
});

describe('tasks 4 and 5', () => {
  it('4: a cache answer and a local-model answer', () => {
    let p = observe(emptyProgress(), [{ source: 'cache', attempts: 0 }], null);
    expect(evaluate(p, view()).t4).toBe(false);
    p = observe(p, [{ source: 'local', attempts: 3 }], 'server-error');
    expect(evaluate(p, view()).t4).toBe(true);
  });

  it('5: the lesson’s demo, done, with its stats', () => {
    const script = { id: 'lesson-demo', state: 'done' } as ScriptStatus;
    const stats = { total_requests: 4, successful_requests: 3, failed_requests: 0, cache_hits: 1, circuit_breaker_trips: 0, success_rate: 0.75, cache_hit_rate: 0.25 } as StatsSnapshot;
    expect(evaluate(emptyProgress(), view({ script, stats })).t5).toBe(true);
    expect(evaluate(emptyProgress(), view({ script: { ...script, state: 'playing' }, stats })).t5).toBe(false);
    expect(evaluate(emptyProgress(), view({ script, stats: { ...stats, total_requests: 5 } })).t5).toBe(false);
  });
});

describe('progress', () => {
  it('done stays done, and survives storage', () => {
    const met = { t1: false, t2: false, t3: false, t4: true, t5: false };
    const p = markDone(emptyProgress(), met, 123);
    expect(p.done).toEqual({ t4: 123 });
    expect(markDone(p, met, 456)).toBe(p);
    expect(markDone(p, { ...met, t4: false }, 789).done).toEqual({ t4: 123 });
    expect(parseProgress(JSON.stringify(p))).toEqual(p);
  });

  it('malformed or foreign storage is a fresh lab', () => {
    for (const junk of [null, '', '{', '[]', 'null', '{"version":2,"done":{}}', '{"version":1,"done":null,"retryable":{},"auth":{}}']) expect(parseProgress(junk)).toEqual(emptyProgress());
    expect(parseProgress('{"version":1,"done":{"t1":"x","t9":1,"t2":5},"retryable":{"flaky":{"answered":1,"unanswered":0},"evil":{}},"auth":{"requests":2}}')).toEqual({
      ...emptyProgress(),
      done: { t2: 5 },
      retryable: { flaky: { answered: 1, unanswered: 0 } },
      auth: { requests: 2, retried: false },
    });
  });
});
