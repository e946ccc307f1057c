import { ROOM_LIMITS, type RoomSettingsInput } from '@/lib/contract';
import { systemClock, type Clock } from '@/lib/resilience/clock';
import type { Disposable } from '@/lib/resilience/events';
import type { Pacer } from '@/lib/resilience/pacer';
import { TtlLruCache } from '@/lib/resilience/ttl-lru-cache';
import { CreationLimiter } from '@/lib/sandbox/creation-limiter';
import { pacer as processPacer } from '@/lib/sandbox/pacing';
import type { SandboxSession } from '@/lib/sandbox/session';
import { newInstructorToken, newRoomCode } from './codes';
import { Room } from './room';

const envNumber = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Bounds on the room store. Times are real ms (a room outlives nothing but its class). */
export interface RoomStoreLimits {
  /** Rooms open at once. Default 50 (`ROOMS_MAX`). */
  maxRooms: number;
  /** Members per room. Default 300. */
  maxMembers: number;
  /** Simulated students per room. Default 200. */
  maxSimulated: number;
  /** Simulated students in all rooms together. Default 400 (`ROOMS_MAX_SIMULATED`): two full rooms, on 2 cores. */
  maxSimulatedTotal: number;
  /** A room unused this long closes. Default 3 h (`ROOMS_TTL_MS`). */
  idleTtlMs: number;
  /** A room used within this window is never closed to make room for a new one. Default 20 min. */
  protectMs: number;
  /** Rooms one address may create: a burst, then a steady rate. */
  creation: { burst: number; perMinute: number };
  /** How often expired rooms are swept, real ms. Default 60 s. */
  sweepMs: number;
}

export const ROOM_STORE_LIMITS: RoomStoreLimits = {
  maxRooms: envNumber('ROOMS_MAX', ROOM_LIMITS.maxRooms),
  maxMembers: ROOM_LIMITS.maxMembers,
  maxSimulated: ROOM_LIMITS.maxSimulated,
  maxSimulatedTotal: envNumber('ROOMS_MAX_SIMULATED', 400),
  idleTtlMs: envNumber('ROOMS_TTL_MS', ROOM_LIMITS.idleTtlMs),
  protectMs: 20 * 60 * 1000,
  creation: { burst: 10, perMinute: 4 },
  sweepMs: 60_000,
};

/** A refusal: status, Retry-After in seconds, and a message for the caller. */
export interface RoomRefusal {
  status: 409 | 429 | 503;
  retryAfterS?: number;
  message: string;
}

export type CreateRoomResult = { ok: true; room: Room; instructorToken: string } | ({ ok: false } & RoomRefusal);

interface Entry {
  room: Room;
  lastUsedAt: number;
}

/**
 * The open rooms, by join code: a {@link TtlLruCache} with an idle TTL (every
 * use of a room pushes its expiry back) and a cap on how many are open. A full
 * store closes the room idle longest if nobody used it for `protectMs`, and
 * otherwise refuses the new one (503) rather than closing a class in session.
 * Closing a room gives every member their own settings back.
 */
export class RoomStore {
  private readonly rooms: TtlLruCache<string, Entry>;
  /** The same entries, to read one without marking it used (the cache's `get` would). */
  private readonly entries = new Map<string, Entry>();
  private readonly limiter: CreationLimiter;

  constructor(
    readonly limits: RoomStoreLimits = ROOM_STORE_LIMITS,
    private readonly deps: { clock?: Clock; pacer?: () => Pacer } = {},
  ) {
    const clock = deps.clock ?? systemClock;
    this.rooms = new TtlLruCache<string, Entry>({
      maxEntries: limits.maxRooms,
      ttlMs: limits.idleTtlMs,
      clock,
      touchOnGet: true,
      onEvict: (code, entry) => {
        this.entries.delete(code);
        entry.room.dispose();
      },
    });
    this.limiter = new CreationLimiter({ ...limits.creation, clock });
  }

  private get now(): number {
    return (this.deps.clock ?? systemClock).now();
  }

  /** Rooms open (expired ones not yet swept included). */
  get size(): number {
    return this.rooms.size;
  }

  /** Simulated students in all open rooms. */
  get simulatedTotal(): number {
    let n = 0;
    for (const code of this.rooms.keys()) n += this.peek(code)?.simulatedCount ?? 0;
    return n;
  }

  /** Open a room for the client at `address`, with its code and instructor token, or say why not. */
  create(address: string, settings: RoomSettingsInput = {}): CreateRoomResult {
    const wait = this.limiter.take(address);
    if (wait > 0) {
      const s = Math.ceil(wait / 1000);
      return { ok: false, status: 429, retryAfterS: s, message: `Too many new rooms from your address; try again in ${s} s (your rooms stay open).` };
    }
    const tooMany = this.simulatedRefusal(settings.simulated ?? 0, 0);
    if (tooMany) {
      this.limiter.refund(address);
      return { ok: false, ...tooMany };
    }
    this.rooms.prune();
    if (this.rooms.size >= this.limits.maxRooms && !this.closeIdlest()) {
      this.limiter.refund(address);
      return {
        ok: false,
        status: 503,
        retryAfterS: 60,
        message: `The sandbox has ${this.limits.maxRooms} rooms open, all in use; try again later or ask whoever runs it to raise ROOMS_MAX.`,
      };
    }
    let code = newRoomCode();
    while (this.rooms.has(code)) code = newRoomCode();
    const instructorToken = newInstructorToken();
    const room = new Room(code, instructorToken, settings, { pacer: (this.deps.pacer ?? processPacer)(), maxMembers: this.limits.maxMembers });
    const entry = { room, lastUsedAt: this.now };
    this.entries.set(code, entry);
    this.rooms.set(code, entry);
    return { ok: true, room, instructorToken };
  }

  /** The open room with this code, marking it used; `undefined` when unknown or expired. */
  get(code: string): Room | undefined {
    const entry = this.rooms.get(code);
    if (entry) entry.lastUsedAt = this.now;
    return entry?.room;
  }

  /** Real ms until the room closes if nobody uses it (0 when unknown). */
  expiresInMs(code: string): number {
    const entry = this.peekEntry(code);
    return entry ? Math.max(0, entry.lastUsedAt + this.limits.idleTtlMs - this.now) : 0;
  }

  /** The room `session` is a member of, if any. */
  roomOf(session: SandboxSession): Room | undefined {
    for (const code of this.rooms.keys()) {
      const room = this.peek(code);
      if (room?.has(session)) return room;
    }
    return undefined;
  }

  /**
   * A 409 when giving `room` `wanted` simulated students would pass the process-wide cap
   * (the per-room cap is the schema's); `undefined` when it fits.
   */
  simulatedRefusal(wanted: number, current: number): RoomRefusal | undefined {
    const others = this.simulatedTotal - current;
    if (others + wanted <= this.limits.maxSimulatedTotal) return undefined;
    const left = Math.max(0, this.limits.maxSimulatedTotal - others);
    return {
      status: 409,
      message: `This server runs at most ${this.limits.maxSimulatedTotal} simulated students in all rooms together; ${left} more are possible now (asked for ${wanted}). Raise ROOMS_MAX_SIMULATED to allow more.`,
    };
  }

  /** Close a room now (its members get their own settings back). */
  close(code: string): boolean {
    return this.rooms.delete(code);
  }

  /** Close every expired room; returns how many closed. */
  sweep(): number {
    return this.rooms.prune();
  }

  /** Sweep every `limits.sweepMs` on the real clock; the timer never keeps the process alive. */
  startSweeper(): Disposable {
    const timer = setInterval(() => this.sweep(), this.limits.sweepMs);
    timer.unref?.();
    return { dispose: () => clearInterval(timer) };
  }

  /** The live entry, without marking it used (`has` drops it when expired). */
  private peekEntry(code: string): Entry | undefined {
    return this.rooms.has(code) ? this.entries.get(code) : undefined;
  }

  private peek(code: string): Room | undefined {
    return this.peekEntry(code)?.room;
  }

  /** Make room for one: close the room idle longest, if nobody used it within `protectMs`. */
  private closeIdlest(): boolean {
    const [oldest] = this.rooms.keys();
    const entry = oldest === undefined ? undefined : this.peekEntry(oldest);
    if (!oldest || !entry || this.now - entry.lastUsedAt < this.limits.protectMs) return false;
    this.rooms.delete(oldest);
    return true;
  }
}

const globalRooms = globalThis as unknown as { __sandboxRooms?: RoomStore };

/** The process-wide room store (on globalThis, so dev-mode reloads keep the rooms), with its sweeper. */
export function roomStore(): RoomStore {
  if (!globalRooms.__sandboxRooms) {
    globalRooms.__sandboxRooms = new RoomStore();
    globalRooms.__sandboxRooms.startSweeper();
  }
  return globalRooms.__sandboxRooms;
}
