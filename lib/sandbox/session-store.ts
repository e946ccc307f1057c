import { systemClock, type Clock } from '@/lib/resilience/clock';
import type { Disposable } from '@/lib/resilience/events';
import { CreationLimiter } from './creation-limiter';
import { SandboxSession } from './session';
import { envNumber } from './env';


/** Bounds on the per-browser store. All times are real ms (sessions outlive their sandbox clocks). */
export interface SessionLimits {
  /** Most sessions kept at once. Default 500 (`SANDBOX_MAX_SESSIONS`): two classes of 200 with room to spare. */
  maxSessions: number;
  /** A session idle this long, with no live stream, is dropped. Default 2 h (`SANDBOX_SESSION_TTL_MS`): one lesson. */
  idleTtlMs: number;
  /**
   * A session used again within this window, or with a live event stream, is never evicted to make room.
   * Default 20 min. When every session is protected, a new one is refused (503) rather than evicting a student.
   */
  protectMs: number;
  /** Sessions one client address may create: a burst, then a steady rate. */
  creation: { burst: number; perMinute: number };
  /** How often expired sessions are swept, in ms. Default 60 s. */
  sweepMs: number;
}

export const SESSION_LIMITS: SessionLimits = {
  maxSessions: envNumber('SANDBOX_MAX_SESSIONS', 500),
  idleTtlMs: envNumber('SANDBOX_SESSION_TTL_MS', 2 * 60 * 60 * 1000),
  protectMs: 20 * 60 * 1000,
  // 300 at once: a class of 200 behind one school NAT, plus reloads, all get in; then 30 a minute.
  creation: { burst: envNumber('SANDBOX_SESSIONS_PER_ADDRESS', 300), perMinute: 30 },
  sweepMs: 60_000,
};

export const SESSION_COOKIE = 'sandbox_session';

/** Readable, unambiguous public ids for the endpoint URL a student types (no 0/o/1/l). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** A reverse proxy's routing key (see deploy/nginx.conf): six hex digits. */
export const ROUTE_KEY = /^[0-9a-f]{6}$/;

/**
 * A public id of 10 characters. Behind the multi-instance proxy its first six
 * are the browser's routing key, so `/api/sandbox/{id}/v1` — called by a
 * student's script, without the browser's cookie — reaches the same instance.
 */
function publicId(route?: string): string {
  const prefix = route && ROUTE_KEY.test(route) ? route : '';
  const bytes = crypto.getRandomValues(new Uint8Array(10 - prefix.length));
  return prefix + Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

interface Entry {
  session: SandboxSession;
  createdAt: number;
  lastUsedAt: number;
  /** Requests after the one that created it. A session nobody came back to is the first to go. */
  uses: number;
}

/** Why a session could not be created: a status, a Retry-After in seconds and a message for the client. */
export interface Refusal {
  status: 429 | 503;
  retryAfterS: number;
  message: string;
}

export type CreateResult = { ok: true; session: SandboxSession } | ({ ok: false } & Refusal);

/**
 * Sessions keyed by a secret cookie token, with a second index by public id for
 * the OpenAI-compatible endpoint. Knowing a public id lets a script use that
 * session's faults; only the cookie lets anyone change them.
 *
 * Bounded without letting a stranger push students out: when full, it evicts
 * first sessions nobody came back to (a curl loop's), then the longest idle
 * ones, but never one used within `protectMs` or with a live event stream;
 * if all are protected it refuses the newcomer. Creation is also rate-limited
 * per client address, generously enough for a class behind one NAT.
 */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly tokenById = new Map<string, string>();
  private readonly limiter: CreationLimiter;

  constructor(
    readonly limits: SessionLimits = SESSION_LIMITS,
    private readonly clock: Clock = systemClock,
  ) {
    this.limiter = new CreationLimiter({ ...limits.creation, clock });
  }

  get size(): number {
    return this.entries.size;
  }

  /** The session for this cookie token, marking it used; `undefined` when unknown or expired. */
  get(token: string | undefined): SandboxSession | undefined {
    if (!token) return undefined;
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const now = this.clock.now();
    if (this.expired(entry, now)) {
      this.drop(token, entry);
      return undefined;
    }
    entry.lastUsedAt = now;
    entry.uses++;
    // Map order is recency order: move to the end.
    this.entries.delete(token);
    this.entries.set(token, entry);
    return entry.session;
  }

  /**
   * A new session for a client at `address`, or why not (rate limit, or a store full of live sessions).
   * @param route the proxy's routing key for this browser, used as the public id's prefix.
   */
  create(address: string, route?: string): CreateResult {
    const wait = this.limiter.take(address);
    if (wait > 0) {
      return {
        ok: false,
        status: 429,
        retryAfterS: Math.ceil(wait / 1000),
        message: `Too many new sandbox sessions from your address; try again in ${Math.ceil(wait / 1000)} s (your existing session cookie still works).`,
      };
    }
    if (this.entries.size >= this.limits.maxSessions && !this.evictOne()) {
      this.limiter.refund(address);
      return {
        ok: false,
        status: 503,
        retryAfterS: 60,
        message: `The sandbox is full: ${this.limits.maxSessions} sessions are in use right now. Try again in a minute, or ask the instructor to raise SANDBOX_MAX_SESSIONS.`,
      };
    }
    let id = publicId(route);
    while (this.tokenById.has(id)) id = publicId(route);
    const session = new SandboxSession(id, crypto.randomUUID());
    const now = this.clock.now();
    this.entries.set(session.token, { session, createdAt: now, lastUsedAt: now, uses: 0 });
    this.tokenById.set(id, session.token);
    return { ok: true, session };
  }

  /** Look a session up by its public id (for `/api/sandbox/{id}/v1`). Counts as use: a student's script keeps it alive. */
  byPublicId(id: string): SandboxSession | undefined {
    return this.get(this.tokenById.get(id));
  }

  /** Drop every expired session; returns how many went. */
  sweep(): number {
    const now = this.clock.now();
    let n = 0;
    for (const [token, entry] of this.entries) {
      if (this.expired(entry, now)) {
        this.drop(token, entry);
        n++;
      }
    }
    this.limiter.prune();
    return n;
  }

  /** Sweep every `limits.sweepMs` on the real clock; the timer never keeps the process alive. */
  startSweeper(): Disposable {
    const timer = setInterval(() => this.sweep(), this.limits.sweepMs);
    timer.unref?.();
    return { dispose: () => clearInterval(timer) };
  }

  private expired(entry: Entry, now: number): boolean {
    return entry.session.liveStreams === 0 && now - entry.lastUsedAt >= this.limits.idleTtlMs;
  }

  private protectedEntry(entry: Entry, now: number): boolean {
    return entry.session.liveStreams > 0 || (entry.uses > 0 && now - entry.lastUsedAt < this.limits.protectMs);
  }

  /** Make room for one: an expired session, else the oldest never-reused one, else the longest idle one. */
  private evictOne(): boolean {
    const now = this.clock.now();
    let idle: [string, Entry] | undefined;
    for (const item of this.entries) {
      const [token, entry] = item;
      if (this.expired(entry, now) || (entry.uses === 0 && !this.protectedEntry(entry, now))) {
        this.drop(token, entry);
        return true;
      }
      // Entries iterate least recently used first, so the first unprotected one is the idlest.
      if (!idle && !this.protectedEntry(entry, now)) idle = item;
    }
    if (!idle) return false;
    this.drop(...idle);
    return true;
  }

  private drop(token: string, entry: Entry): void {
    this.entries.delete(token);
    this.tokenById.delete(entry.session.id);
    entry.session.dispose();
  }
}

const globalStore = globalThis as unknown as { __sandboxSessions?: SessionStore };

/** The process-wide store (kept on globalThis so dev-mode module reloads don't lose sessions), with its sweeper. */
export function sessionStore(): SessionStore {
  if (!globalStore.__sandboxSessions) {
    globalStore.__sandboxSessions = new SessionStore();
    globalStore.__sandboxSessions.startSweeper();
  }
  return globalStore.__sandboxSessions;
}
