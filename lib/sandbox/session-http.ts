import { apiError } from './http';
import type { SandboxSession } from './session';
import { SESSION_COOKIE, sessionStore, type SessionStore } from './session-store';

/** Read the session cookie from a request. */
export function readSessionCookie(request: Request): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined; // a malformed %-escape is just an unknown cookie
      }
    }
  }
  return undefined;
}

/**
 * The client's address for per-address limits: the last `x-forwarded-for` hop.
 * `next start` fills that header from the socket when it is absent; behind a
 * reverse proxy (`proxy_add_x_forwarded_for`) the last hop is the one the proxy
 * saw. Without a proxy a client can claim any address — the store's other
 * rules (never evicting a live session) still hold.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim();
  return last || request.headers.get('x-real-ip') || 'local';
}

const NO_SESSION =
  'No sandbox session for this browser: open the dashboard (GET /api/session) first. A session ends after 2 h without use.';

const UNKNOWN_SESSION =
  "This browser's sandbox session is not known here: it expired, or the server restarted. Start a new one with GET /api/session?new=1.";

/** This server's name in responses (`x-sandbox-instance`), so a multi-instance deployment can show which one answered. */
export const INSTANCE = process.env.SANDBOX_INSTANCE || `pid-${process.pid}`;

/**
 * Run a route handler with this browser's existing session. Only
 * `GET /api/session` creates sessions ({@link openSession}); every other route
 * answers 401 when the cookie is missing or unknown, so a cookie-less loop
 * cannot mint sessions through them.
 */
export async function withSession(
  request: Request,
  handler: (session: SandboxSession) => Response | Promise<Response>,
  store: SessionStore = sessionStore(),
): Promise<Response> {
  const session = store.get(readSessionCookie(request));
  if (!session) return apiError(401, NO_SESSION);
  return handler(session);
}

/**
 * `GET /api/session`: this browser's session, or a new one with its httpOnly
 * cookie. A cookie this server does not know (expired, or another instance's)
 * is a 401, never a silent new session — unless the client asks with `?new=1`.
 * A refused creation is a 429 (too many from one address) or 503 (the store is
 * full of live sessions), each with Retry-After.
 */
export async function openSession(
  request: Request,
  handler: (session: SandboxSession) => Response | Promise<Response>,
  store: SessionStore = sessionStore(),
): Promise<Response> {
  const token = readSessionCookie(request);
  const existing = store.get(token);
  if (existing) return withInstance(await handler(existing));
  if (token && new URL(request.url).searchParams.get('new') !== '1') return apiError(401, UNKNOWN_SESSION, { 'x-sandbox-instance': INSTANCE });
  const created = store.create(clientAddress(request), request.headers.get('x-sandbox-route') ?? undefined);
  if (!created.ok) return apiError(created.status, created.message, { 'retry-after': String(created.retryAfterS) });
  const response = withInstance(await handler(created.session));
  const maxAge = Math.floor(store.limits.idleTtlMs / 1000);
  response.headers.append('set-cookie', `${SESSION_COOKIE}=${created.session.token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`);
  return response;
}

function withInstance(response: Response): Response {
  response.headers.set('x-sandbox-instance', INSTANCE);
  return response;
}
