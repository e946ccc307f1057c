import { describe, expect, it } from 'vitest';
import { ScriptedRecord } from './test-utils';
import { buildTracks } from './tracks';

describe('buildTracks', () => {
  it('measures each retry’s wait and leaves overlapping attempts unmeasured', () => {
    const s = new ScriptedRecord();
    s.call('q', { hang: true }); // still in flight…
    s.wait(100).call('q', { status: 503 }); // …when a duplicate arrives
    s.wait(400).call('q', { status: 200 });
    const [t] = buildTracks(s.record.records, s.clock.t, 15_000);
    expect(t!.gaps).toEqual([null, null, 400]);
    expect(t!.state).toBe('ok');
  });

  it('settles a failed request after the quiet time or when the client moves on, never before', () => {
    const s = new ScriptedRecord();
    s.call('a', { status: 500 });
    const at = (t: number) => buildTracks(s.record.records, t, 15_000)[0]!;
    expect(at(14_999)).toMatchObject({ state: 'failed', settled: false, movedOn: false });
    expect(at(15_000).settled).toBe(true);
    s.call('b', { status: 200 }); // same instant, a different request
    expect(at(0)).toMatchObject({ settled: true, movedOn: true });
  });

  it('keeps a request in flight while its stream is still being read', () => {
    const s = new ScriptedRecord();
    const { record } = s.record.begin({ method: 'POST', path: '/v1/chat/completions', headers: new Headers(), body: { hash: 'h', question: 'q', stream: true, assistantPrefixes: [] }, clientKey: 'k' });
    s.record.answered(record, 200, new Headers(), null);
    expect(buildTracks(s.record.records, 0, 15_000)[0]!.state).toBe('in-flight');
    s.record.ended(record, 'complete');
    expect(buildTracks(s.record.records, 0, 15_000)[0]!.state).toBe('ok');
  });
});
