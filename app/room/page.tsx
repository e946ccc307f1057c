import { redirect } from 'next/navigation';

/** `/room`: there is no list of rooms (a room is reached by its code), so an instructor who types it gets the form that opens one. */
export default function Page(): never {
  redirect('/room/new');
}
