import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from '../test-utils';

const quota = { status: 429, code: 'insufficient_quota' };

describe('stops-on-quota', () => {
  it('fails when the request is sent again after insufficient_quota', () => {
    const s = new ScriptedRecord();
    s.call('q', quota);
    s.wait(450).call('q', quota, { retryCount: 1 });
    s.wait(900).call('q', quota, { retryCount: 2 });
    const c = s.check('stops-on-quota');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.details[0]!.en).toMatch(/followed by 2 more calls \(the first after 450 ms, the SDK's own retry/);
  });

  it.each([
    ['a 402', { status: 402 }],
    ['DashScope Arrearage', { status: 400, code: 'Arrearage' }],
    ['DeepSeek insufficient_balance', { status: 402, code: 'insufficient_balance' }],
  ])('recognises %s as quota', (_name, answer) => {
    const s = new ScriptedRecord();
    s.call('q', answer);
    s.wait(100).call('q', answer);
    expect(s.check('stops-on-quota').verdict).toBe('fail');
  });

  it('passes when it stopped, and notes the other calls sent into an empty account', () => {
    const s = new ScriptedRecord();
    s.call('a', quota);
    s.wait(10).call('b', quota);
    s.wait(10).call('c', quota);
    const c = s.check('stops-on-quota');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.details.at(-1)!.en).toMatch(/In the 60 s after the first quota error \(#1\) 2 more calls went out/);
  });

  it('is unobserved without a quota error; a rate-limit 429 is not one', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 429, code: 'rate_limit_exceeded' });
    s.wait(100).call('q', { status: 429, code: 'rate_limit_exceeded' });
    expect(s.check('stops-on-quota').verdict).toBe('unobserved');
  });
});
