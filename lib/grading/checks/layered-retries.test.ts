import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from '../test-utils';

describe('layered-retries', () => {
  it('flags the SDK’s 3 attempts under a 3-attempt loop: 9 calls, and explains them', () => {
    const s = new ScriptedRecord();
    for (let outer = 0; outer < 3; outer++)
      for (let inner = 0; inner < 3; inner++) s.wait(400).call('q', { status: 429, code: 'insufficient_quota' }, { retryCount: inner });
    const c = s.check('layered-retries');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.details[0]!.en).toBe(
      'Request L1 (q): 9 calls = your code called the SDK 3 times × the SDK tried up to 3 times each (X-Stainless-Retry-Count 0…2): two layers of retries multiply',
    );
    expect(c.evidence.summary.en).toMatch(/maxRetries: 0/);
    expect(s.record.report().logicalRequests[0]!.sdkCalls).toBe(3);
  });

  it('passes requests that cost at most 5 calls', () => {
    const s = new ScriptedRecord();
    for (let i = 0; i < 4; i++) s.wait(100).call('q', { status: 503 });
    s.wait(100).call('q', { status: 200 });
    const c = s.check('layered-retries');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.details[0]!.en).toBe('Request L1 (q): 5 calls from one layer of retries');
  });

  it('flags a single loop that costs too many calls, with a different tip', () => {
    const s = new ScriptedRecord();
    for (let i = 0; i < 6; i++) s.wait(100).call('q', { status: 503 });
    const c = s.check('layered-retries');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.summary.en).toMatch(/retry budget/);
  });

  it('is unobserved when nothing was retried', () => {
    const s = new ScriptedRecord();
    s.call('a', { status: 500 });
    s.call('b', { status: 200 });
    expect(s.check('layered-retries').verdict).toBe('unobserved');
  });
});
