import { describe, expect, it } from 'vitest';
import { ExamRun } from './exam';
import { EXAM_SCRIPT, type ExamScene } from './exam-script';
import { ScriptedRecord } from './test-utils';
import { buildTracks } from './tracks';

const SCRIPT: ExamScene[] = [
  { id: 'blip', title: { zh: '短暂', en: 'blip' }, attempts: ['unavailable-503', null, 'server-500'], after: 'healthy', checks: ['backoff-grows'] },
  { id: 'key', title: { zh: '密钥', en: 'key' }, attempts: ['auth-401'], after: 'repeat', headers: { 'retry-after-ms': '10' }, checks: ['no-retry-on-permanent'] },
];

describe('ExamRun', () => {
  it('hands scenes to new logical requests in order and picks each attempt’s fault', () => {
    const exam = new ExamRun(SCRIPT, 0, 5000);
    expect(exam.decide(1, 1, true)).toEqual({ scene: 'blip', fault: 'unavailable-503', headers: {} });
    expect(exam.decide(2, 1, true)).toEqual({ scene: 'key', fault: 'auth-401', headers: { 'retry-after-ms': '10' } });
    expect(exam.decide(1, 2, false)?.fault).toBeNull(); // a healthy step inside the scene
    expect(exam.decide(1, 3, false)?.fault).toBe('server-500');
    expect(exam.decide(1, 4, false)?.fault).toBeNull(); // past the list: healthy
    expect(exam.decide(2, 7, false)?.fault).toBe('auth-401'); // a permanent error stays
    expect(exam.decide(3, 1, true)).toEqual({ scene: null, fault: null, headers: {} }); // no scene left: healthy
  });

  it('finishes when every scene settled, then serves nothing; stop() ends it early', () => {
    const s = new ScriptedRecord();
    const exam = new ExamRun(SCRIPT, 0, 5000);
    const update = () => exam.update(buildTracks(s.record.records, s.clock.t, 15_000), s.clock.t);
    s.call('a', { status: 200 });
    update();
    expect(exam.status().scenes.map((x) => x.state)).toEqual(['waiting', 'waiting']); // no scene was handed to it
    exam.decide(1, 1, true);
    update();
    expect(exam.status()).toMatchObject({ state: 'running', done: 1 });
    exam.decide(2, 1, true);
    s.call('b', { status: 401 });
    update();
    expect(exam.status().scenes[1]!.state).toBe('playing');
    expect(exam.status().hint.en).toMatch(/^Scene 2\/2: key…/);
    s.wait(5000);
    update();
    expect(exam.status().state).toBe('finished');
    expect(exam.decide(9, 1, true)).toBeNull();
    const stopped = new ExamRun(SCRIPT, 0, 5000);
    stopped.stop();
    expect(stopped.running).toBe(false);
    expect(stopped.status().hint.en).toMatch(/stopped \(0\/2 scenes done\)/);
  });

  it('counts a call left hanging past hungMs as done, even if the server never sees the client leave', () => {
    const s = new ScriptedRecord();
    const exam = new ExamRun([SCRIPT[0]!], 0, 5000, 60_000);
    exam.decide(1, 1, true);
    s.call('q', { hang: true });
    exam.update(buildTracks(s.record.records, 60_000, 15_000), 60_000);
    expect(exam.status().state).toBe('running');
    exam.update(buildTracks(s.record.records, 60_001, 15_000), 60_001);
    expect(exam.status().state).toBe('finished');
  });

  it('refuses an empty script', () => {
    expect(() => new ExamRun([], 0, 5000)).toThrow(RangeError);
  });

  it('ships a script whose scenes cover every check', () => {
    const covered = new Set(EXAM_SCRIPT.flatMap((s) => s.checks));
    expect([...covered].sort()).toEqual(
      ['backoff-grows', 'bounded-attempts', 'detects-cut-stream', 'honours-retry-after', 'jitter', 'layered-retries', 'no-retry-on-permanent', 'stops-on-quota', 'times-out'].sort(),
    );
    // The two 503 scenes must fail the same way, or jitter has nothing to compare.
    const unavailable = EXAM_SCRIPT.filter((s) => s.id.startsWith('unavailable'));
    expect(unavailable).toHaveLength(2);
    expect(unavailable[0]!.attempts).toEqual(unavailable[1]!.attempts);
  });
});
