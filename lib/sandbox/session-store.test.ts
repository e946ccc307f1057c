import { describe, expect, it } from 'vitest';
import { readSessionCookie, SESSION_COOKIE, SessionStore } from './session-store';

describe('SessionStore', () => {
  it('is bounded: past maxSessions the least recently used session is evicted and disposed', () => {
    const store = new SessionStore({ maxSessions: 2, idleTtlMs: 60_000 });
    const a = store.resolve(undefined).session;
    const b = store.resolve(undefined).session;
    store.resolve(a.token); // a is now the most recently used
    const c = store.resolve(undefined).session;
    expect(store.size).toBe(2);
    expect(store.byPublicId(b.id)).toBeUndefined();
    expect(store.resolve(b.token).created).toBe(true); // b's cookie no longer finds it
    expect(store.byPublicId(c.id)).toBe(c);
  });

  it('keeps secret tokens and public ids apart: the id in a URL does not open the session', () => {
    const store = new SessionStore({ maxSessions: 10, idleTtlMs: 60_000 });
    const { session } = store.resolve(undefined);
    expect(session.id).not.toBe(session.token);
    expect(session.id).toMatch(/^[a-z2-9]{10}$/);
    expect(store.resolve(session.id).session).not.toBe(session);
    expect(store.resolve(session.token).session).toBe(session);
  });

  it('reads its cookie among others', () => {
    const request = new Request('http://x/', { headers: { cookie: `lang=en; ${SESSION_COOKIE}=abc%3D; theme=dark` } });
    expect(readSessionCookie(request)).toBe('abc=');
    expect(readSessionCookie(new Request('http://x/'))).toBeUndefined();
  });
});
