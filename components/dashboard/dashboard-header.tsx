'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n/i18n-provider';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { buttonClass } from '@/components/ui/styles';
import { BreakerBadge } from './breaker-badge';
import { useSandbox } from './sandbox-provider';
import { Shortcuts } from './shortcuts';
import { ViewToggle } from './view-toggle';

const STATUS_DOT = { live: 'var(--closed)', connecting: 'var(--half-open)', offline: 'var(--open)' } as const;

/** Title, the breaker's state, the live-connection status, the links to the two labs and the page-wide switches. */
export function DashboardHeader() {
  const t = useT();
  const { status } = useSandbox();
  return (
    <header className="flex items-start justify-between gap-4 border-b border-slate-200 pb-4 dark:border-slate-700">
      <div className="min-w-0">
        <h1 className="text-3xl font-bold tracking-tight">{t('app.title')}</h1>
        <p className="mt-1 text-base text-slate-600 dark:text-slate-400">{t('app.subtitle')}</p>
        <div className="mt-3 flex flex-wrap items-center gap-4">
          <BreakerBadge />
          <span className="inline-flex items-center gap-1.5 text-sm" aria-label={t('conn.label')} role="status" data-status={status}>
            <span aria-hidden="true" className="inline-block size-2.5 rounded-full" style={{ background: STATUS_DOT[status] }} />
            {t(`conn.${status}`)}
          </span>
          <Link href="/jitter" className="text-sm font-medium text-[var(--accent)] underline-offset-4 hover:underline">
            {t('app.jitterLink')}
          </Link>
          <Link href="/storms" className="text-sm font-medium text-[var(--accent)] underline-offset-4 hover:underline">
            {t('app.stormsLink')}
          </Link>
        </div>
      </div>
      {/* Page-wide switches, pinned top right: nothing live sits in this row, so they never move under the pointer. */}
      <div className="flex shrink-0 items-center gap-2">
        <ViewToggle present={false} />
        <Shortcuts />
        <LanguageSwitch className={buttonClass('secondary')} />
        <ThemeToggle className={buttonClass('secondary')} />
      </div>
    </header>
  );
}
