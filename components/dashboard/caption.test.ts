import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/components/i18n/i18n-provider';
import { DEFAULT_POLICY, type BreakerTransition, type RequestRecord, type RetryPoint, type SessionView } from '@/lib/contract';
import { currentCaption, requestCaption, retryCaption, transitionCaption } from './caption';
import { initialSandboxState, type SandboxState } from './sandbox-state';

const zh = translatorFor('zh-CN');
const en = translatorFor('en');
const reason = (code: BreakerTransition['reason']['code']) => ({ code, zh: '', en: '' });
const tr = (from: BreakerTransition['from'], to: BreakerTransition['to'], at: number, code: BreakerTransition['reason']['code'] = 'failure-threshold'): BreakerTransition => ({ from, to, at, reason: reason(code) });
const retry = (at: number, r: Partial<RetryPoint> = {}): RetryPoint => ({ requestId: 1, at, retry: 1, delayMs: 2000, reason: 'retry-after', strategy: 'lesson-multiplicative', envelope: [0, 0], formula: '', errorKind: 'rate-limit', ...r });
const rec = (endedAt: number, r: Partial<RequestRecord> = {}): RequestRecord => ({ id: 1, message: 'q', source: 'api', content: '', startedAt: 0, endedAt, latencyMs: 1, attempts: 1, upstreamCalls: 1, trace: [], ...r });

describe('captions in the lesson’s words', () => {
  it('narrates breaker transitions with the policy’s numbers', () => {
    expect(transitionCaption(tr('closed', 'open', 0), DEFAULT_POLICY, zh)).toBe('连续 3 次失败 → 熔断器打开，30 秒内直接降级');
    expect(transitionCaption(tr('open', 'half-open', 0), DEFAULT_POLICY, zh)).toBe('熔断 30 秒已到 → 半开：放 1 个试探请求过去');
    expect(transitionCaption(tr('half-open', 'closed', 0), DEFAULT_POLICY, zh)).toBe('试探成功 → 熔断器闭合，恢复正常调用');
    expect(transitionCaption(tr('half-open', 'open', 0, 'probe-failed'), DEFAULT_POLICY, zh)).toBe('半开试探失败 → 熔断器重新打开，再等 30 秒');
    const rate = { ...DEFAULT_POLICY, breaker: { ...DEFAULT_POLICY.breaker, mode: 'failure-rate' as const, openMs: 5000 } };
    expect(transitionCaption(tr('closed', 'open', 0, 'failure-rate'), rate, en)).toBe('Failure rate reached 50% → the breaker opens; for 5 s every call falls back at once');
  });

  it('narrates retries: Retry-After waits the server’s time, backoff its own', () => {
    expect(retryCaption(retry(0), zh)).toBe('Retry-After 2 秒：等待 2 秒再试');
    expect(retryCaption(retry(0, { reason: 'backoff', retry: 2, delayMs: 3480 }), zh)).toBe('第 2 次重试：退避等待 3.48 秒再试');
  });

  it('narrates which layer answered, and why', () => {
    expect(requestCaption(rec(0, { source: 'cache', attempts: 0 }), zh)).toBe('缓存命中：直接返回，不调用 API');
    expect(requestCaption(rec(0, { attempts: 3 }), zh)).toBe('重试成功：第 3 次调用才拿到回答');
    expect(requestCaption(rec(0, { source: 'local', attempts: 0, trace: [{ type: 'breaker-rejected', at: 0, layer: 'primary', breaker: 'open' }] }), zh)).toBe('熔断器打开中：不调用 API，快速失败 → 降级到本地模型');
    const auth = rec(0, {
      source: 'fallback',
      trace: [
        { type: 'attempt', at: 0, layer: 'primary', attempt: 1, durationMs: 1, ok: false, breaker: 'closed', error: { kind: 'auth', status: 401, sdkClass: 'AuthenticationError', message: '', retryable: false, why: { zh: '', en: '' } } },
        { type: 'give-up', at: 0, layer: 'primary', reason: 'not-retryable', breaker: 'closed' },
      ],
    });
    expect(requestCaption(auth, en)).toBe('AuthenticationError 401 is not retryable: no retry → the canned reply');
  });
});

describe('currentCaption', () => {
  const state = (extra: Partial<SandboxState>): SandboxState => ({ ...initialSandboxState(), session: { policy: DEFAULT_POLICY, speed: 1 } as SessionView, ...extra });

  it('is null before anything happened', () => {
    expect(currentCaption(state({}), zh)).toBeNull();
  });

  it('a transition holds the line for a few seconds against newer retries and answers, then the newest event speaks', () => {
    const transitions = [tr('closed', 'open', 10_000)];
    const busy = { transitions, retries: [retry(11_000)], records: [rec(12_000, { source: 'local', attempts: 3 })] };
    expect(currentCaption(state({ ...busy, clock: { at: 12_000, wall: 0 } }), zh)).toMatchObject({ kind: 'breaker', major: true });
    expect(currentCaption(state({ ...busy, clock: { at: 14_000, wall: 0 } }), zh)).toMatchObject({ kind: 'request', major: false, text: '主模型调用 3 次都失败 → 降级到本地模型' });
    // At ×60 the hold is 3 s of real time: three minutes of sandbox time.
    const fast = state({ ...busy, clock: { at: 100_000, wall: 0 }, session: { policy: DEFAULT_POLICY, speed: 60 } as SessionView });
    expect(currentCaption(fast, zh)?.kind).toBe('breaker');
  });

  it('a script step is narrated in its own words, and a newer transition wins over it', () => {
    const script = { id: 'outage-then-recovery' as const, rev: 1, lang: 'zh' as const, state: 'playing' as const, next: 2, total: 4, atMs: 10_000, lengthMs: 80_000, last: { index: 1, at: 10_000, caption: { zh: '第 10 秒：上游宕机', en: 't = 10 s: down' } } };
    expect(currentCaption(state({ script, clock: { at: 10_500, wall: 0 } }), en)?.text).toBe('t = 10 s: down');
    expect(currentCaption(state({ script, transitions: [tr('closed', 'open', 12_000)], clock: { at: 12_500, wall: 0 } }), zh)?.kind).toBe('breaker');
  });
});
