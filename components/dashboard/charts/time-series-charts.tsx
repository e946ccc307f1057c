'use client';

import { memo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, gridProps, seriesColor, tooltipProps, type ChartConfig } from '@/components/charts/chart-frame';
import type { Translator } from '@/components/i18n/i18n-provider';
import type { HistogramBar, TimeBin } from '../aggregate';
import { SOURCES } from '../aggregate';
import { formatSecondsTick } from '../format';

/** One time bin as plotted: a {@link TimeBin} with `t` in seconds, rates in %, latencies in seconds. */
export type PlotBin = Omit<TimeBin, 'total'>;

const timeAxis = (label: string, domain: [number, number]) => ({
  dataKey: 't',
  type: 'number' as const,
  domain,
  tickFormatter: formatSecondsTick,
  label: { value: label, position: 'insideBottom' as const, offset: -12, fill: 'var(--chart-axis)' },
  ...axisProps,
});

const margin = { top: 8, right: 16, bottom: 20, left: 8 };
const pct = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '–');
const secs = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(2)} s` : '–');
const timeLabel = (v: unknown) => `t = ${typeof v === 'number' ? v.toFixed(1) : v} s`;

/** Success rate (answered by the primary API, the lesson's definition) and cache-hit rate per time bin. */
export const RateChart = memo(function RateChart({ bins, domain, tr }: { bins: PlotBin[]; domain: [number, number]; tr: Translator }) {
  const { t } = tr;
  const config = {
    successRate: { label: t('chart.rates.successRate'), color: 'var(--api)', swatch: 'line' },
    cacheHitRate: { label: t('chart.rates.cacheHitRate'), color: 'var(--cache)', swatch: 'dashed' },
  } satisfies ChartConfig;
  return (
    <ChartFrame title={t('chart.rates.title')} config={config} empty={bins.length === 0} emptyText={t('chart.empty')} data-testid="chart-rates">
      <LineChart data={bins} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis {...timeAxis(t('chart.time'), domain)} />
        <YAxis domain={[0, 100]} width={56} {...axisProps} tickFormatter={(v: number) => `${v}%`} />
        <Tooltip {...tooltipProps} formatter={pct} labelFormatter={timeLabel} />
        <Line dataKey="successRate" name={config.successRate.label} stroke={seriesColor('successRate')} strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls={false} />
        <Line dataKey="cacheHitRate" name={config.cacheHitRate.label} stroke={seriesColor('cacheHitRate')} strokeWidth={2.5} strokeDasharray="6 4" dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ChartFrame>
  );
});

/** Which layer answered, stacked per time bin: api, cache, local, fallback, error. */
export const SourceChart = memo(function SourceChart({ bins, domain, tr }: { bins: PlotBin[]; domain: [number, number]; tr: Translator }) {
  const { t } = tr;
  const config = Object.fromEntries(SOURCES.map((s) => [s, { label: t(`source.${s}`), color: `var(--${s})` }])) as ChartConfig;
  return (
    <ChartFrame title={t('chart.sources.title')} description={t('chart.sources.subtitle')} config={config} empty={bins.length === 0} emptyText={t('chart.empty')} data-testid="chart-sources">
      <AreaChart data={bins} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis {...timeAxis(t('chart.time'), domain)} />
        <YAxis allowDecimals={false} width={56} {...axisProps} />
        <Tooltip {...tooltipProps} labelFormatter={timeLabel} />
        {SOURCES.map((s) => (
          <Area key={s} dataKey={s} name={config[s]!.label} stackId="sources" type="stepAfter" stroke={seriesColor(s)} fill={seriesColor(s)} fillOpacity={0.75} isAnimationActive={false} activeDot={false} />
        ))}
      </AreaChart>
    </ChartFrame>
  );
});

/** Latency quantiles per time bin, in seconds. */
export const LatencyChart = memo(function LatencyChart({ bins, domain, tr }: { bins: PlotBin[]; domain: [number, number]; tr: Translator }) {
  const { t } = tr;
  const config = {
    p50: { label: t('chart.latency.p50'), color: 'var(--api)', swatch: 'line' },
    p95: { label: t('chart.latency.p95'), color: 'var(--open)', swatch: 'dashed' },
  } satisfies ChartConfig;
  return (
    <ChartFrame title={t('chart.latency.title')} config={config} empty={bins.length === 0} emptyText={t('chart.empty')} data-testid="chart-latency">
      <LineChart data={bins} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis {...timeAxis(t('chart.time'), domain)} />
        <YAxis width={56} {...axisProps} label={{ value: t('chart.latency.y'), angle: -90, position: 'insideLeft', fill: 'var(--chart-axis)' }} />
        <Tooltip {...tooltipProps} formatter={secs} labelFormatter={timeLabel} />
        <Line dataKey="p50" name={config.p50.label} stroke={seriesColor('p50')} strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls={false} />
        <Line dataKey="p95" name={config.p95.label} stroke={seriesColor('p95')} strokeWidth={2.5} strokeDasharray="6 4" dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ChartFrame>
  );
});

/** Upstream calls per request (Google SRE book, "Handling Overload"): how much retries multiply the load. */
export const AttemptsChart = memo(function AttemptsChart({ bars, tr }: { bars: HistogramBar[]; tr: Translator }) {
  const { t } = tr;
  const config = { count: { label: t('chart.attempts.count'), color: 'var(--api)' } } satisfies ChartConfig;
  return (
    <ChartFrame title={t('chart.attempts.title')} description={t('chart.attempts.subtitle')} config={config} empty={bars.length === 0} emptyText={t('chart.empty')} data-testid="chart-attempts">
      <BarChart data={bars} margin={margin}>
        <CartesianGrid {...gridProps} vertical={false} />
        <XAxis dataKey="label" label={{ value: t('chart.attempts.x'), position: 'insideBottom', offset: -12, fill: 'var(--chart-axis)' }} {...axisProps} />
        <YAxis allowDecimals={false} width={56} {...axisProps} />
        <Tooltip {...tooltipProps} />
        <Bar dataKey="count" name={config.count.label} fill={seriesColor('count')} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
});
