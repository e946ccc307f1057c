import { TtlLruCache } from '@/lib/resilience/ttl-lru-cache';
import { SandboxSession } from './session';

/** Bounds on the per-browser store: a class of forty, with plenty of room, cannot exhaust memory. */
export const SESSION_LIMITS = {
  /** Most sessions kept at once; the least recently used is evicted past it. Default 200. */
  maxSessions: Number(process.env.SANDBOX_MAX_SESSIONS ?? 200),
  /** A session idle this long (real ms) is dropped. Default 2 h: one lesson. */
  idleTtlMs: Number(process.env.SANDBOX_SESSION_TTL_MS ?? 2 * 60 * 60 * 1000),
} as const;

export const SESSION_COOKIE = 'sandbox_session';

/** Readable, unambiguous public ids for the endpoint URL a student types (no 0/o/1/l). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
function publicId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * Sessions keyed by a secret cookie token, with a second index by public id
 * for the OpenAI-compatible endpoint. Knowing a public id lets a script use
 * that session's faults; only the cookie lets anyone change them.
 */
export class SessionStore {
  private readonly byToken: TtlLruCache<string, SandboxSession>;
  private readonly tokenById = new Map<string, string>();

  constructor(limits: { maxSessions: number; idleTtlMs: number } = SESSION_LIMITS) {
    this.byToken = new TtlLruCache({
      maxEntries: limits.maxSessions,
      ttlMs: limits.idleTtlMs,
      touchOnGet: true,
      onEvict: (_token, session) => {
        this.tokenById.delete(session.id);
        session.dispose();
      },
    });
  }

  get size(): number {
    return this.byToken.size;
  }

  /** The session for this cookie token, or a new one (with `created: true`). */
  resolve(token: string | undefined): { session: SandboxSession; created: boolean } {
    const found = token ? this.byToken.get(token) : undefined;
    if (found) return { session: found, created: false };
    let id = publicId();
    while (this.tokenById.has(id)) id = publicId();
    const session = new SandboxSession(id, crypto.randomUUID());
    this.byToken.set(session.token, session);
    this.tokenById.set(id, session.token);
    return { session, created: true };
  }

  /** Look a session up by its public id (for `/api/sandbox/{id}/v1`). */
  byPublicId(id: string): SandboxSession | undefined {
    const token = this.tokenById.get(id);
    return token ? this.byToken.get(token) : undefined;
  }
}

const globalStore = globalThis as unknown as { __sandboxSessions?: SessionStore };

/** The process-wide store (kept on globalThis so dev-mode module reloads don't lose sessions). */
export function sessionStore(): SessionStore {
  return (globalStore.__sandboxSessions ??= new SessionStore());
}

/** Read the session cookie from a request. */
export function readSessionCookie(request: Request): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * Run a route handler with this browser's session, creating it (and setting
 * the httpOnly cookie) on first contact.
 */
export async function withSession(request: Request, handler: (session: SandboxSession) => Response | Promise<Response>): Promise<Response> {
  const { session, created } = sessionStore().resolve(readSessionCookie(request));
  const response = await handler(session);
  if (created) {
    response.headers.append('set-cookie', `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(SESSION_LIMITS.idleTtlMs / 1000)}`);
  }
  return response;
}
