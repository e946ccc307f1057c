import { normalizeRoomCode, ROOM_CODE_PATTERN, ROOM_LIMITS, type RoomView } from '@/lib/contract';
import { apiError, badRequest, readJson } from '@/lib/sandbox/http';
import { readSessionCookie } from '@/lib/sandbox/session-http';
import { sessionStore, type SessionStore } from '@/lib/sandbox/session-store';
import type { z } from 'zod';
import { bearerToken } from './codes';
import type { Room } from './room';
import { roomStore, type RoomStore } from './room-store';

/**
 * The room routes' shared steps, in the order every route takes them: a
 * well-formed code (else 400), an open room (else 404), the caller's right
 * (the instructor token, else 403), then the body (else 400). Route files stay
 * a few lines each.
 */

/** The route context of `app/api/rooms/[code]/**`. */
export interface RoomParams {
  params: Promise<{ code: string }>;
}

/** Responses that carry an instructor token or a room's state are never cached. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;

/** JSON with `no-store`. */
export function fresh(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: NO_STORE });
}

const hours = (ms: number) => Math.round(ms / 3_600_000);

/** The room with the code in the path, or the 400/404 that says why not. */
export async function findRoom(params: RoomParams['params'], store: RoomStore = roomStore()): Promise<{ ok: true; room: Room } | { ok: false; response: Response }> {
  let raw: string;
  try {
    raw = decodeURIComponent((await params).code);
  } catch {
    raw = (await params).code;
  }
  const code = normalizeRoomCode(raw);
  if (!ROOM_CODE_PATTERN.test(code)) {
    return { ok: false, response: badRequest(`Invalid room code '${raw.slice(0, 20)}': a code is 6 letters and digits, e.g. K7QX2M.`) };
  }
  const room = store.get(code);
  if (!room) {
    return {
      ok: false,
      response: apiError(404, `No open room with code ${code}: check the code on the projector. A room closes after ${hours(store.limits.idleTtlMs)} h without use, or when the server restarts.`),
    };
  }
  return { ok: true, room };
}

/** A 403 for anyone without this room's instructor token (a student's cookie included). */
export function notInstructor(): Response {
  return apiError(403, 'This is an instructor action: send the room’s instructor token as `Authorization: Bearer {instructorToken}`. A student’s session cannot run a room.', NO_STORE);
}

/** Whether the request carries this room's instructor token. */
export function isInstructor(request: Request, room: Room): boolean {
  return room.isInstructor(bearerToken(request));
}

/** Run `handler` for the room's instructor only; everyone else gets a 403. */
export async function asInstructor(request: Request, ctx: RoomParams, handler: (room: Room) => Response | Promise<Response>): Promise<Response> {
  const found = await findRoom(ctx.params);
  if (!found.ok) return found.response;
  if (!isInstructor(request, found.room)) return notInstructor();
  return handler(found.room);
}

/** Validate a JSON body with `schema`, or a 400. */
export function body<T>(request: Request, schema: z.ZodType<T>) {
  return readJson(request, schema);
}

/** A JSON body that may be left out (`POST /api/rooms` with no options). */
export async function optionalBody<T>(request: Request, schema: z.ZodType<T>): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  if (request.body === null || request.headers.get('content-length') === '0') return readJson(new Request(request.url, { method: 'POST', body: '{}' }), schema);
  return readJson(request, schema);
}

/** The room's view for whoever asks: the instructor (by token) or a member (by cookie); anyone else a 403. */
export function viewFor(request: Request, room: Room, rooms: RoomStore = roomStore(), sessions: SessionStore = sessionStore()): Response {
  const expires = rooms.expiresInMs(room.code);
  if (bearerToken(request) !== null) return isInstructor(request, room) ? fresh(room.view('instructor', expires)) : notInstructor();
  const session = sessions.get(readSessionCookie(request));
  const you = session ? room.numberOf(session) : undefined;
  if (you === undefined) return apiError(403, `Only the room’s instructor (with its token) and its members can read room ${room.code}: join it first with POST /api/rooms/${room.code}/join.`, NO_STORE);
  return fresh(room.view('member', expires, you) satisfies RoomView);
}

/** The message of a full room. */
export function roomFull(room: Room): Response {
  return apiError(409, `Room ${room.code} is full: ${ROOM_LIMITS.maxMembers} students at most.`);
}
