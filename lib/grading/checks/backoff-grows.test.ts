import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from '../test-utils';

/** One request failing `waits.length` times with a 503, each retry after the given wait, then succeeding. */
function request(s: ScriptedRecord, q: string, waits: number[]) {
  s.call(q, { status: 503 });
  waits.forEach((w, i) => s.wait(w).call(q, { status: i === waits.length - 1 ? 200 : 503 }));
}

describe('backoff-grows', () => {
  it('passes exponential waits', () => {
    const s = new ScriptedRecord();
    request(s, 'q', [500, 1000, 2000]);
    const c = s.check('backoff-grows');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.details[0]!.en).toBe('Request L1 (q): waited 500 ms → 1.00 s → 2.00 s (longer, longer)');
  });

  it('fails a fixed sleep, and an immediate retry loop', () => {
    const s = new ScriptedRecord();
    request(s, 'q', [1000, 1000, 1000]);
    expect(s.check('backoff-grows').verdict).toBe('fail');
    const t = new ScriptedRecord();
    request(t, 'q', [0, 5, 0]);
    expect(t.check('backoff-grows').verdict).toBe('fail');
    expect(t.check('backoff-grows').evidence.summary.en).toMatch(/2 the same/);
  });

  it('fails shrinking waits', () => {
    const s = new ScriptedRecord();
    request(s, 'q', [4000, 2000, 1000]);
    expect(s.check('backoff-grows').verdict).toBe('fail');
  });

  it('tolerates an occasional shorter wait, as full jitter gives', () => {
    const s = new ScriptedRecord();
    request(s, 'a', [300, 900, 700]);
    request(s, 'b', [100, 1500, 3100]);
    const c = s.check('backoff-grows');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.summary.en).toMatch(/4 pairs of successive waits: 3 longer, 0 the same, 1 shorter/);
  });

  it('ignores waits the server dictated with Retry-After', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 429, headers: { 'retry-after': '1' } });
    s.wait(1000).call('q', { status: 429, headers: { 'retry-after': '1' } });
    s.wait(1000).call('q', { status: 429, headers: { 'retry-after': '1' } });
    s.wait(1000).call('q', { status: 200 });
    expect(s.check('backoff-grows').verdict).toBe('unobserved');
  });

  it('is unobserved with a single retry', () => {
    const s = new ScriptedRecord();
    request(s, 'q', [500]);
    expect(s.check('backoff-grows').verdict).toBe('unobserved');
  });
});
