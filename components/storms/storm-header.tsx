'use client';

import Link from 'next/link';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { buttonClass } from '@/components/ui/styles';
import { useStormT } from './use-storm-t';

/** Title, subtitle, the ways back to the dashboard and on to the jitter lab, and the language and theme switches. */
export function StormHeader() {
  const { t } = useStormT();
  return (
    <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-4 dark:border-slate-700">
      <div className="min-w-0 max-w-4xl">
        <h1 className="text-3xl font-bold tracking-tight">{t('page.title')}</h1>
        <p className="mt-1 text-lg text-slate-600 dark:text-slate-400">{t('page.subtitle')}</p>
      </div>
      <nav className="flex flex-wrap items-center gap-3">
        <Link href="/" className={buttonClass('ghost')}>
          {t('page.back')}
        </Link>
        <Link href="/jitter" className={buttonClass('ghost')}>
          {t('page.jitter')}
        </Link>
        <LanguageSwitch className={buttonClass('secondary')} />
        <ThemeToggle className={buttonClass('secondary')} />
      </nav>
    </header>
  );
}
