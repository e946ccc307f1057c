'use client';

import { useMemo } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import { CopyButton } from '@/components/ui/copy-button';
import { panelClass } from '@/components/ui/styles';
import { useSandboxState } from '../sandbox-provider';
import { pythonCode, typescriptCode } from './policy-code';

/**
 * The current policy beside the charts, as this project's TypeScript and as
 * the lesson's Python, regenerated whenever the student changes the policy.
 */
export function PolicyCodePanel() {
  const { t, locale } = useI18n();
  const policy = useSandboxState((s) => s.session?.policy ?? null);
  const lang = locale === 'en' ? 'en' : 'zh';
  const code = useMemo(() => (policy ? { ts: typescriptCode(policy, lang), py: pythonCode(policy, lang) } : null), [policy, lang]);
  if (!code) return null;
  return (
    <section aria-labelledby="code-title" className={`${panelClass} flex flex-col gap-3`} data-testid="policy-code">
      <div>
        <h2 id="code-title" className="text-xl font-bold">
          {t('code.title')}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('code.subtitle')}</p>
      </div>
      <div className="grid grid-cols-1 gap-4 2xl:grid-cols-2">
        {(['ts', 'py'] as const).map((which) => (
          <div key={which} className="flex min-w-0 flex-col gap-1">
            <div className="flex items-center justify-between">
              <h3 className="text-base font-semibold">{t(`code.${which}`)}</h3>
              <CopyButton text={code[which]} label={t('connect.copy')} copied={t('connect.copied')} ariaLabel={t('connect.copyLabel', { what: t(`code.${which}`) })} />
            </div>
            <pre className="max-h-[28rem] overflow-auto rounded-lg bg-slate-900 p-3 text-sm text-slate-100 dark:bg-black" tabIndex={0} aria-label={t(`code.${which}`)} data-testid={`policy-code-${which}`}>
              <code>{code[which]}</code>
            </pre>
          </div>
        ))}
      </div>
    </section>
  );
}
