import { NewRoomPage } from '@/components/room/new-room-page';

/** `/room/new`: an instructor opens a classroom room (issue 13). A thin shell; the form is a client leaf. */
export default function Page() {
  return <NewRoomPage />;
}
