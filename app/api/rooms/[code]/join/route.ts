import { findRoom, fresh, roomFull, type RoomParams } from '@/lib/rooms/room-http';
import { roomStore } from '@/lib/rooms/room-store';
import { withSession } from '@/lib/sandbox/session-http';

export const dynamic = 'force-dynamic';

/** This browser's session joins the room (leaving any other room first): `{ room, session }`. */
export async function POST(request: Request, ctx: RoomParams) {
  return withSession(request, async (session) => {
    const found = await findRoom(ctx.params);
    if (!found.ok) return found.response;
    const room = found.room;
    const other = roomStore().roomOf(session);
    if (other && other !== room) other.leave(session);
    const joined = room.join(session);
    if (!joined.ok) return roomFull(room);
    return fresh({ room: joined.link.membership, session: session.view() });
  });
}
