import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from '../test-utils';

describe('detects-cut-stream', () => {
  it('passes when a cut stream is retried', () => {
    const s = new ScriptedRecord();
    s.call('q', { stream: 'cut' });
    s.wait(300).call('q', { stream: 'ok' });
    const c = s.check('detects-cut-stream');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.details[0]!.en).toBe('#1 stream cut: retried as #2 after 300 ms');
  });

  it('fails when a truncated stream is followed by another question', () => {
    const s = new ScriptedRecord();
    s.call('a', { stream: 'no-done' });
    s.wait(10).call('b', { stream: 'ok' });
    const c = s.check('detects-cut-stream');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.details[0]!.en).toMatch(/^#1 stream truncated \(no \[DONE\]\): not retried; the next call #2 was another request/);
  });

  it('fails, for certain, when a later request quotes the partial text as the assistant turn', () => {
    const s = new ScriptedRecord();
    s.call('a', { stream: 'cut', text: 'Python 是一种' });
    s.wait(10).call('follow-up', { status: 200 }, { assistant: ['Python 是一种'] });
    const c = s.check('detects-cut-stream');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.details[0]!.en).toMatch(/#2 quoted the partial reply “Python 是一种…”/);
  });

  it('waits for the next move, and is unobserved without a broken stream', () => {
    const s = new ScriptedRecord();
    s.call('a', { stream: 'cut' });
    expect(s.check('detects-cut-stream').verdict).toBe('unobserved');
    expect(s.check('detects-cut-stream').evidence.details[0]!.en).toMatch(/waiting/);
    const t = new ScriptedRecord();
    t.call('a', { stream: 'ok' });
    t.call('b', { status: 200 });
    expect(t.check('detects-cut-stream').verdict).toBe('unobserved');
  });

  it('treats a body cut before any byte as a reset, not a broken stream', () => {
    const s = new ScriptedRecord();
    s.call('a', { reset: true, fault: 'connection-reset' });
    s.wait(10).call('b', { status: 200 });
    expect(s.record.report().calls[0]!.kind).toBe('reset');
    expect(s.check('detects-cut-stream').verdict).toBe('unobserved');
  });
});
