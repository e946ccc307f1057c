'use client';

import Link from 'next/link';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { buttonClass } from '@/components/ui/styles';
import type { RoomView } from '@/lib/contract';
import { useClientValue } from './use-client-value';
import { useRoomT } from './use-room-t';

/** The join code as the back row reads it, and where students go; the room's clock and speed. */
export function RoomHeader({ code, view }: { code: string; view: RoomView | null }) {
  const { t } = useRoomT();
  const origin = useClientValue(() => window.location.origin, '');
  return (
    <header className="flex flex-wrap items-center justify-between gap-4 border-b border-slate-200 pb-3 dark:border-slate-700">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-1">
        <h1 className="text-3xl font-bold">{t('room.title')}</h1>
        <p className="flex items-baseline gap-3">
          <span className="text-xl text-slate-600 dark:text-slate-300">{t('room.code')}</span>
          <span className="font-mono text-6xl font-black tracking-[0.2em]" data-testid="room-code">
            {code}
          </span>
        </p>
        <p className="text-2xl">
          {t('room.joinAt', { url: `${origin}/?room=${code}` })} <span className="text-slate-600 dark:text-slate-300">{t('room.joinOr')}</span>
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-lg tabular-nums">
        {view ? (
          <>
            <span data-testid="room-speed">{t('room.speed', { speed: view.speed === 1 ? t('speed.1') : `×${view.speed}`, achieved: view.achievedSpeed.toFixed(1) })}</span>
            <span>{t('room.clock', { t: (view.now / 1000).toFixed(0) })}</span>
            <span className="text-slate-600 dark:text-slate-300">{t('room.expires', { h: Math.max(1, Math.round(view.expiresInMs / 3_600_000)) })}</span>
          </>
        ) : null}
        <Link href="/room/new" className={buttonClass('ghost')}>
          {t('room.new')}
        </Link>
        <LanguageSwitch className={buttonClass('secondary')} />
        <ThemeToggle className={buttonClass('secondary')} />
      </div>
    </header>
  );
}
