'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { buttonClass } from '@/components/ui/styles';
import { BreakerBadge } from './breaker-badge';
import { useSandbox } from './sandbox-provider';
import { Shortcuts } from './shortcuts';
import { ViewToggle } from './view-toggle';

const STATUS_DOT = { live: 'var(--closed)', connecting: 'var(--half-open)', offline: 'var(--open)' } as const;

/** The presenter view's one-line header: title, the breaker's state (big), the connection, the switches. */
export function PresenterHeader() {
  const t = useT();
  const { status } = useSandbox();
  const button = buttonClass('secondary');
  return (
    <header className="flex items-center justify-between gap-4">
      <div className="flex min-w-0 items-center gap-5">
        <h1 className="truncate text-2xl font-bold tracking-tight">{t('app.title')}</h1>
        <BreakerBadge large />
        <span className="inline-flex items-center gap-1.5 text-base" aria-label={t('conn.label')} role="status" data-status={status}>
          <span aria-hidden="true" className="inline-block size-3 rounded-full" style={{ background: STATUS_DOT[status] }} />
          {t(`conn.${status}`)}
        </span>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <Shortcuts />
        <LanguageSwitch className={button} />
        <ThemeToggle className={button} />
        <ViewToggle present className={button} />
      </div>
    </header>
  );
}
