import { describe, expect, it } from 'vitest';
import { statusKind } from './call-record';
import { ScriptedRecord } from './test-utils';

describe('statusKind', () => {
  it.each([
    [400, null, 'permanent'],
    [401, 'invalid_api_key', 'permanent'],
    [403, null, 'permanent'],
    [404, 'model_not_found', 'permanent'],
    [413, null, 'permanent'],
    [422, null, 'permanent'],
    [402, null, 'quota'],
    [429, 'insufficient_quota', 'quota'],
    [429, 'rate_limit_exceeded', 'retryable'],
    [408, null, 'retryable'],
    [409, null, 'retryable'],
    [500, null, 'retryable'],
    [529, 'overloaded_error', 'retryable'],
    [418, null, 'other-error'],
  ] as const)('%i %s → %s', (status, code, kind) => {
    expect(statusKind(status, code)).toBe(kind);
  });
});

describe('callKind and the gap it measures', () => {
  it('says what each call turned out to be', () => {
    const s = new ScriptedRecord();
    s.call('a', { status: 200 });
    s.call('b', { reset: true });
    s.call('c', { stream: 'cut' });
    s.call('d', { stream: 'no-done' });
    s.call('e', { hang: true, leaveAfterMs: 100 });
    s.call('f', { hang: true });
    expect(s.record.report().calls.map((c) => c.kind)).toEqual(['ok', 'reset', 'broken-stream', 'broken-stream', 'client-left', 'pending']);
  });

  it('measures a retry’s wait from the moment the client could act: the error’s answer, or its own hang-up', () => {
    const s = new ScriptedRecord();
    s.call('q', { hang: true, leaveAfterMs: 10_000 });
    s.wait(250).call('q', { status: 200 });
    const [first, second] = s.record.report().calls;
    expect(first!.endedAt).toBe(10_000);
    expect(second!.gapMs).toBe(250);
  });
});
