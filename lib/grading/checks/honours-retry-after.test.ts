import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from '../test-utils';

const limited = { status: 429, code: 'rate_limit_exceeded', headers: { 'retry-after': '2' } };
const ok = { status: 200 };

describe('honours-retry-after', () => {
  it('passes when every retry after a Retry-After waited at least as long', () => {
    const s = new ScriptedRecord();
    s.call('q', limited);
    s.wait(2000).call('q', limited);
    s.wait(2500).call('q', ok);
    const c = s.check('honours-retry-after');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.calls).toEqual([1, 2, 3]);
    expect(c.evidence.details[0]!.en).toMatch(/asked for 2\.00 s; #2 came after 2\.00 s \(a retry by your code\)/);
  });

  it('fails on a retry sooner than asked, and names who retried', () => {
    const s = new ScriptedRecord();
    s.call('q', limited);
    s.wait(1000).call('q', ok, { retryCount: 1 });
    const c = s.check('honours-retry-after');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.details[0]!.en).toMatch(/#2 came after 1\.00 s \(the SDK's own retry/);
    expect(c.evidence.details[0]!.zh).toContain('只等了 1.00 s');
  });

  it('allows the tolerance, not more', () => {
    const s = new ScriptedRecord();
    s.call('q', limited);
    s.wait(1901).call('q', ok);
    expect(s.check('honours-retry-after').verdict).toBe('pass');
    const t = new ScriptedRecord();
    t.call('q', limited);
    t.wait(1899).call('q', ok);
    expect(t.check('honours-retry-after').verdict).toBe('fail');
  });

  it('reads retry-after-ms first, and a 503 with Retry-After counts too', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 503, headers: { 'retry-after-ms': '300', 'retry-after': '9' } });
    s.wait(400).call('q', ok);
    expect(s.check('honours-retry-after').verdict).toBe('pass');
  });

  it('is unobserved without a Retry-After, or when the client never retried after one', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 500 });
    s.wait(10).call('q', ok);
    expect(s.check('honours-retry-after').verdict).toBe('unobserved');
    expect(s.check('honours-retry-after').evidence.toObserve?.en).toMatch(/Rate limited/);
    const t = new ScriptedRecord();
    t.call('q', limited);
    t.wait(5000).call('other', ok);
    const c = t.check('honours-retry-after');
    expect(c.verdict).toBe('unobserved');
    expect(c.evidence.details[0]!.en).toMatch(/1 more answer with Retry-After was not retried/);
  });

  it('compares only attempts of the same request: another question right after a 429 is not a retry', () => {
    const s = new ScriptedRecord();
    s.call('a', limited);
    s.wait(10).call('b', ok);
    s.wait(2000).call('a', ok);
    expect(s.check('honours-retry-after').verdict).toBe('pass');
  });
});
