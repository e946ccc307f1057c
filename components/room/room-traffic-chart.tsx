'use client';

import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, axisTitle, ChartFrame, gridProps, seriesColor, tooltipProps, useChartFonts, type ChartConfig } from '@/components/charts/chart-frame';
import { niceMax, niceTicks } from '@/components/charts/ticks';
import { formatSecondsTick } from '@/components/dashboard/format';
import type { RoomCapacity, RoomRun } from '@/lib/contract';
import { SCRIPTS } from '@/lib/scenario/scripts';
import { runSummary, timeDomain, trafficRows, yTop } from './chart-data';
import { useRoomT } from './use-room-t';

const margin = { top: 12, right: 16, bottom: 28, left: 16 };

/**
 * Calls per second reaching the shared upstream over one run: first tries and
 * retries stacked, the capacity as a dashed line, breakers open on the right
 * axis. The herd's spikes are visible at 200 ms bins; the numbers below say
 * how spiky (peak over mean), how many calls the capacity refused, how many succeeded.
 */
export const RoomTrafficChart = memo(function RoomTrafficChart({
  run,
  capacity,
  title,
  testId,
  height = 360,
  top,
}: {
  run: RoomRun;
  capacity: RoomCapacity;
  title: string;
  testId: string;
  height?: number;
  /** Calls per second the y axis must reach at least: the other run's top, so a side-by-side shares one scale. */
  top?: number;
}) {
  const { t, pick } = useRoomT();
  const fonts = useChartFonts();
  const rows = useMemo(() => trafficRows(run), [run]);
  const summary = useMemo(() => runSummary(run), [run]);
  const domain = timeDomain(rows);
  const cap = capacity.enabled ? capacity.callsPerSecond : null;
  const yMax = niceMax(Math.max(top ?? 0, yTop(rows, cap)));
  const openMax = Math.max(4, ...rows.map((r) => r.open));
  const config = {
    first: { label: t('chart.first'), color: 'var(--api)' },
    retries: { label: t('chart.retries'), color: 'var(--open)' },
    capacity: { label: t('chart.capacity'), color: 'var(--chart-axis)', swatch: 'dashed' },
    open: { label: t('chart.open'), color: 'var(--half-open)', swatch: 'line' },
  } satisfies ChartConfig;
  const name = run.script ? pick(SCRIPTS[run.script].name) : t('chart.free');
  const subtitle = `${name} · ${t(`policy.${run.policy}`)}${run.studentsChoose ? ` · ${t('chart.choose')}` : ''}`;
  const perS = (v: number) => t('stat.perS', { v: Math.round(v) });
  return (
    <ChartFrame
      title={`${title}: ${subtitle}`}
      config={config}
      height={height}
      empty={run.totals.calls === 0}
      emptyText={t('chart.empty')}
      data-testid={testId}
      footer={
        <p className="text-lg tabular-nums text-slate-700 dark:text-slate-300" data-testid={`${testId}-summary`} data-peak-to-mean={summary.peakToMean} data-refused={summary.refused}>
          {t('chart.summary', { peak: Math.round(summary.peakPerS), mean: summary.meanPerS.toFixed(1), ratio: summary.peakToMean.toFixed(1), refused: summary.refused, ok: summary.ok === null ? '–' : `${Math.round(summary.ok * 100)}%` })}
        </p>
      }
    >
      <ComposedChart data={rows} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="t" type="number" domain={domain} ticks={niceTicks(domain[0], domain[1], 8)} tickFormatter={formatSecondsTick} label={axisTitle(t('chart.time'), 'x', fonts.label)} {...axisProps} />
        <YAxis yAxisId="calls" domain={[0, yMax]} ticks={niceTicks(0, yMax, 6, true)} allowDecimals={false} width={76} label={axisTitle(t('chart.y'), 'y', fonts.label)} {...axisProps} />
        <YAxis yAxisId="open" orientation="right" domain={[0, openMax]} ticks={niceTicks(0, openMax, 4, true)} allowDecimals={false} width={48} {...axisProps} />
        <Tooltip {...tooltipProps} formatter={(v: unknown, key: unknown) => (key === config.open.label ? String(v) : perS(Number(v)))} labelFormatter={(v: unknown) => `t = ${Number(v).toFixed(1)} s`} />
        <Area yAxisId="calls" dataKey="first" name={config.first.label} stackId="calls" type="stepAfter" stroke={seriesColor('first')} fill={seriesColor('first')} fillOpacity={0.7} isAnimationActive={false} activeDot={false} />
        <Area yAxisId="calls" dataKey="retries" name={config.retries.label} stackId="calls" type="stepAfter" stroke={seriesColor('retries')} fill={seriesColor('retries')} fillOpacity={0.7} isAnimationActive={false} activeDot={false} />
        <Line yAxisId="open" dataKey="open" name={config.open.label} type="stepAfter" stroke={seriesColor('open')} strokeWidth={3} dot={false} isAnimationActive={false} />
        {cap !== null ? <ReferenceLine yAxisId="calls" y={cap} stroke="var(--chart-axis)" strokeWidth={2} strokeDasharray="8 6" ifOverflow="extendDomain" /> : null}
      </ComposedChart>
    </ChartFrame>
  );
});
