import { roomSettingsSchema } from '@/lib/contract';
import { asInstructor, body, findRoom, fresh, viewFor, type RoomParams } from '@/lib/rooms/room-http';
import { roomStore } from '@/lib/rooms/room-store';
import { apiError } from '@/lib/sandbox/http';

export const dynamic = 'force-dynamic';

/** The room's aggregate: members, calls per second (first tries and retries), open breakers, dots. Instructor or member. */
export async function GET(request: Request, ctx: RoomParams) {
  const found = await findRoom(ctx.params);
  return found.ok ? viewFor(request, found.room) : found.response;
}

/** Instructor: change the room's speed, simulated students, think time, capacity or seed. */
export async function PATCH(request: Request, ctx: RoomParams) {
  return asInstructor(request, ctx, async (room) => {
    const parsed = await body(request, roomSettingsSchema);
    if (!parsed.ok) return parsed.response;
    const store = roomStore();
    const s = parsed.data;
    const refusal = s.simulated !== undefined ? store.simulatedRefusal(s.simulated, room.simulatedCount) : undefined;
    if (refusal) return apiError(refusal.status, refusal.message);
    room.configure(s);
    return fresh(room.view('instructor', store.expiresInMs(room.code)));
  });
}
