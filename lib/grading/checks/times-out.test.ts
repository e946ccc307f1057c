import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from '../test-utils';

describe('times-out', () => {
  it('passes a client that hangs up within the limit', () => {
    const s = new ScriptedRecord();
    s.call('q', { hang: true, leaveAfterMs: 30_000 });
    const c = s.check('times-out');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.details[0]!.en).toBe('#1: hung up after 30.00 s');
  });

  it('fails a client that hangs up only after the limit (the SDK default is 600 s)', () => {
    const s = new ScriptedRecord();
    s.call('q', { hang: true, leaveAfterMs: 600_000 });
    expect(s.check('times-out').verdict).toBe('fail');
  });

  it('is "waiting" while a hung call is younger than the limit, and fails once it is older', () => {
    const s = new ScriptedRecord();
    s.call('q', { hang: true });
    s.wait(59_000);
    const waiting = s.check('times-out');
    expect(waiting.verdict).toBe('unobserved');
    expect(waiting.evidence.details[0]!.en).toBe('#1: waiting for 59.00 s…');
    s.wait(2000);
    const late = s.check('times-out');
    expect(late.verdict).toBe('fail');
    expect(late.evidence.details[0]!.en).toBe('#1: still waiting after 61.00 s');
  });

  it('ignores calls that were not under the timeout fault', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 504 });
    expect(s.check('times-out').verdict).toBe('unobserved');
  });
});
