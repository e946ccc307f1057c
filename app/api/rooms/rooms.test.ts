import { describe, expect, it } from 'vitest';
import type { RoomCreated, RoomMembership, RoomView, SessionView } from '@/lib/contract';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { ROOM_STORE_LIMITS, RoomStore } from '@/lib/rooms/room-store';
import * as session from '../session/route';
import * as endpoint from '../sandbox/[scenario]/v1/[...path]/route';
import * as rooms from './route';
import * as room from './[code]/route';
import * as incident from './[code]/incident/route';
import * as join from './[code]/join/route';
import * as me from './[code]/members/me/route';
import * as policy from './[code]/policy/route';

const BASE = 'http://sandbox.test';
const globalRooms = globalThis as unknown as { __sandboxRooms?: RoomStore };
const ctx = (code: string) => ({ params: Promise.resolve({ code }) });
const req = (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) =>
  new Request(`${BASE}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A student's browser: a session cookie from GET /api/session. */
async function student() {
  const first = await session.GET(new Request(`${BASE}/api/session`, { headers: { 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 250)}` } }));
  const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
  const view = (await first.json()) as SessionView;
  return { cookie, id: view.id, headers: { cookie } };
}

async function createRoom(body?: unknown) {
  const res = await rooms.POST(req('/api/rooms', { method: 'POST', ...(body === undefined ? {} : { body }), headers: { 'x-forwarded-for': `10.1.${Math.floor(Math.random() * 250)}.1` } }));
  expect(res.status).toBe(201);
  return (await res.json()) as RoomCreated;
}

/** Every instructor action of the API, as a request builder for one room. */
const INSTRUCTOR_ACTIONS: [string, (code: string, headers: Record<string, string>) => Promise<Response>][] = [
  ['POST /incident', (code, headers) => incident.POST(req(`/api/rooms/${code}/incident`, { method: 'POST', headers, body: { script: 'outage-then-recovery' } }), ctx(code))],
  ['POST /incident (stop)', (code, headers) => incident.POST(req(`/api/rooms/${code}/incident`, { method: 'POST', headers, body: { action: 'stop' } }), ctx(code))],
  ['PUT /policy', (code, headers) => policy.PUT(req(`/api/rooms/${code}/policy`, { method: 'PUT', headers, body: { preset: 'no-jitter' } }), ctx(code))],
  ['PATCH / (settings)', (code, headers) => room.PATCH(req(`/api/rooms/${code}`, { method: 'PATCH', headers, body: { simulated: 5 } }), ctx(code))],
];

describe('POST /api/rooms', () => {
  it('opens a room: a 6-character code, a 256-bit token, the students’ and the instructor’s links', async () => {
    const created = await createRoom();
    expect(created.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(Buffer.from(created.instructorToken, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(created.studentPath).toBe(`/?room=${created.code}`);
    // The token travels in the fragment: a browser never sends it to a server or in a Referer.
    expect(created.instructorPath).toBe(`/room/${created.code}#token=${created.instructorToken}`);
    expect(created.room).toMatchObject({ code: created.code, role: 'instructor', members: 0, simulated: 0, speed: 1, incident: null });
    const withOptions = await createRoom({ speed: 10, simulated: 2, capacity: { callsPerSecond: 20 } });
    expect(withOptions.room).toMatchObject({ speed: 10, simulated: 2, capacity: { callsPerSecond: 20, enabled: true } });
    globalRooms.__sandboxRooms!.close(withOptions.code);
  });

  it.each([
    ['an unknown key', { colour: 'red' }],
    ['a speed that is not offered', { speed: 5 }],
    ['too many simulated students', { simulated: 201 }],
    ['a negative capacity', { capacity: { callsPerSecond: -1 } }],
    ['malformed JSON', '{"speed": '],
  ])('rejects %s with a 400', async (_what, body) => {
    const res = await rooms.POST(req('/api/rooms', { method: 'POST', body }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Invalid body|not valid JSON/);
  });
});

describe('a class in a room, through the API', () => {
  it('students join with their cookie, read the room as members, call their own endpoints into the aggregate, and leave', async () => {
    const { code, instructorToken } = await createRoom({ speed: 60 });
    const students = await Promise.all([student(), student(), student()]);
    for (const [i, s] of students.entries()) {
      const res = await join.POST(req(`/api/rooms/${code.toLowerCase()}/join`, { method: 'POST', headers: s.headers }), ctx(code.toLowerCase()));
      expect(res.status).toBe(200);
      const joined = (await res.json()) as { room: RoomMembership; session: SessionView };
      expect(joined.room).toMatchObject({ code, you: i + 1, policyPushed: true, preset: 'lesson' });
      expect(joined.session.room?.code).toBe(code);
      expect(joined.session.speed).toBe(60);
      expect(JSON.stringify(joined)).not.toContain(instructorToken);
    }
    // A member reads the same anonymous aggregate, with its own number and no token.
    const asMember = await room.GET(req(`/api/rooms/${code}`, { headers: students[1]!.headers }), ctx(code));
    expect(asMember.status).toBe(200);
    const memberView = (await asMember.json()) as RoomView;
    expect(memberView).toMatchObject({ role: 'member', you: 2, members: 3 });
    expect(JSON.stringify(memberView)).not.toContain(instructorToken);
    for (const s of students) expect(JSON.stringify(memberView)).not.toContain(s.id);

    // Each student's own client calls their endpoint: the shared upstream counts every call.
    for (const s of students) {
      for (let i = 0; i < 2; i++) {
        const r = await endpoint.POST(
          new Request(`${BASE}/api/sandbox/${s.id}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-x', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: `q${i}` }] }) }),
          { params: Promise.resolve({ scenario: s.id }) },
        );
        expect(r.status).toBe(200);
        await r.text();
      }
    }
    const asInstructor = (await (await room.GET(req(`/api/rooms/${code}`, { headers: bearer(instructorToken) }), ctx(code))).json()) as RoomView;
    expect(asInstructor.role).toBe('instructor');
    expect(asInstructor.run.totals.calls).toBe(6);
    expect(asInstructor.run.totals.firstTries).toBe(6);

    // Pushing a policy reaches every member's own sandbox.
    expect((await policy.PUT(req(`/api/rooms/${code}/policy`, { method: 'PUT', headers: bearer(instructorToken), body: { preset: 'full-jitter' } }), ctx(code))).status).toBe(200);
    const mine = (await (await session.GET(new Request(`${BASE}/api/session`, { headers: students[0]!.headers }))).json()) as SessionView;
    expect(mine.policy.retry.strategy).toBe('full');
    expect(mine.room).toMatchObject({ preset: 'full-jitter', policyPushed: true });

    // The incident starts for the room; the member's view shows it.
    const started = (await (await incident.POST(req(`/api/rooms/${code}/incident`, { method: 'POST', headers: bearer(instructorToken), body: { script: 'rate-limit-storm', lang: 'en' } }), ctx(code))).json()) as RoomView;
    expect(started.incident).toMatchObject({ id: 'rate-limit-storm', state: 'playing', lang: 'en' });
    const during = (await (await session.GET(new Request(`${BASE}/api/session`, { headers: students[0]!.headers }))).json()) as SessionView;
    expect(during.script).toMatchObject({ id: 'rate-limit-storm' });
    expect(during.room?.incident).toBe('rate-limit-storm');
    expect((await incident.POST(req(`/api/rooms/${code}/incident`, { method: 'POST', headers: bearer(instructorToken), body: { action: 'stop' } }), ctx(code))).status).toBe(200);

    // Leaving: the student's own settings again; leaving twice is a 404.
    const left = await me.DELETE(req(`/api/rooms/${code}/members/me`, { method: 'DELETE', headers: students[0]!.headers }), ctx(code));
    expect(left.status).toBe(200);
    const after = ((await left.json()) as { session: SessionView }).session;
    expect(after.room).toBeNull();
    expect(after.speed).toBe(1);
    expect(after.policy.retry.strategy).toBe('lesson-multiplicative');
    expect((await me.DELETE(req(`/api/rooms/${code}/members/me`, { method: 'DELETE', headers: students[0]!.headers }), ctx(code))).status).toBe(404);
    // A former member (or any stranger with a session) cannot read the room.
    expect((await room.GET(req(`/api/rooms/${code}`, { headers: students[0]!.headers }), ctx(code))).status).toBe(403);
    globalRooms.__sandboxRooms!.close(code);
  });

  it('a student’s cookie gets 403 on every instructor action — so do a wrong token and no token at all', async () => {
    const { code, instructorToken } = await createRoom();
    const s = await student();
    await join.POST(req(`/api/rooms/${code}/join`, { method: 'POST', headers: s.headers }), ctx(code));
    for (const [name, act] of INSTRUCTOR_ACTIONS) {
      for (const headers of [s.headers, { ...s.headers, ...bearer(s.cookie.split('=')[1]!) }, bearer(`${instructorToken}x`), {}]) {
        const res = await act(code, headers);
        expect(res.status, `${name} with ${JSON.stringify(Object.keys(headers))}`).toBe(403);
        expect(((await res.json()) as { error: { message: string } }).error.message).toContain('instructor');
      }
    }
    // The student's own view stayed untouched by all of that.
    const v = (await (await room.GET(req(`/api/rooms/${code}`, { headers: bearer(instructorToken) }), ctx(code))).json()) as RoomView;
    expect(v).toMatchObject({ incident: null, simulated: 0, policy: { preset: 'lesson' } });
    // A wrong bearer on the read is a 403 as well, even with a member's cookie.
    expect((await room.GET(req(`/api/rooms/${code}`, { headers: { ...s.headers, ...bearer('nope') } }), ctx(code))).status).toBe(403);
    globalRooms.__sandboxRooms!.close(code);
  });

  it.each([
    ['PUT /policy with nothing to do', (code: string, h: Record<string, string>) => policy.PUT(req(`/api/rooms/${code}/policy`, { method: 'PUT', headers: h, body: {} }), ctx(code))],
    ['PUT /policy with an unknown preset', (code: string, h: Record<string, string>) => policy.PUT(req(`/api/rooms/${code}/policy`, { method: 'PUT', headers: h, body: { preset: 'yolo' } }), ctx(code))],
    ['POST /incident with an unknown script', (code: string, h: Record<string, string>) => incident.POST(req(`/api/rooms/${code}/incident`, { method: 'POST', headers: h, body: { script: 'meteor' } }), ctx(code))],
    ['POST /incident with an unknown action', (code: string, h: Record<string, string>) => incident.POST(req(`/api/rooms/${code}/incident`, { method: 'POST', headers: h, body: { action: 'rewind' } }), ctx(code))],
    ['PATCH with 201 simulated students', (code: string, h: Record<string, string>) => room.PATCH(req(`/api/rooms/${code}`, { method: 'PATCH', headers: h, body: { simulated: 201 } }), ctx(code))],
    ['PATCH with an empty body', (code: string, h: Record<string, string>) => room.PATCH(req(`/api/rooms/${code}`, { method: 'PATCH', headers: h }), ctx(code))],
  ])('an instructor’s bad request gets a 400: %s', async (_name, act) => {
    const { code, instructorToken } = await createRoom();
    const res = await act(code, bearer(instructorToken));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    globalRooms.__sandboxRooms!.close(code);
  });

  it('controlling an incident before one started is a 409', async () => {
    const { code, instructorToken } = await createRoom();
    const res = await incident.POST(req(`/api/rooms/${code}/incident`, { method: 'POST', headers: bearer(instructorToken), body: { action: 'pause' } }), ctx(code));
    expect(res.status).toBe(409);
    globalRooms.__sandboxRooms!.close(code);
  });
});

describe('unknown, expired and malformed codes', () => {
  const everyRoute = (code: string, headers: Record<string, string>) => [
    room.GET(req(`/api/rooms/${code}`, { headers }), ctx(code)),
    join.POST(req(`/api/rooms/${code}/join`, { method: 'POST', headers }), ctx(code)),
    me.DELETE(req(`/api/rooms/${code}/members/me`, { method: 'DELETE', headers }), ctx(code)),
    ...INSTRUCTOR_ACTIONS.map(([, act]) => act(code, headers)),
  ];

  it('an unknown code gets a clear 404 on every route', async () => {
    const s = await student();
    for (const res of await Promise.all(everyRoute('ZZZZ22', { ...s.headers, ...bearer('whatever') }))) {
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/No open room with code ZZZZ22.*closes after 3 h/);
    }
  });

  it('a malformed code gets a 400', async () => {
    const s = await student();
    for (const code of ['abc', 'K7QX2M0', 'K0QX2M', '%E0%A4%A']) {
      for (const res of await Promise.all(everyRoute(code, s.headers))) expect(res.status, code).toBe(400);
    }
  });

  it('a room unused for 3 h expires: its code is a 404 and its members have their own sandboxes back', async () => {
    const saved = globalRooms.__sandboxRooms;
    const clock = new VirtualClock(1_000_000);
    globalRooms.__sandboxRooms = new RoomStore(ROOM_STORE_LIMITS, { clock });
    try {
      const { code, instructorToken } = await createRoom({ speed: 10 });
      const s = await student();
      await join.POST(req(`/api/rooms/${code}/join`, { method: 'POST', headers: s.headers }), ctx(code));
      await clock.advance(ROOM_STORE_LIMITS.idleTtlMs - 1);
      expect((await room.GET(req(`/api/rooms/${code}`, { headers: bearer(instructorToken) }), ctx(code))).status).toBe(200); // used: 3 h more
      await clock.advance(ROOM_STORE_LIMITS.idleTtlMs);
      const res = await room.GET(req(`/api/rooms/${code}`, { headers: bearer(instructorToken) }), ctx(code));
      expect(res.status).toBe(404);
      const mine = (await (await session.GET(new Request(`${BASE}/api/session`, { headers: s.headers }))).json()) as SessionView;
      expect(mine.room).toBeNull();
      expect(mine.speed).toBe(1);
    } finally {
      globalRooms.__sandboxRooms = saved;
    }
  });
});
