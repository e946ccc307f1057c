import { describe, expect, it } from 'vitest';
import type { ClientCallView } from '@/lib/contract';
import { ScriptedRecord } from '@/lib/grading/test-utils';
import { latestCalls, timelinePoints, verdictCounts } from './client-report-state';

describe('timelinePoints', () => {
  it('puts each retry’s wait against the Retry-After its previous attempt got, flagging the early ones', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 429, headers: { 'retry-after': '2' } });
    s.wait(1000).call('q', { status: 429, headers: { 'retry-after': '2' } });
    s.wait(2500).call('q', { status: 200 });
    s.call('other', { status: 200 });
    const points = timelinePoints(s.record.report().calls);
    expect(points).toEqual([
      { label: '#1', seq: 1, logical: 1, attempt: 1, waited: null, tooSoon: null, asked: null },
      { label: '#2', seq: 2, logical: 1, attempt: 2, waited: null, tooSoon: 1, asked: 2 },
      { label: '#3', seq: 3, logical: 1, attempt: 3, waited: 2.5, tooSoon: null, asked: 2 },
      { label: '#4', seq: 4, logical: 2, attempt: 1, waited: null, tooSoon: null, asked: null },
    ]);
  });

  it('keeps only the newest calls', () => {
    const s = new ScriptedRecord();
    for (let i = 0; i < 50; i++) s.call(`q${i}`, { status: 200 });
    const points = timelinePoints(s.record.report().calls, 100, 40);
    expect(points).toHaveLength(40);
    expect(points[0]!.seq).toBe(11);
  });

  it('does not pair an attempt with a non-adjacent one when older calls left the record', () => {
    const calls = [{ seq: 5, logical: 1, attempt: 3, gapMs: 100, retryAfterMs: null } as ClientCallView];
    expect(timelinePoints(calls)[0]!.asked).toBeNull();
  });
});

describe('verdictCounts and latestCalls', () => {
  it('count verdicts and list the newest calls first', () => {
    const s = new ScriptedRecord();
    s.call('a', { status: 401 });
    s.wait(10).call('a', { status: 401 });
    const report = s.record.report();
    const counts = verdictCounts(report.checks);
    expect(counts.pass + counts.fail + counts.unobserved).toBe(9);
    expect(counts.fail).toBeGreaterThanOrEqual(1);
    expect(latestCalls(report, 1).map((c) => c.seq)).toEqual([2]);
  });
});
