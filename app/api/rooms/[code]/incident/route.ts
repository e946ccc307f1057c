import { roomIncidentSchema } from '@/lib/contract';
import { asInstructor, body, fresh, type RoomParams } from '@/lib/rooms/room-http';
import { roomStore } from '@/lib/rooms/room-store';
import { apiError } from '@/lib/sandbox/http';

export const dynamic = 'force-dynamic';

/** Instructor: `{ script }` plays a scripted incident for the whole room from now; `{ action }` pauses, resumes or stops it. */
export async function POST(request: Request, ctx: RoomParams) {
  return asInstructor(request, ctx, async (room) => {
    const parsed = await body(request, roomIncidentSchema);
    if (!parsed.ok) return parsed.response;
    const r = parsed.data;
    if ('script' in r) room.startIncident(r.script, r.lang);
    else if (!room.controlIncident(r.action)) return apiError(409, `No incident to ${r.action}: start one first with { "script": … }.`);
    return fresh(room.view('instructor', roomStore().expiresInMs(room.code)));
  });
}
