'use client';

import { memo, type ReactNode } from 'react';
import { panelClass } from '@/components/ui/styles';
import type { ExperimentResult, SimStrategyId, StrategyResult } from '@/lib/sim';
import { formatCount, formatDuration } from './chart-data';
import { BASELINE_STRATEGY } from './lab-params';
import { STRATEGY_STYLE, strategyName } from './strategy-style';
import { useJitterT, type JitterT } from './use-jitter-t';

/** A number with a proportional bar behind it: a bar chart that is also a readable table. */
function BarCell({ value, max, color, children }: { value: number; max: number; color: string; children: ReactNode }) {
  const pct = max > 0 ? Math.max(1, (value / max) * 100) : 0;
  return (
    <td className="relative px-3 py-2 text-right tabular-nums">
      <span aria-hidden="true" className="absolute inset-y-1.5 left-0 rounded-r opacity-25" style={{ width: `${pct}%`, background: color }} />
      <span className="relative">{children}</span>
    </td>
  );
}

function totalsNote(options: ExperimentResult['options'], t: JitterT): string {
  if (options.model === 'api' && options.budget) return t('note.totals.budget');
  if (options.model === 'api') return t('note.totals.api', { capacity: options.capacity ?? 20 });
  return t('note.totals.occ');
}

/** Fewest calls and fastest completion, in words: the table's text summary. */
function summary(strategies: readonly StrategyResult[], t: JitterT, name: (id: SimStrategyId) => string): string {
  const fewest = strategies.reduce((a, b) => (b.calls.mean < a.calls.mean ? b : a));
  const fastest = strategies.reduce((a, b) => (b.completionMs.mean < a.completionMs.mean ? b : a));
  return t('totals.summary', {
    fewest: name(fewest.id),
    calls: formatCount(fewest.calls.mean),
    fastest: name(fastest.id),
    time: formatDuration(fastest.completionMs.mean),
  });
}

/** Totals for every strategy at the current settings: mean calls, mean and p95 completion (and, for the API model, answered and gave-up clients). */
export const TotalsTable = memo(function TotalsTable({ result, chosen }: { result?: ExperimentResult; chosen: SimStrategyId }) {
  const { locale, t } = useJitterT();
  const name = (id: SimStrategyId) => strategyName(id, locale);
  const strategies = result?.strategies ?? [];
  const api = result?.options.model === 'api';
  const maxCalls = Math.max(0, ...strategies.map((s) => s.calls.mean));
  const maxTime = Math.max(0, ...strategies.map((s) => s.completionMs.mean));
  return (
    <figure className={`${panelClass} flex flex-col gap-3`} aria-label={t('totals.title')} data-testid="jitter-totals">
      <figcaption>
        <h2 className="text-2xl font-semibold">{t('totals.title')}</h2>
        {result ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('totals.description', { clients: result.options.clients, runs: result.options.runs })}</p>
        ) : null}
      </figcaption>
      {result && strategies.length > 0 ? (
        <>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-base">
              <thead>
                <tr className="border-b border-slate-300 text-left dark:border-slate-600">
                  <th scope="col" className="px-3 py-2">{t('totals.strategy')}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t('totals.calls')}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t('totals.completion')}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t('totals.p95')}</th>
                  {api ? <th scope="col" className="px-3 py-2 text-right">{t('totals.successes')}</th> : null}
                  {api ? <th scope="col" className="px-3 py-2 text-right">{t('totals.giveUps')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {strategies.map((s) => {
                  const style = STRATEGY_STYLE[s.id];
                  const tag = s.id === BASELINE_STRATEGY ? t('totals.baselineTag') : s.id === chosen ? t('totals.chosenTag') : null;
                  return (
                    <tr
                      key={s.id}
                      data-strategy={s.id}
                      className={`border-b border-slate-200 dark:border-slate-700 ${tag ? 'bg-slate-50 font-semibold dark:bg-slate-800/60' : ''}`}
                    >
                      <th scope="row" className="px-3 py-2 text-left font-[inherit]">
                        <span className="flex items-center gap-2">
                          <svg width="22" height="10" aria-hidden="true" className="shrink-0">
                            <line x1="0" y1="5" x2="22" y2="5" stroke={style.color} strokeWidth="4" strokeDasharray={style.dash} />
                          </svg>
                          {name(s.id)}
                          {tag ? <span className="rounded bg-slate-200 px-1.5 text-xs font-medium uppercase dark:bg-slate-700">{tag}</span> : null}
                        </span>
                      </th>
                      <BarCell value={s.calls.mean} max={maxCalls} color={style.color}>
                        {formatCount(s.calls.mean)}
                      </BarCell>
                      <BarCell value={s.completionMs.mean} max={maxTime} color={style.color}>
                        {formatDuration(s.completionMs.mean)}
                      </BarCell>
                      <td className="px-3 py-2 text-right tabular-nums text-slate-600 dark:text-slate-400">{formatDuration(s.completionMs.p95)}</td>
                      {api ? <td className="px-3 py-2 text-right tabular-nums">{formatCount(s.successes?.mean ?? 0)}</td> : null}
                      {api ? <td className="px-3 py-2 text-right tabular-nums">{formatCount(s.giveUps?.mean ?? 0)}</td> : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="text-base">{totalsNote(result.options, t)}</p>
          <p className="text-lg font-semibold" aria-live="polite" data-testid="jitter-totals-summary">
            {summary(strategies, t, name)}
          </p>
        </>
      ) : (
        <p className="text-lg text-slate-500" data-testid="jitter-totals-summary">
          {t('chart.waiting')}
        </p>
      )}
    </figure>
  );
});
