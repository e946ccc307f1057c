import { describe, expect, it } from 'vitest';
import { applyPolicyPatch, DEFAULT_POLICY, type RequestRecord, type SandboxEvent } from '@/lib/contract';
import { getPreset } from '@/lib/scenario/presets';
import { handleUpstreamRequest } from '@/lib/sandbox/mock-upstream';
import { SandboxSession } from '@/lib/sandbox/session';
import { Room } from './room';
import { instantPacer, turnUntil } from './test-utils';

const TOKEN = 'instructor-token-for-tests-0123456789abcdef';

function classroom(members: number, settings: ConstructorParameters<typeof Room>[2] = {}) {
  const pacer = instantPacer();
  const room = new Room('K7QX2M', TOKEN, settings, { pacer });
  const sessions = Array.from({ length: members }, (_, i) => new SandboxSession(`student${i}`, `cookie${i}`, {}, { pacer }));
  return { pacer, room, sessions };
}

/** Every primary attempt a member's sandbox made: `at → status` (200 for a success), from its own request events. */
function attemptsOf(session: SandboxSession) {
  const attempts = new Map<number, number>();
  session.onEvent((e: SandboxEvent) => {
    if (e.type !== 'request') return;
    for (const step of (e.request as RequestRecord).trace) {
      if (step.type === 'attempt' && step.layer === 'primary') attempts.set(step.at, step.ok ? 200 : (step.error?.status ?? 0));
    }
  });
  return attempts;
}

const chat = () =>
  new Request('http://sandbox.test/api/sandbox/x/v1/chat/completions', {
    method: 'POST',
    headers: { authorization: 'Bearer sk-mine', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'What is Go?' }] }),
  });

describe('a room of five students on one incident', () => {
  it('every member’s sandbox and endpoint see the same fault at the same sandbox time; the aggregate is the sum of the members’ calls', async () => {
    const { room, sessions } = classroom(5);
    for (const s of sessions) expect(room.join(s).ok).toBe(true);
    expect(room.memberCount).toBe(5);
    const attempts = sessions.map(attemptsOf);
    const records: RequestRecord[] = [];
    sessions.forEach((s) => s.onEvent((e) => e.type === 'request' && records.push(e.request)));
    // At the outage's step and at the recovery's, each member's own endpoint is asked once, in the same callback.
    const endpointSeen: { step: number; at: number; status: number }[][] = sessions.map(() => []);
    sessions.forEach((s, i) =>
      s.onEvent((e) => {
        if (e.type !== 'script' || !e.script.last || e.script.state !== 'playing') return;
        const step = e.script.last.index;
        if ((step === 1 || step === 2) && !endpointSeen[i]!.some((x) => x.step === step)) {
          const at = s.now();
          void handleUpstreamRequest(chat(), s.endpoint).then((r) => endpointSeen[i]!.push({ step, at, status: r.status }));
        }
      }),
    );

    room.startIncident('outage-then-recovery');
    const t0 = room.incident!.last!.at;
    // The outage and its recovery, then stop: 50 s of room time.
    await turnUntil(() => room.clock.now() >= t0 + 50_000);
    room.controlIncident('stop');
    await turnUntil(() => sessions.every((s) => s.view().run?.state !== 'running' && s.view().run!.completed === s.view().run!.sent));

    // Each member's sandbox: ok before 10 s, 503 from 10 s to 40 s, and the first 503 at exactly t0 + 10 s for everyone.
    for (const a of attempts) {
      expect(a.size).toBeGreaterThan(40);
      for (const [at, status] of a) {
        if (at < t0 + 10_000) expect(status, `at ${at - t0}`).toBe(200);
        else if (at < t0 + 40_000) expect(status, `at ${at - t0}`).toBe(503);
        else expect(status, `at ${at - t0}`).toBe(200);
      }
      expect(Math.min(...[...a].filter(([, s]) => s === 503).map(([at]) => at))).toBe(t0 + 10_000);
    }
    // Where two members called at the same instant, they got the same answer.
    const common = [...attempts[0]!.keys()].filter((at) => attempts.every((a) => a.has(at)));
    expect(common.length).toBeGreaterThan(40);
    for (const at of common) expect(new Set(attempts.map((a) => a.get(at))).size).toBe(1);

    // Each member's endpoint: 503 at the outage's step, 200 at the recovery's, at the same sandbox times.
    await turnUntil(() => endpointSeen.every((e) => e.length === 2));
    const byStep = (step: number) => endpointSeen.map((e) => e.find((x) => x.step === step)!);
    expect(byStep(1).map((x) => x.status)).toEqual([503, 503, 503, 503, 503]);
    expect(new Set(byStep(1).map((x) => x.at))).toEqual(new Set([t0 + 10_000]));
    expect(byStep(2).map((x) => x.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(byStep(2).map((x) => x.at))).toEqual(new Set([t0 + 40_000]));

    // The room's aggregate: exactly the calls the members' own upstreams counted, service and endpoint.
    const view = room.view('instructor', 0);
    const sum = sessions.reduce((n, s) => n + s.primaryCalls + s.endpoint.calls, 0);
    expect(view.run.totals.calls).toBe(sum);
    expect(view.run.totals.firstTries + view.run.totals.retries).toBe(sum);
    expect(view.run.series.first.reduce((a, b) => a + b, 0) + view.run.series.retries.reduce((a, b) => a + b, 0)).toBe(sum);
    // … which are the calls their own request records say they made, plus the two endpoint calls each.
    expect(records.reduce((n, r) => n + r.upstreamCalls, 0) + 2 * sessions.length).toBe(sum);
    expect(view.dots.map((d) => d.n)).toEqual([1, 2, 3, 4, 5]);
    expect(Math.max(...view.run.series.open)).toBe(5); // every breaker opened in the outage
    room.dispose();
    sessions.forEach((s) => s.dispose());
  }, 120_000);
});

describe('membership', () => {
  it('leaving gives the student their own settings back, on a clock of their own; the room’s push never leaks into them', async () => {
    const { room, sessions } = classroom(1, { speed: 10 });
    const [s] = sessions as [SandboxSession];
    const preset = getPreset('rate-limited')!;
    const own = applyPolicyPatch(DEFAULT_POLICY, { retry: { maxRetries: 5, strategy: 'decorrelated' } });
    s.update({ presetId: preset.id, scenario: { ...preset.scenario, seed: 7 }, policy: own, speed: 60 });
    const before = { ...s.current };

    room.join(s);
    room.setPolicy({ preset: 'no-jitter' });
    expect(s.view().room).toMatchObject({ code: 'K7QX2M', you: 1, policyPushed: true, preset: 'no-jitter' });
    expect(s.current.speed).toBe(10);
    expect(s.current.presetId).toBe('healthy');
    expect(s.current.policy.retry.strategy).toBe('exponential');
    // While pushed, the student's own edits do not win.
    s.update({ policy: applyPolicyPatch(s.current.policy, { retry: { strategy: 'full' } }), speed: 1 });
    expect(s.current.policy.retry.strategy).toBe('exponential');
    expect(s.current.speed).toBe(10);
    // Released: their own policy comes back and is theirs to change.
    room.setPolicy({ studentsChoose: true });
    expect(s.current.policy).toEqual(own);
    expect(s.view().room?.policyPushed).toBe(false);
    s.update({ policy: applyPolicyPatch(own, { retry: { strategy: 'equal' } }) });
    expect(s.current.policy.retry.strategy).toBe('equal');
    // … and only theirs: another member keeps their own.
    const other = new SandboxSession('other', 'other-cookie', {}, { pacer: instantPacer() });
    room.join(other);
    expect(other.current.policy).toEqual(DEFAULT_POLICY);
    s.update({ policy: applyPolicyPatch(own, { retry: { strategy: 'none' } }) });
    expect(other.current.policy).toEqual(DEFAULT_POLICY);
    room.leave(other);
    other.dispose();
    // A student cannot start their own script in a room.
    expect(s.startScript('lesson-demo').script ?? null).toBeNull();

    expect(room.leave(s)).toBe(true);
    expect(room.leave(s)).toBe(false);
    expect(s.current).toEqual(before);
    expect(s.view().room).toBeNull();
    expect(s.now()).toBeLessThan(100); // a fresh clock of its own
    room.dispose();
    s.dispose();
  });

  it('a full room refuses the next student; an evicted session leaves by itself; closing the room releases everyone', () => {
    const pacer = instantPacer();
    const room = new Room('K7QX2M', TOKEN, {}, { pacer, maxMembers: 2 });
    const [a, b, c] = [0, 1, 2].map((i) => new SandboxSession(`s${i}`, `t${i}`, { speed: 60 }, { pacer })) as [SandboxSession, SandboxSession, SandboxSession];
    expect(room.join(a).ok).toBe(true);
    expect(room.join(a).ok).toBe(true); // rejoining is not a second member
    expect(room.join(b).ok).toBe(true);
    expect(room.join(c)).toEqual({ ok: false, reason: 'full' });
    a.dispose();
    expect(room.memberCount).toBe(1);
    expect(room.join(c).ok).toBe(true);
    expect(room.numberOf(c)).toBe(3); // numbers are never reused
    room.dispose();
    expect(b.view().room).toBeNull();
    expect(c.current.speed).toBe(60);
    [b, c].forEach((s) => s.dispose());
  });

  it('the aggregate shows anonymous numbered dots only: no ids, messages or settings of a student', () => {
    const { room, sessions } = classroom(2, { simulated: 3 });
    sessions.forEach((s) => room.join(s));
    const view = room.view('member', 1000, 2);
    expect(view.you).toBe(2);
    expect(view.dots).toHaveLength(5);
    for (const d of view.dots) expect(Object.keys(d).sort()).toEqual(['breaker', 'callsPerS', 'kind', 'n', 'retryShare', 'successRate']);
    const text = JSON.stringify(view);
    for (const s of sessions) {
      expect(text).not.toContain(s.id);
      expect(text).not.toContain(s.token);
    }
    expect(text).not.toContain(TOKEN);
    expect(room.isInstructor(TOKEN)).toBe(true);
    expect(room.isInstructor('cookie0')).toBe(false);
    room.dispose();
    sessions.forEach((s) => s.dispose());
  });
});

describe('runs', () => {
  it('a finished incident stays on the chart: its run freezes 10 s after the end, and the next incident keeps it as the side-by-side', async () => {
    const pacer = instantPacer();
    const room = new Room('K7QX2M', TOKEN, { simulated: 3, speed: 60 }, { pacer });
    room.setPolicy({ preset: 'no-jitter' });
    room.startIncident('rate-limit-storm');
    await turnUntil(() => room.incident?.state === 'done');
    const endedAt = room.view('instructor', 0).run.endedAt!;
    // Long after (past the 3 minutes of bins the room keeps): the idle room clock ran on, but the run is the incident's.
    await turnUntil(() => {
      pacer.advance(1000);
      return room.clock.now() > endedAt + 300_000;
    });
    const later = room.view('instructor', 0).run;
    expect(later.series.startAt).toBe(later.startedAt);
    expect(later.series.first.length * later.series.binMs).toBeLessThanOrEqual(endedAt - later.startedAt + 10_000 + later.series.binMs);
    expect(later.totals.calls).toBeGreaterThan(50);
    room.setPolicy({ preset: 'full-jitter' });
    room.startIncident('rate-limit-storm');
    const v = room.view('instructor', 0);
    expect(v.previous).toEqual(later);
    expect(v.previous?.policy).toBe('no-jitter');
    expect(v.run).toMatchObject({ policy: 'full-jitter', endedAt: null, totals: { calls: expect.any(Number) } });
    room.dispose();
  }, 60_000);
});
