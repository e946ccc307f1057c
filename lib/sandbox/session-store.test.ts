import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { CreationLimiter } from './creation-limiter';
import { clientAddress, openSession, readSessionCookie, withSession } from './session-http';
import { SESSION_COOKIE, SessionStore, type SessionLimits } from './session-store';
import type { SandboxSession } from './session';

const MIN = 60_000;
const limits = (over: Partial<SessionLimits> = {}): SessionLimits => ({
  maxSessions: 3,
  idleTtlMs: 120 * MIN,
  protectMs: 20 * MIN,
  creation: { burst: 1000, perMinute: 30 },
  sweepMs: MIN,
  ...over,
});

const made: SandboxSession[] = [];
afterEach(() => made.splice(0).forEach((s) => s.dispose()));

function setup(over: Partial<SessionLimits> = {}) {
  const clock = new VirtualClock(1_000_000);
  const store = new SessionStore(limits(over), clock);
  const create = (address = '10.0.0.1') => {
    const r = store.create(address);
    if (r.ok) made.push(r.session);
    return r;
  };
  const must = (address?: string) => {
    const r = create(address);
    if (!r.ok) throw new Error(r.message);
    return r.session;
  };
  return { clock, store, create, must };
}

describe('SessionStore: a curl loop cannot evict students', () => {
  it('a student who came back (or holds a stream) survives any number of cookie-less creations', () => {
    const { store, create, must } = setup();
    const student = must();
    expect(store.get(student.token)).toBe(student); // the dashboard's second request: now protected
    const streaming = must();
    const stream = streaming.openStream();
    for (let i = 0; i < 500; i++) create(`203.0.113.${i % 250}`);
    expect(store.get(student.token)).toBe(student);
    expect(store.get(streaming.token)).toBe(streaming);
    expect(streaming.isDisposed).toBe(false);
    expect(store.size).toBe(3);
    stream?.dispose();
  });

  it('evicts first the sessions nobody came back to, oldest first, and disposes them', () => {
    const { store, must } = setup();
    const a = must();
    const b = must();
    const c = must();
    store.get(b.token);
    const d = must(); // full: the oldest never-reused session goes
    expect(a.isDisposed).toBe(true);
    expect(store.get(a.token)).toBeUndefined();
    expect(store.byPublicId(a.id)).toBeUndefined();
    expect([b, c, d].map((s) => s.isDisposed)).toEqual([false, false, false]);
  });

  it('when every session is protected, refuses the newcomer with a 503 and Retry-After instead of evicting', () => {
    const { store, create, must } = setup();
    const live = [must(), must(), must()];
    live.forEach((s) => store.get(s.token));
    const refused = create();
    expect(refused).toMatchObject({ ok: false, status: 503, retryAfterS: 60 });
    expect(!refused.ok && refused.message).toMatch(/full/);
    expect(live.every((s) => !s.isDisposed)).toBe(true);
  });

  it('an idle session stops being protected after protectMs and is the one evicted', async () => {
    const { store, clock, must } = setup();
    const [a, b, c] = [must(), must(), must()];
    [a, b, c].forEach((s) => store.get(s.token));
    await clock.set(clock.now() + 10 * MIN);
    store.get(b.token);
    store.get(c.token);
    await clock.set(clock.now() + 15 * MIN); // a: idle 25 min; b, c: 15 min
    const d = must();
    expect(a.isDisposed).toBe(true);
    expect(b.isDisposed || c.isDisposed || d.isDisposed).toBe(false);
  });

  it('sweeps expired sessions, but never one with a live stream', async () => {
    const { store, clock, must } = setup();
    const idle = must();
    const watching = must();
    const stream = watching.openStream();
    await clock.set(clock.now() + 121 * MIN);
    expect(store.sweep()).toBe(1);
    expect(idle.isDisposed).toBe(true);
    expect(store.get(watching.token)).toBe(watching);
    stream?.dispose();
  });

  it('tells its streams to close when a session is disposed', async () => {
    const { store, clock, must } = setup();
    const s = must();
    let closed = 0;
    s.onDispose(() => closed++);
    await clock.set(clock.now() + 121 * MIN);
    store.sweep();
    expect(closed).toBe(1);
  });

  it('lets a class of 200 behind one NAT in, then slows one address down', () => {
    const { create } = setup({ maxSessions: 1000, creation: { burst: 300, perMinute: 30 } });
    const results = Array.from({ length: 300 }, () => create('198.51.100.7'));
    expect(results.every((r) => r.ok)).toBe(true);
    const next = create('198.51.100.7');
    expect(next).toMatchObject({ ok: false, status: 429, retryAfterS: 2 });
    expect(create('198.51.100.8').ok).toBe(true);
  });
});

describe('SessionStore: ids', () => {
  it('keeps secret tokens and public ids apart: the id in a URL does not open the session', () => {
    const { store, must } = setup();
    const session = must();
    expect(session.id).not.toBe(session.token);
    expect(session.id).toMatch(/^[a-z2-9]{10}$/);
    expect(store.get(session.id)).toBeUndefined();
    expect(store.get(session.token)).toBe(session);
    expect(store.byPublicId(session.id)).toBe(session);
  });
});

describe('CreationLimiter', () => {
  it('refills at its rate and forgets addresses whose bucket is full again', async () => {
    const clock = new VirtualClock();
    const limiter = new CreationLimiter({ burst: 2, perMinute: 60, clock });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1000]);
    await clock.set(1000);
    expect(limiter.take('a')).toBe(0);
    await clock.set(10_000);
    limiter.prune();
    expect(limiter.size).toBe(0);
  });

  it('remembers at most maxAddresses', () => {
    const limiter = new CreationLimiter({ burst: 1, perMinute: 1, maxAddresses: 3, clock: new VirtualClock() });
    for (const a of ['a', 'b', 'c', 'd']) limiter.take(a);
    expect(limiter.size).toBe(3);
  });
});

describe('session routes', () => {
  it('only GET /api/session creates a session; other routes answer 401 without a known cookie', async () => {
    const { store } = setup();
    const ok = () => Response.json({});
    const missing = await withSession(new Request('http://x/api/chat'), ok, store);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/GET \/api\/session/);
    const unknown = await withSession(new Request('http://x/', { headers: { cookie: `${SESSION_COOKIE}=nope` } }), ok, store);
    expect(unknown.status).toBe(401);
    expect(store.size).toBe(0);

    const opened = await openSession(new Request('http://x/api/session'), ok, store);
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(store.size).toBe(1);
    const again = await withSession(new Request('http://x/', { headers: { cookie: cookie.split(';')[0]! } }), ok, store);
    expect(again.status).toBe(200);
    store.get(readSessionCookie(new Request('http://x/', { headers: { cookie: cookie.split(';')[0]! } })))?.dispose();
  });

  it('an unknown cookie (expired, or another instance’s) is a 401 on GET /api/session too, unless ?new=1', async () => {
    const { store } = setup();
    const ok = () => Response.json({});
    const stale = { cookie: `${SESSION_COOKIE}=gone` };
    const refused = await openSession(new Request('http://x/api/session', { headers: stale }), ok, store);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/new=1/);
    expect(store.size).toBe(0);
    const renewed = await openSession(new Request('http://x/api/session?new=1', { headers: { ...stale, 'x-sandbox-route': 'a1b2c3' } }), ok, store);
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('x-sandbox-instance')).toMatch(/./);
    const token = readSessionCookie(new Request('http://x/', { headers: { cookie: renewed.headers.get('set-cookie')!.split(';')[0]! } }))!;
    const session = store.get(token)!;
    // Behind the proxy the public id starts with the browser's routing key, so its endpoint routes home.
    expect(session.id).toMatch(/^a1b2c3[a-z2-9]{4}$/);
    session.dispose();
  });

  it('a refused creation is a 429 or 503 with Retry-After and a message', async () => {
    const { store } = setup({ creation: { burst: 1, perMinute: 1 } });
    const ok = () => Response.json({});
    const first = await openSession(new Request('http://x/', { headers: { 'x-forwarded-for': '1.1.1.1' } }), ok, store);
    const second = await openSession(new Request('http://x/', { headers: { 'x-forwarded-for': '1.1.1.1' } }), ok, store);
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('60');
    store.get(readSessionCookie(new Request('http://x/', { headers: { cookie: first.headers.get('set-cookie')!.split(';')[0]! } })))?.dispose();
  });

  it('reads its cookie among others, and the last forwarded hop as the address', () => {
    const request = new Request('http://x/', { headers: { cookie: `lang=en; ${SESSION_COOKIE}=abc%3D; theme=dark`, 'x-forwarded-for': '9.9.9.9, 10.1.2.3' } });
    expect(readSessionCookie(request)).toBe('abc=');
    expect(readSessionCookie(new Request('http://x/', { headers: { cookie: `${SESSION_COOKIE}=%E0%A4%A` } }))).toBeUndefined();
    expect(readSessionCookie(new Request('http://x/'))).toBeUndefined();
    expect(clientAddress(request)).toBe('10.1.2.3');
    expect(clientAddress(new Request('http://x/'))).toBe('local');
  });
});
