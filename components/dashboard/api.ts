/**
 * The one typed wrapper for the sandbox's HTTP API (see lib/contract/protocol.ts
 * for every payload). Errors come back as `{ error: { message, issues? } }`
 * with a 4xx status; they are thrown as {@link ApiError} with that message.
 */
import type { Text } from '@/lib/resilience/text';
import type { ApiErrorBody, ChatResponse, ClientReport, ExamRequest, ExamStatus, RunRequest, RunStatus, Scenario, ScriptRequest, SessionUpdate, SessionView } from '@/lib/contract';
import type { RoomCreated, RoomIncidentRequest, RoomMembership, RoomPolicyRequest, RoomSettingsInput, RoomView } from '@/lib/contract';


/** `GET /api/scenarios`: what the pickers offer. Read at run time, never hard-coded. */
export interface Catalogue {
  presets: { id: string; name: Text; description: Text; scenario: Omit<Scenario, 'seed'> }[];
  faults: { id: string; label: Text; description: Text; sdkError?: string | null }[];
  strategies: { id: string; label: Text }[];
  breakerPresets: { id: string; name: Text; description: Text; options: Record<string, number | string> }[];
}

/** A failed API call: the server's message, the HTTP status and any validation issues. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * One call. A 401 means the server no longer knows this browser's session (it
 * expired, or the server restarted): open a new one with `GET /api/session`,
 * which sets the cookie, and try once more.
 */
async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await send(path, init);
  if (response.status === 401 && path !== SESSION_PATH) {
    await openSession();
    return read<T>(await send(path, init));
  }
  return read<T>(response);
}

const SESSION_PATH = '/api/session';

/**
 * This browser's session. The server refuses (401) a cookie it no longer knows
 * rather than quietly starting over; the page then asks for a new one itself.
 */
async function openSession(): Promise<SessionView> {
  const response = await send(SESSION_PATH, {});
  return read<SessionView>(response.status === 401 ? await send(`${SESSION_PATH}?new=1`, {}) : response);
}

function send(path: string, init: { method?: string; body?: unknown }): Promise<Response> {
  return fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function read<T>(response: Response): Promise<T> {
  const text = await response.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML error page): report the status below.
  }
  if (!response.ok) {
    const body = data as Partial<ApiErrorBody> | undefined;
    throw new ApiError(body?.error?.message ?? `HTTP ${response.status}`, response.status, body?.error?.issues ?? []);
  }
  return data as T;
}

/**
 * An instructor action on a room: its token as a Bearer header, never a cookie,
 * so no other page can act with it (issue 13).
 */
async function asInstructor<T>(path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method: init.method ?? 'GET', headers, cache: 'no-store', ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  return read<T>(response);
}

const roomPath = (code: string, rest = '') => `/api/rooms/${encodeURIComponent(code)}${rest}`;

/** Every endpoint the dashboard calls. */
export const api = {
  /** Create (on first call, via the httpOnly cookie) or read this browser's session. */
  session: openSession,
  updateSession: (update: SessionUpdate) => call<SessionView>('/api/session', { method: 'PUT', body: update }),
  reset: () => call<SessionView>('/api/session/reset', { method: 'POST' }),
  catalogue: () => call<Catalogue>('/api/scenarios'),
  chat: (message: string) => call<ChatResponse>('/api/chat', { method: 'POST', body: { message } }),
  run: (request: RunRequest) => call<{ run: RunStatus | null }>('/api/runs', { method: 'POST', body: request }),
  /** The report card of the student's own client, graded from the calls this session's endpoint saw; `calls` lists only the newest ones. */
  clientReport: (calls?: number) => call<ClientReport>(`/api/session/client-report${calls === undefined ? '' : `?calls=${calls}`}`),
  /** Start or stop the graded exam on this session's endpoint. */
  exam: (request: ExamRequest) => call<ExamStatus>('/api/session/exam', { method: 'POST', body: request }),
  /** Start a scripted incident (from sandbox time 0), or pause, resume, step, restart or stop it. */
  script: (request: ScriptRequest) => call<SessionView>('/api/session/script', { method: 'POST', body: request }),
  /** Where this build's events download from, as CSV or JSON (a plain link: the browser saves the file). */
  exportUrl: (format: 'csv' | 'json') => `/api/session/export?format=${format}`,
  /** Open a classroom room; the answer carries its instructor token, shown once. */
  createRoom: (settings: RoomSettingsInput = {}) => call<RoomCreated>('/api/rooms', { method: 'POST', body: settings }),
  /** This browser's session joins a room by its code. */
  joinRoom: (code: string) => call<{ room: RoomMembership; session: SessionView }>(roomPath(code, '/join'), { method: 'POST' }),
  /** This browser's session leaves its room, with its own settings back. */
  leaveRoom: (code: string) => call<{ session: SessionView }>(roomPath(code, '/members/me'), { method: 'DELETE' }),
  /** The room's aggregate, for its instructor. */
  room: (code: string, token: string) => asInstructor<RoomView>(roomPath(code), token),
  roomIncident: (code: string, token: string, request: RoomIncidentRequest) => asInstructor<RoomView>(roomPath(code, '/incident'), token, { method: 'POST', body: request }),
  roomPolicy: (code: string, token: string, request: RoomPolicyRequest) => asInstructor<RoomView>(roomPath(code, '/policy'), token, { method: 'PUT', body: request }),
  roomSettings: (code: string, token: string, settings: RoomSettingsInput) => asInstructor<RoomView>(roomPath(code), token, { method: 'PATCH', body: settings }),
};
