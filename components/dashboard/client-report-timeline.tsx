'use client';

import { memo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, gridProps, seriesColor, tooltipProps, type ChartConfig } from '@/components/charts/chart-frame';
import type { Translator } from '@/components/i18n/i18n-provider';
import type { ClientCallView } from '@/lib/contract';
import { formatDuration } from './format';
import type { TimelinePoint } from './client-report-state';

/**
 * The student's calls in arrival order: before each retry, a bar of how long
 * the code waited, and a diamond at the Retry-After the server had asked for.
 * A bar below its diamond came too soon (drawn orange, and labelled so).
 */
export const ClientReportTimeline = memo(function ClientReportTimeline({ points, tr }: { points: TimelinePoint[]; tr: Translator }) {
  const { t } = tr;
  const config = {
    waited: { label: t('grade.timeline.waited'), color: 'var(--api)' },
    tooSoon: { label: t('grade.timeline.tooSoon'), color: 'var(--open)' },
    asked: { label: t('grade.timeline.asked'), color: 'var(--chart-fg)', swatch: 'dot' },
  } satisfies ChartConfig;
  const retries = points.some((p) => p.waited !== null || p.tooSoon !== null);
  return (
    <ChartFrame
      title={t('grade.timeline.title')}
      description={t('grade.timeline.subtitle')}
      config={config}
      height={220}
      empty={!retries}
      emptyText={t('grade.timeline.empty')}
      data-testid="grade-timeline"
    >
      <ComposedChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" {...axisProps} interval="preserveStartEnd" />
        <YAxis {...axisProps} width={44} allowDecimals tickFormatter={(v: number) => `${v}`} />
        <Tooltip {...tooltipProps} formatter={(value) => (typeof value === 'number' ? `${value.toFixed(2)} ${t('grade.timeline.seconds')}` : String(value))} />
        <Bar dataKey="waited" name={config.waited.label} fill={seriesColor('waited')} stackId="gap" isAnimationActive={false} />
        <Bar dataKey="tooSoon" name={config.tooSoon.label} fill={seriesColor('tooSoon')} stackId="gap" isAnimationActive={false} />
        <Scatter dataKey="asked" name={config.asked.label} fill={seriesColor('asked')} shape="diamond" isAnimationActive={false} />
      </ComposedChart>
    </ChartFrame>
  );
});

/** The newest calls as a table: the readable version of the timeline. */
export function ClientCallTable({ calls, tr }: { calls: ClientCallView[]; tr: Translator }) {
  const { t } = tr;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="grade-calls">
        <caption className="pb-1 text-left font-medium">{t('grade.table.caption')}</caption>
        <thead className="text-slate-600 dark:text-slate-400">
          <tr>
            <th className="pr-3 font-medium">{t('grade.table.seq')}</th>
            <th className="pr-3 font-medium">{t('grade.table.request')}</th>
            <th className="pr-3 font-medium">{t('grade.table.answer')}</th>
            <th className="pr-3 font-medium">{t('grade.table.wait')}</th>
            <th className="font-medium">{t('grade.table.hint')}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr key={c.seq} className="border-t border-slate-200 dark:border-slate-700">
              <td className="pr-3 tabular-nums">#{c.seq}</td>
              <td className="max-w-[16rem] truncate pr-3">
                L{c.logical}·{c.attempt} {c.question}
              </td>
              <td className="pr-3">
                {c.status !== null && c.status >= 400 ? `${c.status}${c.errorCode ? ` ${c.errorCode}` : ''}` : t(`grade.kind.${c.kind}`)}
                {c.retryAfterMs !== null ? ` · Retry-After ${formatDuration(c.retryAfterMs)}` : ''}
              </td>
              <td className="pr-3 tabular-nums">{c.gapMs !== null ? formatDuration(c.gapMs) : '–'}</td>
              <td className="text-slate-600 dark:text-slate-400">{c.hints.retryCount ? t('grade.table.sdkRetry', { n: c.hints.retryCount }) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
