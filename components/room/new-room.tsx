'use client';

import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/components/dashboard/api';
import { CopyButton } from '@/components/ui/copy-button';
import { CheckboxField, NumberField } from '@/components/ui/fields';
import { buttonClass, panelClass } from '@/components/ui/styles';
import { DEFAULT_ROOM_CAPACITY, ROOM_LIMITS, SPEEDS, type RoomCreated, type Speed } from '@/lib/contract';
import { RadioPills } from './radio-pills';
import { saveRoomToken } from './room-token';
import { useClientValue } from './use-client-value';
import { useRoomT } from './use-room-t';

/**
 * `/room/new`: choose the room's speed, simulated students and capacity,
 * create it, and get the join code (big, for the projector), the students'
 * link and the instructor's link. The token is shown once and remembered in
 * this browser; the instructor link carries it in its fragment.
 */
export function NewRoom() {
  const { t } = useRoomT();
  const [speed, setSpeed] = useState<Speed>(10);
  const [simulated, setSimulated] = useState<number>(ROOM_LIMITS.defaultSimulated);
  const [capacity, setCapacity] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<RoomCreated | null>(null);
  const [revealed, setRevealed] = useState(false);
  const origin = useClientValue(() => window.location.origin, '');

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const room = await api.createRoom({ speed, simulated, capacity: { enabled: capacity } });
      saveRoomToken(room.code, room.instructorToken);
      setCreated(room);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    const student = `${origin}${created.studentPath}`;
    const instructor = `${origin}${created.instructorPath}`;
    return (
      <section className={`${panelClass} flex flex-col gap-4`} aria-labelledby="new-room-code" data-testid="room-created">
        <p className="flex flex-wrap items-baseline gap-4">
          <span id="new-room-code" className="text-2xl text-slate-600 dark:text-slate-300">
            {t('new.code')}
          </span>
          <span className="font-mono text-7xl font-black tracking-[0.2em]" data-testid="new-room-code">
            {created.code}
          </span>
        </p>
        <div className="flex flex-col gap-1">
          <p className="text-lg">{t('new.studentLink')}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-slate-100 px-2 py-1 text-xl dark:bg-slate-800" data-testid="new-room-student-link">
              {student}
            </code>
            <CopyButton text={student} label={t('new.copy')} copied={t('new.copied')} ariaLabel={t('new.copyStudent')} />
          </div>
        </div>
        <div className="flex flex-col gap-1">
          <p className="text-lg">{t('new.instructorLink')}</p>
          <div className="flex flex-wrap items-center gap-2">
            {/* Masked by default: this page may well be on the projector. */}
            <code className="break-all rounded bg-slate-100 px-2 py-1 text-base dark:bg-slate-800" data-testid="new-room-instructor-link">
              {revealed ? instructor : `${origin}/room/${created.code}#token=${'•'.repeat(12)}`}
            </code>
            <CopyButton text={instructor} label={t('new.copy')} copied={t('new.copied')} ariaLabel={t('new.copyInstructor')} />
            <button type="button" className={buttonClass('ghost')} aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
              {revealed ? t('new.hide') : t('new.show')}
            </button>
          </div>
          <p className="text-base text-slate-600 dark:text-slate-400">{t('new.tokenNote')}</p>
        </div>
        <Link href={created.instructorPath} className={`${buttonClass('primary')} self-start text-xl`} data-testid="open-room-view">
          {t('new.open')}
        </Link>
      </section>
    );
  }

  return (
    <section className={`${panelClass} flex max-w-3xl flex-col gap-4`} aria-label={t('new.title')}>
      <RadioPills label={t('new.speed')} name="new-room-speed" value={speed} options={SPEEDS.map((s) => ({ value: s, label: t(`speed.${s}`) }))} onChange={setSpeed} large />
      <NumberField className="w-64" label={t('new.simulated')} value={simulated} min={0} max={ROOM_LIMITS.maxSimulated} integer onCommit={setSimulated} onValue={setSimulated} hint={t('new.simulatedHint')} />
      <CheckboxField label={t('new.capacity', { rate: DEFAULT_ROOM_CAPACITY.callsPerSecond, burst: DEFAULT_ROOM_CAPACITY.burst })} checked={capacity} onChange={setCapacity} />
      {error ? (
        <p role="alert" className="rounded-lg border-2 border-orange-600 px-3 py-2 text-base">
          {error}
        </p>
      ) : null}
      <button type="button" className={`${buttonClass('primary')} self-start text-xl`} disabled={busy} onClick={() => void create()} data-testid="create-room">
        {busy ? t('new.creating') : t('new.create')}
      </button>
    </section>
  );
}
