'use client';

import type { ReactNode } from 'react';
import { panelClass } from '@/components/ui/styles';
import { layeredAmplification, type StormRunResult, type StormWindow } from '@/lib/sim';
import { formatRate, formatShare, formatTimes, geometricSum, wastedShare } from './chart-data';
import { useStormT, type StormT } from './use-storm-t';

/** One big number with its label and a line of context; `role="group"` named by the label. */
function Figure({ label, value, note, testId, tone = 'plain' }: { label: string; value: string; note?: ReactNode; testId: string; tone?: 'plain' | 'bad' | 'good' }) {
  const colour = tone === 'bad' ? 'text-orange-700 dark:text-orange-400' : tone === 'good' ? 'text-emerald-700 dark:text-emerald-400' : '';
  return (
    <div role="group" aria-label={label} className={`${panelClass} flex flex-col gap-1`}>
      <span className="text-base text-slate-600 dark:text-slate-400">{label}</span>
      <span className={`text-3xl font-bold tabular-nums ${colour}`} data-testid={testId}>
        {value}
      </span>
      {note ? <span className="text-sm text-slate-600 dark:text-slate-400">{note}</span> : null}
    </div>
  );
}

function windowNote(w: StormWindow, t: StormT): string {
  return t('fig.rate', { rate: formatRate(w.goodput), from: w.fromS, to: w.toS });
}

/**
 * The numbers the lesson quotes: calls per request against the closed form,
 * goodput before and after the dip, when (whether) it came back, and how much
 * of the server's work nobody was waiting for.
 */
export function StormFigures({ run }: { run?: StormRunResult }) {
  const { t } = useStormT();
  if (!run) return <p className="text-lg text-slate-500">{t('chart.waiting')}</p>;
  const o = run.options;
  const s = run.summary;
  const calls = run.maxCallsPerRequest;
  const formula = layeredAmplification(o.failureRate, o.attempts, o.layers);
  const after = s.afterDip;
  const stuck = after !== null && s.recoveredAfterS === null;
  return (
    <section aria-label={t('figures.title')} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="storm-figures">
      <Figure
        label={t('fig.amplification.label')}
        value={formatTimes(run.amplification)}
        testId="storm-amplification"
        note={
          <>
            <span data-testid="storm-amplification-formula">{t('fig.amplification.formula', { sum: geometricSum(calls - 1), value: formatTimes(formula) })}</span>
            <br />
            {t('fig.amplification.max', { max: calls, attempts: o.attempts, layers: o.layers })}
          </>
        }
      />
      {s.beforeDip ? (
        <Figure label={t('fig.before.label')} value={formatShare(s.beforeDip.answered)} note={`${t('fig.answered', { pct: formatShare(s.beforeDip.answered) })} · ${windowNote(s.beforeDip, t)}`} testId="storm-goodput-before" />
      ) : (
        <Figure label={t('fig.whole.label')} value={formatShare(s.whole.answered)} note={windowNote(s.whole, t)} testId="storm-goodput-whole" />
      )}
      <Figure
        label={t('fig.after.label')}
        value={after ? formatShare(after.answered) : t('fig.noTrigger')}
        note={after ? `${t('fig.answered', { pct: formatShare(after.answered) })} · ${windowNote(after, t)}` : undefined}
        tone={after ? (stuck ? 'bad' : 'good') : 'plain'}
        testId="storm-goodput-after"
      />
      {after ? (
        <Figure
          label={t('fig.recovery.label')}
          value={stuck ? t('fig.recovery.never') : t('unit.s', { v: s.recoveredAfterS! })}
          note={stuck ? t('fig.recovery.neverNote') : t('fig.recovery.after')}
          tone={stuck ? 'bad' : 'good'}
          testId="storm-recovery"
        />
      ) : null}
      <Figure label={t('fig.wasted.label')} value={formatShare(wastedShare(run))} note={t('fig.wasted.note')} testId="storm-wasted" />
    </section>
  );
}
