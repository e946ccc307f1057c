import { roomPolicySchema } from '@/lib/contract';
import { asInstructor, body, fresh, type RoomParams } from '@/lib/rooms/room-http';
import { roomStore } from '@/lib/rooms/room-store';

export const dynamic = 'force-dynamic';

/** Instructor: push a policy to everyone (`preset`), or let students choose their own (`studentsChoose`). */
export async function PUT(request: Request, ctx: RoomParams) {
  return asInstructor(request, ctx, async (room) => {
    const parsed = await body(request, roomPolicySchema);
    if (!parsed.ok) return parsed.response;
    room.setPolicy(parsed.data);
    return fresh(room.view('instructor', roomStore().expiresInMs(room.code)));
  });
}
