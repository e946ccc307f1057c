import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '@/lib/contract';
import { BACKOFF_IDS } from '@/lib/resilience/backoff';
import { pythonCode, pythonDelayLine, typescriptCode } from './policy-code';

const withRetry = (patch: Partial<Policy['retry']>): Policy => ({ ...DEFAULT_POLICY, retry: { ...DEFAULT_POLICY.retry, ...patch } });

describe('typescriptCode', () => {
  it('writes the default policy as lib/resilience calls, with the SDK’s retries off', () => {
    const ts = typescriptCode(DEFAULT_POLICY, 'en');
    expect(ts).toContain("import { CircuitBreaker, createRetryPolicy, TtlLruCache } from '@/lib/resilience';");
    expect(ts).toContain('new OpenAI({ maxRetries: 0, timeout: 10_000 })');
    expect(ts).toContain('maxRetries: 2,');
    expect(ts).toContain("backoff: 'lesson-multiplicative',");
    expect(ts).toContain('backoffOptions: { baseMs: 1000, capMs: 60_000 },');
    expect(ts).toContain('failureThreshold: 3,');
    expect(ts).toContain('openMs: 30_000,');
    expect(ts).toContain('new TtlLruCache<string, string>({ maxEntries: 200, ttlMs: 300_000 })');
    expect(ts).toContain('breaker.execute(() => retry.execute(() => callPrimary(message)))');
    expect(ts).toContain('callLocal(message)');
  });

  it('follows the policy: no breaker, no cache, a budget, failure-rate mode, no canned reply', () => {
    const off: Policy = { ...DEFAULT_POLICY, breaker: { ...DEFAULT_POLICY.breaker, enabled: false }, cache: { ...DEFAULT_POLICY.cache, enabled: false }, fallback: { local: false, canned: false } };
    const ts = typescriptCode(off);
    expect(ts).not.toContain('CircuitBreaker');
    expect(ts).not.toContain('TtlLruCache');
    expect(ts).not.toContain('callLocal');
    expect(ts).toContain('throw error;');
    const rate: Policy = { ...withRetry({ budget: { enabled: true, maxTokens: 5, tokenRatio: 0.2 } }), breaker: { ...DEFAULT_POLICY.breaker, mode: 'failure-rate' } };
    const ts2 = typescriptCode(rate);
    expect(ts2).toContain('new RetryBudget({ maxTokens: 5, tokenRatio: 0.2 })');
    expect(ts2).toContain('failureRateThreshold: 0.5,');
    expect(ts2).not.toContain('failureThreshold: 3');
  });
});

describe('pythonCode', () => {
  it('writes the lesson’s demo policy in the lesson’s own calls: attempts = retries + 1, jitter=True', () => {
    const py = pythonCode(DEFAULT_POLICY, 'zh');
    expect(py).toContain('client = OpenAI(max_retries=0)');
    expect(py).toContain('@retry_with_backoff(max_retries=3, base_delay=1, max_delay=60, exponential_base=2, jitter=True)');
    expect(py).toContain('circuit_breaker = CircuitBreaker(failure_threshold=3, success_threshold=1, timeout=30, window_size=10)');
    expect(py).toContain('timeout=10,');
    expect(py).toContain('Retry-After');
    expect(py).toMatch(/课程的 dict 缓存永不过期；本沙盒的缓存 300 秒后过期/);
  });

  it('exponential without jitter, and a fixed delay, fit the decorator; other strategies print their delay line', () => {
    expect(pythonCode(withRetry({ strategy: 'exponential', maxRetries: 4 }))).toContain('max_retries=5, base_delay=1, max_delay=60, exponential_base=2, jitter=False');
    expect(pythonCode(withRetry({ strategy: 'constant' }))).toContain('exponential_base=1, jitter=False');
    expect(pythonCode(withRetry({ strategy: 'none' }))).toContain('base_delay=0');
    expect(pythonCode(withRetry({ strategy: 'full' }))).toContain('random.uniform(0, min(base_delay * (exponential_base ** attempt), max_delay))');
    for (const id of BACKOFF_IDS) {
      const expressible = ['none', 'constant', 'exponential', 'lesson-multiplicative'].includes(id);
      expect(pythonDelayLine(id) === null, id).toBe(expressible);
    }
  });

  it('has comments in the page’s language only', () => {
    expect(pythonCode(DEFAULT_POLICY, 'en')).not.toMatch(/[\u4e00-\u9fff]/u);
    expect(typescriptCode(DEFAULT_POLICY, 'en')).not.toMatch(/[\u4e00-\u9fff]/u);
    expect(typescriptCode(DEFAULT_POLICY, 'zh')).toMatch(/第 2 层/);
  });
});

describe('the SDK’s own retries (layered retries)', () => {
  it('write the policy’s sdkMaxRetries into both clients, with the calls multiplied out', () => {
    const layered = withRetry({ maxRetries: 2, sdkMaxRetries: 2 });
    const ts = typescriptCode(layered, 'en');
    expect(ts).toContain('new OpenAI({ maxRetries: 2, timeout: 10_000 })');
    expect(ts).toContain('up to 3 calls per attempt, 9 per question');
    const py = pythonCode(layered, 'zh');
    expect(py).toContain('client = OpenAI(max_retries=2)');
    expect(py).toContain('一个问题最多 9 次');
    // The decorator's own count is unchanged: the layers are separate.
    expect(py).toContain('@retry_with_backoff(max_retries=3,');
  });

  it('say the SDK is off, and why, at 0', () => {
    expect(typescriptCode(DEFAULT_POLICY, 'en')).toContain('// our code owns the retries');
    expect(pythonCode(DEFAULT_POLICY, 'en')).toContain('client = OpenAI(max_retries=0)  # our code owns the retries');
    expect(pythonCode(withRetry({ sdkMaxRetries: 0 }), 'en')).not.toContain('layered');
  });
});

