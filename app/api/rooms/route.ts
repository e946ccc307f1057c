import { roomSettingsSchema, type RoomCreated } from '@/lib/contract';
import { fresh, optionalBody } from '@/lib/rooms/room-http';
import { roomStore } from '@/lib/rooms/room-store';
import { apiError } from '@/lib/sandbox/http';
import { clientAddress } from '@/lib/sandbox/session-http';

export const dynamic = 'force-dynamic';

/**
 * Open a classroom room: `{ code, instructorToken, … }`. Optional settings
 * (speed, simulated students, capacity, seed). The token is in this answer
 * only: keep it, it is the room's only key.
 */
export async function POST(request: Request) {
  const parsed = await optionalBody(request, roomSettingsSchema);
  if (!parsed.ok) return parsed.response;
  const store = roomStore();
  const created = store.create(clientAddress(request), parsed.data);
  if (!created.ok) return apiError(created.status, created.message, created.retryAfterS ? { 'retry-after': String(created.retryAfterS) } : undefined);
  const { room, instructorToken } = created;
  const body: RoomCreated = {
    code: room.code,
    instructorToken,
    studentPath: `/?room=${room.code}`,
    instructorPath: `/room/${room.code}#token=${instructorToken}`,
    room: room.view('instructor', store.expiresInMs(room.code)),
  };
  return fresh(body, 201);
}
