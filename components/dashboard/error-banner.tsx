'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { buttonClass } from '@/components/ui/styles';
import { useSandbox } from './sandbox-provider';

/** The last failed API call (e.g. a 400 with the server's message), announced to screen readers. */
export function ErrorBanner() {
  const t = useT();
  const { error, actions } = useSandbox();
  return (
    <div role="alert" aria-live="assertive" data-testid="error-banner">
      {error ? (
        <div className="flex items-center justify-between gap-3 rounded-lg border-2 border-orange-700 bg-orange-50 px-4 py-2 text-orange-950 dark:border-orange-400 dark:bg-orange-950 dark:text-orange-50">
          <p>
            <strong>{t('error.title')}：</strong>
            {error}
          </p>
          <button type="button" className={buttonClass('ghost')} onClick={actions.dismissError}>
            {t('error.dismiss')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
