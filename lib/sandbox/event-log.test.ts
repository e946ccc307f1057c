import { describe, expect, it } from 'vitest';
import type { RequestRecord, SandboxEvent, ScriptStatus } from '@/lib/contract';
import { EventEmitter } from '@/lib/resilience/events';
import { EventLog, toRow } from './event-log';

const request = (id: number, endedAt: number, message = 'q'): SandboxEvent => ({
  type: 'request',
  request: { id, message, source: 'api', content: 'long answer', startedAt: endedAt - 10, endedAt, latencyMs: 10, attempts: 1, upstreamCalls: 1, trace: [] } as RequestRecord,
  stats: {} as never,
});
const script = (state: ScriptStatus['state'], index: number | null, at = 0): SandboxEvent => ({
  type: 'script',
  script: { id: 'outage-then-recovery', rev: 1, lang: 'zh', state, next: 0, total: 4, atMs: 0, lengthMs: 80_000, last: index === null ? null : { index, at, caption: { zh: '中', en: 'en' } } },
});

describe('EventLog', () => {
  it('keeps the run’s events as rows in sandbox-time order, and starts afresh with each build', () => {
    const hub = new EventEmitter<SandboxEvent>();
    let generation = 1;
    const log = new EventLog(hub.event, () => generation);
    hub.emit(request(2, 50));
    hub.emit(request(1, 20));
    hub.emit({ type: 'breaker', transition: { from: 'closed', to: 'open', at: 30, reason: { code: 'failure-threshold', zh: '连续失败', en: 'failures' } } });
    hub.emit({ type: 'run', run: { id: 'run-9', seq: 9, kind: 'burst', state: 'running', sent: 0, completed: 0 } });
    expect(log.snapshot().map((r) => [r.type, r.at, r.seq])).toEqual([
      ['request', 20, 2],
      ['breaker', 30, 3],
      ['request', 50, 1],
    ]);
    generation = 2;
    expect(log.snapshot()).toEqual([]);
    hub.emit(request(3, 5));
    expect(log.snapshot()).toMatchObject([{ seq: 1, requestId: 3 }]);
  });

  it('is bounded: the oldest rows go first and are counted', () => {
    const hub = new EventEmitter<SandboxEvent>();
    const log = new EventLog(hub.event, () => 1, 10);
    for (let i = 1; i <= 50; i++) hub.emit(request(i, i));
    const rows = log.snapshot();
    expect(rows.length).toBeLessThanOrEqual(11);
    expect(rows.at(-1)!.requestId).toBe(50);
    expect(log.dropped + rows.length).toBe(50);
  });

  it('rows carry no trace or answer, and cut long messages', () => {
    const row = toRow(request(1, 1, '长'.repeat(1000)))!;
    expect(row.message).toHaveLength(200);
    expect(JSON.stringify(row)).not.toContain('long answer');
  });

  it('logs each script step once, though several statuses carry it', () => {
    const hub = new EventEmitter<SandboxEvent>();
    const log = new EventLog(hub.event, () => 1);
    hub.emit(script('playing', 0, 0));
    hub.emit(script('playing', 0, 0));
    hub.emit(script('done', 0, 0));
    hub.emit(script('playing', 1, 10));
    expect(log.snapshot().map((r) => r.reason)).toEqual(['outage-then-recovery#0', 'outage-then-recovery#1']);
  });

  it('script rows are the steps fired, not the instructor’s pauses', () => {
    expect(toRow(script('playing', null))).toBeUndefined();
    expect(toRow(script('paused', 1))).toBeUndefined();
    expect(toRow(script('playing', 1, 10_000))).toMatchObject({ type: 'script', at: 10_000, reason: 'outage-then-recovery#1', detailZh: '中' });
  });
});
