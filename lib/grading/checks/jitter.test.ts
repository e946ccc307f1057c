import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from '../test-utils';

function request(s: ScriptedRecord, q: string, waits: number[], status = 503) {
  s.call(q, { status });
  waits.forEach((w, i) => s.wait(w).call(q, { status: i === waits.length - 1 ? 200 : status }));
}

describe('jitter', () => {
  it('fails two requests that failed the same way and waited the same', () => {
    const s = new ScriptedRecord();
    request(s, 'a', [500, 1000]);
    request(s, 'b', [500, 1000]);
    const c = s.check('jitter');
    expect(c.verdict).toBe('fail');
    expect(c.evidence.details[0]!.en).toBe('Requests L1 and L2: the same wait at all 2 shared points');
  });

  it('passes when the waits differ beyond the tolerance', () => {
    const s = new ScriptedRecord();
    request(s, 'a', [500, 1000]);
    request(s, 'b', [430, 1300]);
    expect(s.check('jitter').verdict).toBe('pass');
  });

  it('counts one matching point out of two as different (not lock-step)', () => {
    const s = new ScriptedRecord();
    request(s, 'a', [500, 1000]);
    request(s, 'b', [500, 1700]);
    expect(s.check('jitter').verdict).toBe('pass');
  });

  it('holds waits within 2 % (or 10 ms) to be the same', () => {
    const s = new ScriptedRecord();
    request(s, 'a', [1000]);
    request(s, 'b', [1019]);
    expect(s.check('jitter').verdict).toBe('fail');
    const t = new ScriptedRecord();
    request(t, 'a', [1000]);
    request(t, 'b', [1021]);
    expect(t.check('jitter').verdict).toBe('pass');
  });

  it('compares only requests that failed the same way', () => {
    const s = new ScriptedRecord();
    request(s, 'a', [500], 503);
    request(s, 'b', [500], 500);
    expect(s.check('jitter').verdict).toBe('unobserved');
  });
});
