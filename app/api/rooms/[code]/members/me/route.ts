import { findRoom, fresh, type RoomParams } from '@/lib/rooms/room-http';
import { apiError } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';

export const dynamic = 'force-dynamic';

/** This browser's session leaves the room, with its own settings back: `{ session }`. */
export async function DELETE(request: Request, ctx: RoomParams) {
  return withSession(request, async (session) => {
    const found = await findRoom(ctx.params);
    if (!found.ok) return found.response;
    if (!found.room.leave(session)) return apiError(404, `This browser's session is not in room ${found.room.code}.`);
    return fresh({ session: session.view() });
  });
}
