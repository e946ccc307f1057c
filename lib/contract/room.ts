import { z } from 'zod';
import type { BreakerStateKind } from '@/lib/resilience/circuit-breaker';
import { SCRIPT_IDS, type ScriptId } from '@/lib/scenario/scripts';
import type { Speed } from './limits';
import type { ScriptStatus } from './script';

/**
 * The classroom room (issue 13): one incident on one room clock for a whole
 * class, the students' own clients and simulated ones as the herd, and the
 * shared upstream's traffic for the projector. Schemas for every route body,
 * the payload types, and the bounds the server enforces and the pages read.
 */

/** Letters and digits of a join code: no 0/O, 1/I/L, so a code read off a projector is typed right. */
export const ROOM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Characters in a join code. Codes are not secrets (they are shown on the projector); the instructor token is. */
export const ROOM_CODE_LENGTH = 6;
/** A well-formed join code, after {@link normalizeRoomCode}. */
export const ROOM_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

/** Upper-case and trim what a student typed (`ab c23d` → `ABC23D`). */
export function normalizeRoomCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Bounds on rooms. The store and the schemas enforce them; the pages size their fields with them. */
export const ROOM_LIMITS = {
  /** Rooms open at once in one server. */
  maxRooms: 50,
  /** Students in one room. */
  maxMembers: 300,
  /** Simulated students in one room. */
  maxSimulated: 200,
  /** "Fill the room with N simulated clients": the default N. */
  defaultSimulated: 30,
  /** A room unused this long closes, releasing its students, in ms. 3 h: a lesson and then some. */
  idleTtlMs: 3 * 60 * 60 * 1000,
  /** Think time of a simulated student between an answer and its next question, ms of room time. */
  thinkMs: { min: 100, max: 60_000, default: 1000 },
  /** The shared upstream's capacity, calls per second of room time, and its burst (calls at one instant). */
  capacity: { min: 1, max: 100_000 },
} as const;

/** Policies the instructor pushes to everyone, for a side-by-side of one change at a time. */
export const ROOM_POLICY_IDS = ['lesson', 'no-jitter', 'full-jitter', 'retry-budget'] as const;
export type RoomPolicyId = (typeof ROOM_POLICY_IDS)[number];

const speed = z.union([z.literal(1), z.literal(10), z.literal(60)]);
const rate = z.number().min(ROOM_LIMITS.capacity.min).max(ROOM_LIMITS.capacity.max);

/**
 * The shared upstream's overload model: a token bucket on room time. Past
 * `callsPerSecond` (with `burst` calls allowed at one instant) a call is
 * refused with a 503 `server_is_overloaded` or a 429 with `Retry-After: 2`,
 * so the room's retries can make an outage worse.
 */
export const roomCapacitySchema = z
  .object({
    enabled: z.boolean(),
    callsPerSecond: rate,
    burst: z.number().int().min(ROOM_LIMITS.capacity.min).max(ROOM_LIMITS.capacity.max),
    answer: z.enum(['503', '429']),
  })
  .strict();
export type RoomCapacity = z.infer<typeof roomCapacitySchema>;

/** Default overload model: on, 50 calls/s with bursts of 10 — a herd of 30 started together overflows it. */
export const DEFAULT_ROOM_CAPACITY: RoomCapacity = { enabled: true, callsPerSecond: 50, burst: 10, answer: '503' };

/** The room's settings; every field optional. `POST /api/rooms` (creation) and `PATCH /api/rooms/{code}` take it. */
export const roomSettingsSchema = z
  .object({
    /** Room clock speed: 1 (real time), 10 or 60. Default 1. */
    speed: speed.optional(),
    /** Simulated students (0–200). Default 0 at creation; "fill the room" asks for 30. */
    simulated: z.number().int().min(0).max(ROOM_LIMITS.maxSimulated).optional(),
    /** Think time of each simulated student in ms (100–60 000). Default 1000. */
    thinkMs: z.number().int().min(ROOM_LIMITS.thinkMs.min).max(ROOM_LIMITS.thinkMs.max).optional(),
    capacity: roomCapacitySchema.partial().strict().optional(),
    /** Seed of every fault draw and jitter in the room (uint32). Default 42. */
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
  })
  .strict();
export type RoomSettingsInput = z.infer<typeof roomSettingsSchema>;

/**
 * `POST /api/rooms/{code}/incident`: start a scripted incident for the whole
 * room on its clock (`{ script }`, questions in `lang`, default zh), or pause,
 * resume or stop the one playing.
 */
export const roomIncidentSchema = z.union([
  z.object({ script: z.enum(SCRIPT_IDS), lang: z.enum(['zh', 'en']).optional() }).strict(),
  z.object({ action: z.enum(['pause', 'resume', 'stop']) }).strict(),
]);
export type RoomIncidentRequest = z.infer<typeof roomIncidentSchema>;

/**
 * `PUT /api/rooms/{code}/policy`: push a policy to everyone (`preset`), and/or
 * let the students choose their own (`studentsChoose: true`; the simulated
 * students keep the preset). At least one field.
 */
export const roomPolicySchema = z
  .object({ preset: z.enum(ROOM_POLICY_IDS).optional(), studentsChoose: z.boolean().optional() })
  .strict()
  .refine((v) => v.preset !== undefined || v.studentsChoose !== undefined, { message: 'expected "preset" and/or "studentsChoose"' });
export type RoomPolicyRequest = z.infer<typeof roomPolicySchema>;

/** Per-bin counts of calls that reached the shared upstream, oldest bin first. */
export interface RoomSeries {
  /** Width of one bin in ms of room time. */
  binMs: number;
  /** Room time (ms) where the first bin starts. */
  startAt: number;
  /** Calls that were first tries of a request. */
  first: number[];
  /** Calls that were retries (the service's, an SDK's, or a student's own loop resending a failed body). */
  retries: number[];
  /** Calls refused by the capacity model (a subset of first + retries). */
  refused: number[];
  /** Calls answered without a fault (a subset too). */
  ok: number[];
  /** Breakers open at the end of each bin, students and simulated ones together. */
  open: number[];
}

/** Totals of one run (an incident, or the time before the first one). Rates are per second of room time. */
export interface RoomTotals {
  calls: number;
  firstTries: number;
  retries: number;
  refused: number;
  ok: number;
  /** The busiest bin, in calls per second. */
  peakPerS: number;
  /** Calls per second over the run so far. */
  meanPerS: number;
}

/** One run of the room: the incident and the policy it ran with, its totals and its series. */
export interface RoomRun {
  script: ScriptId | null;
  /** The preset pushed when the run started. */
  policy: RoomPolicyId;
  /** Students chose their own policy during this run (the preset then applied to the simulated ones only). */
  studentsChoose: boolean;
  /** Room time, ms. */
  startedAt: number;
  /** When the incident ended (done or stopped), or `null` while it plays or when there is none. */
  endedAt: number | null;
  totals: RoomTotals;
  series: RoomSeries;
}

/** One participant on the projector: an anonymous number, never a name, an id or a message. */
export interface RoomDot {
  /** Students: 1, 2, 3 … in join order, never reused; simulated students: 1 … N of their own (see `kind`). */
  n: number;
  kind: 'student' | 'simulated';
  breaker: BreakerStateKind;
  /** Calls this participant made over the last 5 s of room time, per second. */
  callsPerS: number;
  /** Share of those calls that were retries, 0–1. */
  retryShare: number;
  /** Share of those calls answered without a fault, 0–1; `null` without calls. */
  successRate: number | null;
}

/** `GET /api/rooms/{code}`: the room's aggregate, the same for the instructor and (with `you`) for a member. */
export interface RoomView {
  code: string;
  role: 'instructor' | 'member';
  /** The asking member's own dot number (members only). */
  you?: number;
  /** Room time now, ms. */
  now: number;
  speed: Speed;
  /** Sandbox ms per real ms actually achieved (lower than `speed` when the server is saturated). */
  achievedSpeed: number;
  members: number;
  simulated: number;
  thinkMs: number;
  seed: number;
  capacity: RoomCapacity;
  policy: { preset: RoomPolicyId; studentsChoose: boolean };
  incident: ScriptStatus | null;
  /** Over the last second of room time. */
  rate: { callsPerS: number; firstPerS: number; retriesPerS: number; refusedPerS: number; successRate: number | null };
  /** Breakers open now, of `members + simulated`. */
  openBreakers: number;
  run: RoomRun;
  /** The run before this one, for the side-by-side (e.g. no jitter, then full jitter, same seed). */
  previous: RoomRun | null;
  dots: RoomDot[];
  /** Real ms until the room closes unless it is used again. */
  expiresInMs: number;
}

/** `POST /api/rooms` answer. The token is shown to the instructor once and never to a student. */
export interface RoomCreated {
  code: string;
  /** Send as `Authorization: Bearer {instructorToken}` on every instructor action. */
  instructorToken: string;
  /** Where students go: `/?room={code}`. */
  studentPath: string;
  /** The instructor's room view; the token travels in the fragment, which browsers never send to a server. */
  instructorPath: string;
  room: RoomView;
}

/** What a member's session view says about its room (`SessionView.room`). */
export interface RoomMembership {
  code: string;
  /** The member's dot number on the projector. */
  you: number;
  /** The instructor pushes the policy (the student's own edits are overridden until released). */
  policyPushed: boolean;
  preset: RoomPolicyId;
  /** The incident playing or last played, if any. */
  incident: ScriptId | null;
}
