'use client';

import { memo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, axisTitle, ChartFrame, gridProps, seriesColor, tooltipProps, useChartFonts, type ChartConfig } from '@/components/charts/chart-frame';
import { niceMax, niceTicks } from '@/components/charts/ticks';
import type { Translator } from '@/components/i18n/i18n-provider';
import type { HistogramBar, TimeBin } from '../aggregate';
import { SOURCES } from '../aggregate';
import { formatSecondsTick } from '../format';

/** One time bin as plotted: a {@link TimeBin} with `t` in seconds, rates in %, latencies in seconds. */
export type PlotBin = Omit<TimeBin, 'total'>;

/** Props of every time-series chart: the bins, the time axis in seconds, an optional plot height in px. */
export interface TimeSeriesProps {
  bins: PlotBin[];
  domain: [number, number];
  height?: number;
  tr: Translator;
}

/** The time axis: round ticks only, so the moving end of a live axis never collides with the last label. */
const timeAxis = (label: string, domain: [number, number], fontSize: number) => ({
  dataKey: 't',
  type: 'number' as const,
  domain,
  ticks: niceTicks(domain[0], domain[1]),
  tickFormatter: formatSecondsTick,
  label: axisTitle(label, 'x', fontSize),
  ...axisProps,
});

const margin = { top: 8, right: 24, bottom: 24, left: 16 };
const pct = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '–');
const secs = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(2)} s` : '–');
const timeLabel = (v: unknown) => `t = ${typeof v === 'number' ? v.toFixed(1) : v} s`;
const exportOf = (name: string, title: string, t: Translator['t']) => ({ name, title, png: t('chart.export.png'), svg: t('chart.export.svg') });

/** Success rate (answered by the primary API, the lesson's definition) and cache-hit rate per time bin. */
export const RateChart = memo(function RateChart({ bins, domain, height, tr }: TimeSeriesProps) {
  const { t } = tr;
  const fonts = useChartFonts();
  const config = {
    successRate: { label: t('chart.rates.successRate'), color: 'var(--api)', swatch: 'line' },
    cacheHitRate: { label: t('chart.rates.cacheHitRate'), color: 'var(--cache)', swatch: 'dashed' },
  } satisfies ChartConfig;
  return (
    <ChartFrame title={t('chart.rates.title')} description={t('chart.rates.subtitle')} config={config} height={height} empty={bins.length === 0} emptyText={t('chart.empty')} data-testid="chart-rates" exportAs={exportOf('rates', t('chart.rates.title'), t)}>
      <LineChart data={bins} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis {...timeAxis(t('chart.time'), domain, fonts.label)} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={fonts.scale === 'present' ? 76 : 64} {...axisProps} tickFormatter={(v: number) => `${v}%`} />
        <Tooltip {...tooltipProps} formatter={pct} labelFormatter={timeLabel} />
        <Line dataKey="successRate" name={config.successRate.label} stroke={seriesColor('successRate')} strokeWidth={fonts.scale === 'present' ? 3.5 : 2.5} dot={false} isAnimationActive={false} connectNulls={false} />
        <Line dataKey="cacheHitRate" name={config.cacheHitRate.label} stroke={seriesColor('cacheHitRate')} strokeWidth={fonts.scale === 'present' ? 3.5 : 2.5} strokeDasharray="6 4" dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ChartFrame>
  );
});

/** Which layer answered, stacked per time bin: api, cache, local, fallback, error. */
export const SourceChart = memo(function SourceChart({ bins, domain, height, tr }: TimeSeriesProps) {
  const { t } = tr;
  const fonts = useChartFonts();
  const config = Object.fromEntries(SOURCES.map((s) => [s, { label: t(`source.${s}`), color: `var(--${s})` }])) as ChartConfig;
  let top = 0;
  for (const b of bins) top = Math.max(top, b.api + b.cache + b.local + b.fallback + b.error);
  const yMax = niceMax(top);
  return (
    <ChartFrame title={t('chart.sources.title')} description={t('chart.sources.subtitle')} config={config} height={height} empty={bins.length === 0} emptyText={t('chart.empty')} data-testid="chart-sources" exportAs={exportOf('sources', t('chart.sources.title'), t)}>
      <AreaChart data={bins} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis {...timeAxis(t('chart.time'), domain, fonts.label)} />
        <YAxis domain={[0, yMax]} ticks={niceTicks(0, yMax, 6, true)} allowDecimals={false} width={fonts.scale === 'present' ? 76 : 64} label={axisTitle(t('chart.requests'), 'y', fonts.label)} {...axisProps} />
        <Tooltip {...tooltipProps} labelFormatter={timeLabel} />
        {SOURCES.map((s) => (
          <Area key={s} dataKey={s} name={config[s]!.label} stackId="sources" type="stepAfter" stroke={seriesColor(s)} fill={seriesColor(s)} fillOpacity={0.75} isAnimationActive={false} activeDot={false} />
        ))}
      </AreaChart>
    </ChartFrame>
  );
});

/** Latency quantiles per time bin, in seconds. */
export const LatencyChart = memo(function LatencyChart({ bins, domain, height, tr }: TimeSeriesProps) {
  const { t } = tr;
  const fonts = useChartFonts();
  const config = {
    p50: { label: t('chart.latency.p50'), color: 'var(--api)', swatch: 'line' },
    p95: { label: t('chart.latency.p95'), color: 'var(--open)', swatch: 'dashed' },
  } satisfies ChartConfig;
  let top = 0;
  for (const b of bins) top = Math.max(top, b.p95 ?? 0, b.p50 ?? 0);
  const yMax = niceMax(top, 6, 0.1);
  return (
    <ChartFrame title={t('chart.latency.title')} config={config} height={height} empty={bins.length === 0} emptyText={t('chart.empty')} data-testid="chart-latency" exportAs={exportOf('latency', t('chart.latency.title'), t)}>
      <LineChart data={bins} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis {...timeAxis(t('chart.time'), domain, fonts.label)} />
        <YAxis domain={[0, yMax]} ticks={niceTicks(0, yMax, 6)} width={64} {...axisProps} label={axisTitle(t('chart.latency.y'), 'y', fonts.label)} />
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
  const fonts = useChartFonts();
  const config = { count: { label: t('chart.attempts.count'), color: 'var(--api)' } } satisfies ChartConfig;
  let top = 0;
  for (const b of bars) top = Math.max(top, b.count);
  const yMax = niceMax(top);
  return (
    <ChartFrame title={t('chart.attempts.title')} description={t('chart.attempts.subtitle')} config={config} empty={bars.length === 0} emptyText={t('chart.empty')} data-testid="chart-attempts" exportAs={exportOf('attempts', t('chart.attempts.title'), t)}>
      <BarChart data={bars} margin={margin}>
        <CartesianGrid {...gridProps} vertical={false} />
        <XAxis dataKey="label" label={axisTitle(t('chart.attempts.x'), 'x', fonts.label)} {...axisProps} />
        <YAxis domain={[0, yMax]} ticks={niceTicks(0, yMax, 6, true)} allowDecimals={false} width={64} label={axisTitle(t('chart.attempts.y'), 'y', fonts.label)} {...axisProps} />
        <Tooltip {...tooltipProps} />
        <Bar dataKey="count" name={config.count.label} fill={seriesColor('count')} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
});
