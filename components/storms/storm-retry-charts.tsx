'use client';

import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, gridProps, seriesColor, tooltipProps, type ChartConfig } from '@/components/charts/chart-frame';
import type { FailureRatePoint, StormRunResult } from '@/lib/sim';
import { attemptsRows, formatTimes, sweepRows } from './chart-data';
import { useStormT } from './use-storm-t';

const margin = { top: 8, right: 16, bottom: 24, left: 4 };

/** Share of finished requests by calls made: one bar per count, 1…attempts^layers. */
function AttemptsChart({ run }: { run: StormRunResult }) {
  const { t } = useStormT();
  const rows = attemptsRows(run);
  const config = { pct: { label: t('chart.attempts.yAxis'), color: 'var(--api)' } } satisfies ChartConfig;
  const first = rows[0]?.pct ?? 0;
  const last = rows.at(-1)?.pct ?? 0;
  return (
    <ChartFrame
      title={t('chart.attempts.title')}
      description={t('chart.attempts.desc')}
      config={config}
      legend={false}
      height={280}
      data-testid="storm-chart-attempts"
      footer={
        <p className="text-base tabular-nums" data-testid="storm-chart-attempts-summary">
          {t('chart.attempts.summary', { pct: `${first.toFixed(1)}%`, maxPct: `${last.toFixed(1)}%`, max: rows.length })}
        </p>
      }
    >
      <BarChart data={rows} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="calls" label={{ value: t('chart.attempts.xAxis'), position: 'insideBottom', offset: -14, fill: 'var(--chart-axis)' }} {...axisProps} interval="preserveStartEnd" />
        <YAxis width={48} domain={[0, 100]} {...axisProps} />
        <Tooltip {...tooltipProps} formatter={(v) => [`${Number(v).toFixed(1)}%`, config.pct.label]} labelFormatter={(v) => `${t('chart.attempts.xAxis')}: ${String(v)}`} />
        <Bar dataKey="pct" name={config.pct.label} fill={seriesColor('pct')} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

/** Calls per request against p, with no budget, gRPC's and Brooker's, and the closed form. */
function SweepChart({ run, points }: { run: StormRunResult; points?: FailureRatePoint[] }) {
  const { t } = useStormT();
  const { attempts, layers, failureRate } = run.options;
  const rows = points ? sweepRows(points, attempts, layers) : [];
  const config = {
    none: { label: t('series.none'), color: 'var(--open)', swatch: 'line' },
    formula: { label: t('series.formula'), color: 'var(--chart-axis)', swatch: 'dashed' },
    grpc: { label: t('series.grpc'), color: 'var(--api)', swatch: 'line' },
    brooker: { label: t('series.brooker'), color: 'var(--closed)', swatch: 'line' },
  } satisfies ChartConfig;
  const nearest = rows.reduce<(typeof rows)[number] | undefined>((best, r) => (best === undefined || Math.abs(r.p - failureRate) < Math.abs(best.p - failureRate) ? r : best), undefined);
  return (
    <ChartFrame
      title={t('chart.sweep.title')}
      description={t('chart.sweep.desc', { attempts, layers })}
      config={config}
      height={280}
      empty={rows.length === 0}
      emptyText={t('chart.waiting')}
      data-testid="storm-chart-sweep"
      footer={
        nearest ? (
          <p className="text-base tabular-nums" data-testid="storm-chart-sweep-summary">
            {t('chart.sweep.summary', { p: nearest.p, none: formatTimes(nearest.none), grpc: formatTimes(nearest.grpc), brooker: formatTimes(nearest.brooker) })}
          </p>
        ) : null
      }
    >
      <LineChart data={rows} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="p" type="number" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} label={{ value: t('chart.sweep.xAxis'), position: 'insideBottom', offset: -14, fill: 'var(--chart-axis)' }} {...axisProps} />
        <YAxis width={48} domain={[1, 'auto']} tickFormatter={(v: number) => `×${v}`} {...axisProps} />
        <Tooltip {...tooltipProps} labelFormatter={(v) => `p = ${String(v)}`} formatter={(v, name) => [formatTimes(Number(v)), name]} />
        <ReferenceLine y={1.1} stroke="var(--chart-axis)" strokeDasharray="2 4" ifOverflow="extendDomain" label={{ value: t('series.bound'), position: 'insideTopLeft', fill: 'var(--chart-axis)' }} />
        <ReferenceLine x={failureRate} stroke="var(--chart-axis)" strokeWidth={1} />
        <Line type="linear" dataKey="formula" name={config.formula.label} stroke={seriesColor('formula')} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line type="linear" dataKey="none" name={config.none.label} stroke={seriesColor('none')} strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={false} />
        <Line type="linear" dataKey="grpc" name={config.grpc.label} stroke={seriesColor('grpc')} strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={false} />
        <Line type="linear" dataKey="brooker" name={config.brooker.label} stroke={seriesColor('brooker')} strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}

/** The retry side: calls per request in this run, and amplification against the failure rate. */
export const StormRetryCharts = memo(function StormRetryCharts({ run, points }: { run?: StormRunResult; points?: FailureRatePoint[] }) {
  if (!run) return null;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <AttemptsChart run={run} />
      <SweepChart run={run} points={points} />
    </div>
  );
});
