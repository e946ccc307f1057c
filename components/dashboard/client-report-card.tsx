'use client';

import { useI18n } from '@/components/i18n/i18n-provider';
import { focusRing } from '@/components/ui/styles';
import type { ClientCheck, ClientVerdict } from '@/lib/contract';
import { verdictCounts } from './client-report-state';

const BADGE: Record<ClientVerdict, { icon: string; cls: string }> = {
  pass: { icon: '✓', cls: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200' },
  fail: { icon: '✗', cls: 'bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200' },
  unobserved: { icon: '○', cls: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300' },
};

/** A verdict as a badge: an icon and a word, never colour alone. */
function VerdictBadge({ verdict }: { verdict: ClientVerdict }) {
  const { t } = useI18n();
  const b = BADGE[verdict];
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded-md px-2 py-0.5 text-sm font-semibold ${b.cls}`} data-testid="verdict">
      <span aria-hidden="true">{b.icon}</span>
      {t(`grade.verdict.${verdict}`)}
    </span>
  );
}

/**
 * The report card: one row per check with its verdict and one-line reason;
 * open a row for the rule, the evidence (the calls, their gaps, what the
 * server asked) and, when unobserved, what to run.
 */
export function ClientReportCard({ checks }: { checks: readonly ClientCheck[] }) {
  const { t, pick } = useI18n();
  const counts = verdictCounts(checks);
  return (
    <section aria-labelledby="grade-card-title" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="grade-card-title" className="text-lg font-semibold">
          {t('grade.card.title')}
        </h3>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="grade-summary">
          {t('grade.card.summary', counts)}
        </p>
      </div>
      <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
        {checks.map((c) => (
          <li key={c.id} data-testid={`check-${c.id}`} data-verdict={c.verdict}>
            <details className="group">
              <summary className={`flex cursor-pointer list-none items-start gap-3 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800/60 ${focusRing}`}>
                <VerdictBadge verdict={c.verdict} />
                <span className="flex min-w-0 flex-col">
                  <span className="font-medium">
                    {pick(c.title)} <code className="text-xs text-slate-500">{c.id}</code>
                  </span>
                  <span className="text-sm text-slate-700 dark:text-slate-300">{pick(c.evidence.summary)}</span>
                </span>
              </summary>
              <div className="flex flex-col gap-1.5 px-3 pb-3 pl-6 text-sm">
                <p className="text-slate-600 dark:text-slate-400">
                  <span className="font-medium">{t('grade.rule')}</span>
                  {pick(c.rule)}
                </p>
                {c.evidence.details.length > 0 ? (
                  <ul className="list-disc pl-5">
                    {c.evidence.details.map((d, i) => (
                      <li key={i}>{pick(d)}</li>
                    ))}
                  </ul>
                ) : null}
                {c.evidence.toObserve ? (
                  <p>
                    <span className="font-medium">{t('grade.toObserve')}</span>
                    {pick(c.evidence.toObserve)}
                  </p>
                ) : null}
                {c.evidence.calls.length > 0 ? <p className="text-slate-500">{t('grade.calls', { calls: c.evidence.calls.map((n) => `#${n}`).join(' ') })}</p> : null}
              </div>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
