import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CallRecord } from './call-record';
import { groupKeyOf, LogicalGrouper } from './grouping';
import { ScriptedRecord } from './test-utils';
import { DEFAULT_THRESHOLDS } from './thresholds';

const hints = (o: Partial<{ idempotencyKey: string; requestId: string }> = {}) => ({ retryCount: null, userAgent: null, idempotencyKey: o.idempotencyKey ?? null, requestId: o.requestId ?? null });
const attempts = (s: ScriptedRecord) => s.record.report().calls.map((c) => [c.logical, c.attempt]);

describe('groupKeyOf', () => {
  it('prefers Idempotency-Key, then X-Request-Id, then the body; the SDKs’ own keys do not count', () => {
    expect(groupKeyOf(hints({ idempotencyKey: 'k1', requestId: 'r1' }), 'fp')).toEqual({ by: 'idempotency-key', value: 'idem:k1' });
    expect(groupKeyOf(hints({ requestId: 'r1' }), 'fp')).toEqual({ by: 'x-request-id', value: 'rid:r1' });
    expect(groupKeyOf(hints({ idempotencyKey: 'stainless-node-retry-abc' }), 'fp')).toEqual({ by: 'body', value: 'body:fp' });
  });
});

describe('logical requests', () => {
  it('group the same body until it succeeds; asking again afterwards is a new request', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 503 });
    s.wait(500).call('q', { status: 503 });
    s.wait(1000).call('q', { status: 200 });
    s.wait(10).call('q', { status: 200 });
    expect(attempts(s)).toEqual([[1, 1], [1, 2], [1, 3], [2, 1]]);
  });

  it('keep different bodies and different clients apart, even interleaved', () => {
    const s = new ScriptedRecord();
    s.call('a', { status: 503 });
    s.call('a', { status: 503 }, { clientKey: 'other student' });
    s.call('b', { status: 503 });
    s.wait(100).call('a', { status: 200 });
    s.call('b', { status: 200 });
    expect(attempts(s)).toEqual([[1, 1], [2, 1], [3, 1], [1, 2], [3, 2]]);
  });

  it('end after the window of silence', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 503 });
    s.wait(DEFAULT_THRESHOLDS.groupWindowMs + 1).call('q', { status: 503 });
    expect(attempts(s)).toEqual([[1, 1], [2, 1]]);
  });

  it('follow an explicit key across different bodies and past a success', () => {
    const s = new ScriptedRecord();
    s.call('q', { status: 200 }, { idempotencyKey: 'k' });
    s.wait(10).call('q2', { status: 200 }, { idempotencyKey: 'k' });
    s.call('q', { status: 200 }, { requestId: 'r' });
    const report = s.record.report();
    expect(attempts(s)).toEqual([[1, 1], [1, 2], [2, 1]]);
    expect(report.logicalRequests.map((l) => l.groupedBy)).toEqual(['idempotency-key', 'x-request-id']);
  });

  it('remember at most maxGroups open requests, forgetting the least recently used', () => {
    const grouper = new LogicalGrouper(70_000, 2);
    const rec = (q: string) => ({ at: 0, answeredAt: 0, endedAt: 0, status: 500, body: 'complete', clientLeft: false, stream: false, fault: null, bytes: 0, q }) as unknown as CallRecord;
    const key = (q: string) => ({ by: 'body' as const, value: q });
    for (const q of ['a', 'b', 'c']) grouper.assign(rec(q), key(q));
    const again = rec('a');
    expect(grouper.assign(again, key('a'))).toBe(true); // 'a' was forgotten: a new logical request
    expect(again.logical).toBe(4);
    const c = rec('c');
    expect(grouper.assign(c, key('c'))).toBe(false);
    expect([c.logical, c.attempt]).toEqual([3, 2]);
  });

  it('number the attempts of every logical request 1, 2, 3 … in arrival order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ q: fc.constantFrom('a', 'b', 'c'), wait: fc.nat(100_000), ok: fc.boolean() }), { maxLength: 40 }), (script) => {
        const s = new ScriptedRecord();
        for (const step of script) s.wait(step.wait).call(step.q, { status: step.ok ? 200 : 503 });
        const seen = new Map<number, number>();
        let maxId = 0;
        for (const c of s.record.report().calls) {
          expect(c.attempt).toBe((seen.get(c.logical) ?? 0) + 1);
          seen.set(c.logical, c.attempt);
          if (c.attempt === 1) expect(c.logical).toBe(++maxId);
        }
      }),
    );
  });
});
