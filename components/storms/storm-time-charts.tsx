'use client';

import { memo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, gridProps, seriesColor, tooltipProps, type ChartConfig } from '@/components/charts/chart-frame';
import type { StormRunResult } from '@/lib/sim';
import { formatRate, formatSeconds, timeRows, type TimeRow } from './chart-data';
import { useStormT, type StormT } from './use-storm-t';

const margin = { top: 8, right: 16, bottom: 24, left: 4 };

/** The dip, shaded on every time chart. */
function dipArea(run: StormRunResult) {
  const tr = run.options.trigger;
  if (!tr || tr.durationS <= 0) return null;
  return <ReferenceArea x1={tr.atS} x2={tr.atS + tr.durationS} fill={seriesColor('dip')} fillOpacity={0.12} stroke="none" ifOverflow="hidden" />;
}

function xAxis(run: StormRunResult, t: StormT) {
  return (
    <XAxis
      dataKey="t"
      type="number"
      domain={[0, run.options.durationS]}
      tickFormatter={formatSeconds}
      label={{ value: t('chart.xAxis'), position: 'insideBottom', offset: -14, fill: 'var(--chart-axis)' }}
      {...axisProps}
    />
  );
}

/** Offered load, goodput and capacity per second: the picture of a storm. */
function LoadChart({ run, rows }: { run: StormRunResult; rows: TimeRow[] }) {
  const { t } = useStormT();
  const config = {
    offered: { label: t('series.offered'), color: 'var(--open)', swatch: 'line' },
    firstTries: { label: t('series.firstTries'), color: 'var(--cache)', swatch: 'dashed' },
    goodput: { label: t('series.goodput'), color: 'var(--closed)' },
    capacity: { label: t('series.capacity'), color: 'var(--api)', swatch: 'dashed' },
    ...(run.options.trigger ? { dip: { label: t('series.dip'), color: 'var(--open)' } } : {}),
  } satisfies ChartConfig;
  const last = rows.at(-1);
  return (
    <ChartFrame title={t('chart.time.title')} description={t('chart.time.desc')} config={config} height={380} data-testid="storm-chart-load"
      footer={
        last ? (
          <p className="text-base tabular-nums" data-testid="storm-chart-load-summary">
            {t('chart.time.summary', { offered: formatRate(last.offered), goodput: formatRate(last.goodput), capacity: formatRate(last.capacity) })}
          </p>
        ) : null
      }
    >
      <ComposedChart data={rows} margin={margin}>
        <CartesianGrid {...gridProps} />
        {dipArea(run)}
        {xAxis(run, t)}
        <YAxis width={56} {...axisProps} />
        <Tooltip {...tooltipProps} labelFormatter={(v) => `${formatSeconds(Number(v))} s`} formatter={(v, name) => [formatRate(Number(v)), name]} />
        <Area type="stepAfter" dataKey="goodput" name={config.goodput.label} stroke={seriesColor('goodput')} fill={seriesColor('goodput')} fillOpacity={0.3} strokeWidth={2} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="offered" name={config.offered.label} stroke={seriesColor('offered')} strokeWidth={2.5} dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="firstTries" name={config.firstTries.label} stroke={seriesColor('firstTries')} strokeWidth={1.5} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="capacity" name={config.capacity.label} stroke={seriesColor('capacity')} strokeWidth={2} strokeDasharray="8 4" dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFrame>
  );
}

/** How long a new call queues, against the client's timeout. */
function WaitChart({ run, rows }: { run: StormRunResult; rows: TimeRow[] }) {
  const { t } = useStormT();
  const config = {
    wait: { label: t('series.wait'), color: 'var(--local)', swatch: 'line' },
    timeout: { label: t('series.timeout'), color: 'var(--open)', swatch: 'dashed' },
  } satisfies ChartConfig;
  const timeoutS = run.options.timeoutMs / 1000;
  return (
    <ChartFrame title={t('chart.wait.title')} description={t('chart.wait.desc')} config={config} height={240} data-testid="storm-chart-wait">
      <LineChart data={rows} margin={margin}>
        <CartesianGrid {...gridProps} />
        {dipArea(run)}
        {xAxis(run, t)}
        <YAxis width={56} domain={[0, (max: number) => Math.max(2 * timeoutS, Math.ceil(max))]} {...axisProps} />
        <Tooltip {...tooltipProps} labelFormatter={(v) => `${formatSeconds(Number(v))} s`} formatter={(v, name) => [`${Number(v).toFixed(2)} s`, name]} />
        <ReferenceLine y={timeoutS} stroke={seriesColor('timeout')} strokeDasharray="6 4" strokeWidth={2} ifOverflow="extendDomain" />
        <Line type="stepAfter" dataKey="waitS" name={config.wait.label} stroke={seriesColor('wait')} strokeWidth={2.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}

/** Budget tokens and the share of open retry breakers, when either is on. */
function GateChart({ run, rows }: { run: StormRunResult; rows: TimeRow[] }) {
  const { t } = useStormT();
  const hasTokens = run.series.tokens !== null;
  const hasBreaker = run.series.breakerOpen !== null;
  const config = {
    ...(hasTokens ? { tokens: { label: t('series.tokens'), color: 'var(--half-open)', swatch: 'line' as const } } : {}),
    ...(hasBreaker ? { breakerOpen: { label: t('series.breakerOpen'), color: 'var(--open)', swatch: 'dashed' as const } } : {}),
  } satisfies ChartConfig;
  return (
    <ChartFrame title={t('chart.gate.title')} description={t('chart.gate.desc')} config={config} height={240} data-testid="storm-chart-gate">
      <LineChart data={rows} margin={margin}>
        <CartesianGrid {...gridProps} />
        {dipArea(run)}
        {xAxis(run, t)}
        <YAxis yAxisId="tokens" width={44} domain={[0, run.options.budget.maxTokens]} hide={!hasTokens} {...axisProps} />
        <YAxis yAxisId="pct" orientation="right" width={48} domain={[0, 100]} hide={!hasBreaker} {...axisProps} />
        <Tooltip {...tooltipProps} labelFormatter={(v) => `${formatSeconds(Number(v))} s`} formatter={(v, name) => [Number(v).toFixed(1), name]} />
        {hasTokens ? (
          <Line yAxisId="tokens" type="stepAfter" dataKey="tokens" name={t('series.tokens')} stroke={seriesColor('tokens')} strokeWidth={2.5} dot={false} isAnimationActive={false} />
        ) : null}
        {hasBreaker ? (
          <Line yAxisId="pct" type="stepAfter" dataKey="breakerOpenPct" name={t('series.breakerOpen')} stroke={seriesColor('breakerOpen')} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        ) : null}
      </LineChart>
    </ChartFrame>
  );
}

/** The run over time: load, goodput and capacity; the queue wait; the retry gate when there is one. */
export const StormTimeCharts = memo(function StormTimeCharts({ run }: { run?: StormRunResult }) {
  const { t } = useStormT();
  if (!run) return <p className="text-lg text-slate-500">{t('chart.waiting')}</p>;
  const rows = timeRows(run);
  const gate = run.series.tokens !== null || run.series.breakerOpen !== null;
  return (
    <div className="flex flex-col gap-4">
      <LoadChart run={run} rows={rows} />
      <div className={`grid gap-4 ${gate ? 'xl:grid-cols-2' : ''}`}>
        <WaitChart run={run} rows={rows} />
        {gate ? <GateChart run={run} rows={rows} /> : null}
      </div>
    </div>
  );
});
