import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { ClientRecord } from './client-record';
import type { ExamScene } from './exam-script';
import { readRequestBody } from './fingerprint';
import { ScriptedRecord } from './test-utils';

const arrival = (q: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: new Headers(headers),
  body: readRequestBody(new TextEncoder().encode(JSON.stringify({ messages: [{ role: 'user', content: q }] }))),
  clientKey: 'k',
});

describe('ClientRecord', () => {
  it('is a bounded ring buffer: the oldest calls go first, and the report counts them', () => {
    const record = new ClientRecord({ capacity: 3 });
    for (let i = 1; i <= 5; i++) record.begin(arrival(`q${i}`));
    const report = record.report();
    expect(report.calls.map((c) => c.seq)).toEqual([3, 4, 5]);
    expect(report.dropped).toBe(2);
    expect(record.size).toBe(3);
  });

  it('never holds more than its capacity, keeps the newest calls in order, and counts every one it dropped (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 60 }), (capacity, n) => {
        const record = new ClientRecord({ capacity });
        for (let i = 0; i < n; i++) record.begin(arrival(`q${i % 3}`));
        const report = record.report();
        expect(report.calls.length).toBe(Math.min(n, capacity));
        expect(report.dropped).toBe(Math.max(0, n - capacity));
        expect(report.calls.map((c) => c.seq)).toEqual(Array.from({ length: report.calls.length }, (_, i) => n - report.calls.length + i + 1));
      }),
    );
  });

  it('keeps the client’s hints, bounded, and reads the Retry-After it was asked, however long', () => {
    const s = new ScriptedRecord();
    const record = s.record;
    const { record: r } = record.begin(arrival('q', { 'x-stainless-retry-count': '2', 'user-agent': 'x'.repeat(500), 'x-request-id': 'r-1' }));
    record.answered(r, 429, new Headers({ 'retry-after': '120', 'x-should-retry': 'true', 'x-secret': 'no' }), 'rate_limit_exceeded');
    const [view] = record.report().calls;
    expect(view!.hints).toEqual({ retryCount: 2, userAgent: 'x'.repeat(120), idempotencyKey: null, requestId: 'r-1' });
    expect(view!.sentHeaders).toEqual({ 'retry-after': '120', 'x-should-retry': 'true' });
    expect(view!.retryAfterMs).toBe(120_000);
  });

  it('reads an HTTP-date Retry-After against its wall clock', () => {
    const s = new ScriptedRecord();
    const { record: r } = s.record.begin(arrival('q'));
    s.record.answered(r, 429, new Headers({ 'retry-after': new Date(1_700_000_000_000 + 3000).toUTCString() }), null);
    expect(s.record.report().calls[0]!.retryAfterMs).toBe(3000);
  });

  it('a client leaving before the answer is a hang-up; after it, an abandoned body; late news is ignored', () => {
    const s = new ScriptedRecord();
    const { record: a } = s.record.begin(arrival('a'));
    s.wait(100);
    s.record.left(a);
    s.record.answered(a, 200, new Headers(), null); // the handler's late answer
    const { record: b } = s.record.begin(arrival('b'));
    s.record.answered(b, 200, new Headers(), null);
    s.wait(50);
    s.record.left(b);
    s.record.ended(b, 'complete');
    const [va, vb] = s.record.report().calls;
    expect(va).toMatchObject({ kind: 'client-left', status: null, endedAt: 100 });
    expect(vb).toMatchObject({ kind: 'ok', body: 'abandoned', endedAt: 150 });
  });

  it('clear() and useClock() start over at time 0 and at seq 1', async () => {
    const clock = new VirtualClock(5000);
    const record = new ClientRecord({ clock });
    await clock.advance(250);
    expect(record.now()).toBe(250);
    record.begin(arrival('a'));
    record.clear();
    expect(record.report().calls).toEqual([]);
    expect(record.begin(arrival('b')).record.seq).toBe(1);
    const other = new VirtualClock(0);
    record.useClock(other);
    expect(record.now()).toBe(0);
    expect(record.size).toBe(0);
  });

  it('runs the exam it is given: scene faults on arrival, progress in the report; stop() returns the session its scenario', () => {
    const script: ExamScene[] = [{ id: 'one', title: { zh: '一', en: 'one' }, attempts: ['server-500'], after: 'healthy', checks: ['backoff-grows'] }];
    const s = new ScriptedRecord();
    s.record.begin(arrival('before'));
    expect(s.record.startExam(script)).toMatchObject({ state: 'running', done: 0 });
    expect(s.record.size).toBe(0); // the exam starts from a clean record
    const first = s.record.begin(arrival('q'));
    expect(first.exam).toEqual({ scene: 'one', fault: 'server-500', headers: {} });
    expect(first.record.examScene).toBe('one');
    s.record.answered(first.record, 500, new Headers(), null);
    s.record.ended(first.record, 'complete');
    expect(s.record.begin(arrival('q')).exam?.fault).toBeNull();
    expect(s.record.stopExam().state).toBe('stopped');
    expect(s.record.begin(arrival('q')).exam).toBeNull();
    expect(s.record.report().exam.state).toBe('stopped');
  });

  it('reports an idle exam before the first one', () => {
    expect(new ClientRecord().report().exam).toMatchObject({ state: 'idle', done: 0, startedAt: null });
  });
});
