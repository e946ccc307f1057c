import { notFound } from 'next/navigation';
import { RoomView } from '@/components/room/room-view';
import { normalizeRoomCode, ROOM_CODE_PATTERN } from '@/lib/contract';

/** `/room/{CODE}`: the instructor's projector view of a classroom room. The token comes in the link's fragment. */
export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const raw = (await params).code;
  let code: string;
  try {
    code = normalizeRoomCode(decodeURIComponent(raw));
  } catch {
    notFound(); // a malformed %-escape is no room
  }
  if (!ROOM_CODE_PATTERN.test(code)) notFound();
  return <RoomView code={code} />;
}
