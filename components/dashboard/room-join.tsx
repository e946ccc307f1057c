'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import { buttonClass, inputClass, panelClass } from '@/components/ui/styles';
import { normalizeRoomCode, ROOM_CODE_PATTERN } from '@/lib/contract';
import { SCRIPTS } from '@/lib/scenario/scripts';
import { api } from './api';
import { useSandbox, useSandboxState } from './sandbox-provider';

/**
 * Join a classroom room (issue 13) by its code — typed here, or from the
 * `/?room=CODE` link the instructor projects — see which room and number you
 * are, and leave it. In a room the sandbox runs on the room's clock and faults;
 * leaving gives the student's own settings back.
 */
export function RoomJoin() {
  const { t, pick } = useI18n();
  const { store } = useSandbox();
  const ready = useSandboxState((s) => s.session !== null);
  const room = useSandboxState((s) => s.session?.room ?? null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const join = async (raw: string) => {
    const wanted = normalizeRoomCode(raw);
    if (!ROOM_CODE_PATTERN.test(wanted)) return setError(t('room.join.invalid'));
    setBusy(true);
    try {
      const joined = await api.joinRoom(wanted);
      store.applyNow({ type: 'session', session: joined.session });
      setError(null);
      setCode('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    if (!room) return;
    setBusy(true);
    try {
      store.applyNow({ type: 'session', session: (await api.leaveRoom(room.code)).session });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // The projected link `/?room=CODE`: joined once the session is there; the code then leaves the address bar.
  const fromLink = useRef(false);
  useEffect(() => {
    if (!ready || fromLink.current) return;
    fromLink.current = true;
    const url = new URL(window.location.href);
    const linked = url.searchParams.get('room');
    if (linked === null) return;
    url.searchParams.delete('room');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    if (normalizeRoomCode(linked) === store.getSnapshot().session?.room?.code) return;
    void (async () => {
      await join(linked);
    })();
    // `join` is left out on purpose: this runs once, for the link the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  return (
    <section aria-labelledby="room-join-title" className={`${panelClass} flex flex-col gap-2`} data-testid="room-join" data-room={room?.code ?? ''}>
      <h2 id="room-join-title" className="text-xl font-bold">
        {t('room.join.title')}
      </h2>
      {room ? (
        <>
          <p role="status" aria-label={t('room.join.status')} className="text-base font-semibold" data-testid="room-membership">
            {t('room.join.in', { code: room.code, n: room.you })}
          </p>
          <p className="text-sm text-slate-700 dark:text-slate-300">{room.policyPushed ? t('room.join.pushed', { preset: t(`room.preset.${room.preset}`) }) : t('room.join.choose')}</p>
          {room.incident ? <p className="text-sm text-slate-700 dark:text-slate-300">{t('room.join.incident', { name: pick(SCRIPTS[room.incident].name) })}</p> : null}
          <button type="button" className={`${buttonClass('secondary')} self-start`} disabled={busy} onClick={() => void leave()}>
            {t('room.join.leave')}
          </button>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('room.join.leaveNote')}</p>
        </>
      ) : (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void join(code);
          }}
        >
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700 dark:text-slate-300">
            {t('room.join.code')}
            <input
              className={`${inputClass} font-mono uppercase tracking-widest`}
              value={code}
              maxLength={12}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={error !== null}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <button type="submit" className={`${buttonClass('primary')} self-start`} disabled={!ready || busy || code.trim() === ''}>
            {t('room.join.button')}
          </button>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('room.join.hint')}</p>
          <Link href="/room/new" className="self-start text-sm font-medium text-[var(--accent)] underline-offset-4 hover:underline">
            {t('room.join.open')}
          </Link>
        </form>
      )}
      {error ? (
        <p role="alert" className="text-sm text-orange-800 dark:text-orange-300">
          {error}
        </p>
      ) : null}
    </section>
  );
}
