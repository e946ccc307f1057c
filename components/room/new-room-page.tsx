'use client';

import Link from 'next/link';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { buttonClass } from '@/components/ui/styles';
import { NewRoom } from './new-room';
import { useRoomT } from './use-room-t';

/** `/room/new`'s layout: the title in the page's language, the way back, and the form. */
export function NewRoomPage() {
  const { t } = useRoomT();
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-6 p-4 md:p-8">
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-4 dark:border-slate-700">
        <div className="min-w-0 max-w-3xl">
          <h1 className="text-3xl font-bold tracking-tight">{t('new.title')}</h1>
          <p className="mt-1 text-lg text-slate-600 dark:text-slate-400">{t('new.subtitle')}</p>
        </div>
        <nav className="flex flex-wrap items-center gap-3">
          <Link href="/" className={buttonClass('ghost')}>
            {t('page.back')}
          </Link>
          <LanguageSwitch className={buttonClass('secondary')} />
          <ThemeToggle className={buttonClass('secondary')} />
        </nav>
      </header>
      <NewRoom />
    </main>
  );
}
