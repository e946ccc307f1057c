import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../thresholds';
import { ScriptedRecord } from '../test-utils';

describe('bounded-attempts', () => {
  it('fails as soon as one request passes the bound, even while it is still going', () => {
    const s = new ScriptedRecord();
    for (let i = 0; i < 11; i++) s.wait(1000).call('q', { status: 500 });
    const c = s.check('bounded-attempts');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.details[0]!.en).toMatch(/11 attempts, the last #11 500, still going/);
  });

  it('passes once a failing request gave up within the bound (quiet for settleMs)', () => {
    const s = new ScriptedRecord();
    for (let i = 0; i < 4; i++) s.wait(500).call('q', { status: 500 });
    expect(s.check('bounded-attempts').verdict).toBe('unobserved');
    s.wait(DEFAULT_THRESHOLDS.settleMs);
    const c = s.check('bounded-attempts');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.summary.en).toBe('Failing requests gave up after at most 4 attempts.');
  });

  it('counts moving on to another request as giving up', () => {
    const s = new ScriptedRecord();
    s.call('a', { status: 401 });
    s.wait(5).call('b', { status: 200 });
    expect(s.check('bounded-attempts').verdict).toBe('pass');
  });

  it('is unobserved when every request succeeded', () => {
    const s = new ScriptedRecord();
    s.call('a', { status: 503 });
    s.wait(100).call('a', { status: 200 });
    expect(s.check('bounded-attempts').verdict).toBe('unobserved');
  });

  it('uses the threshold it is given', () => {
    const s = new ScriptedRecord({ ...DEFAULT_THRESHOLDS, maxBoundedAttempts: 2 });
    for (let i = 0; i < 3; i++) s.wait(10).call('q', { status: 500 });
    expect(s.check('bounded-attempts').verdict).toBe('fail');
    expect(s.check('bounded-attempts').rule.en).toMatch(/more than 2 attempts/);
  });
});
