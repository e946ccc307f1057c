import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from '../test-utils';

describe('no-retry-on-permanent', () => {
  it.each([400, 401, 403, 404, 422])('fails when a %i is retried', (status) => {
    const s = new ScriptedRecord();
    s.call('q', { status, code: 'x' });
    s.wait(1000).call('q', { status, code: 'x' });
    const c = s.check('no-retry-on-permanent');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.calls).toEqual([1, 2]);
  });

  it('fails when a quota error is retried, with the SDK tip when the SDK did it', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 429, code: 'insufficient_quota' });
    s.wait(400).call('q', { status: 429, code: 'insufficient_quota' }, { retryCount: 1 });
    const c = s.check('no-retry-on-permanent');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.summary.en).toMatch(/maxRetries: 0/);
  });

  it('passes when permanent errors end their requests, and says "so far" until the client moved on', () => {
    const s = new ScriptedRecord();
    s.call('a', { status: 401, code: 'invalid_api_key' });
    expect(s.check('no-retry-on-permanent').evidence.details[0]!.en).toMatch(/not retried \(so far\)/);
    s.wait(10).call('b', { status: 402 });
    const c = s.check('no-retry-on-permanent');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.details[0]!.en).toMatch(/#1 401 invalid_api_key: not retried$/);
  });

  it('does not count retryable errors, and is unobserved without a permanent one', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 503 });
    s.wait(10).call('q', { status: 429, code: 'rate_limit_exceeded' });
    s.wait(10).call('q', { status: 200 });
    expect(s.check('no-retry-on-permanent').verdict).toBe('unobserved');
  });
});
