'use client';

import { memo, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, gridProps, seriesColor, tooltipProps } from '@/components/charts/chart-frame';
import { CheckboxField } from '@/components/ui/fields';
import type { SimStrategyId, SweepResult } from '@/lib/sim';
import { formatCount, formatDuration, formatTick, sweepRows, type SweepRow } from './chart-data';
import { BASELINE_STRATEGY, SWEEP_CLIENT_COUNTS } from './lab-params';
import type { JitterMessageKey } from './messages';
import { STRATEGY_STYLE, strategyChartConfig, strategyName } from './strategy-style';
import { useJitterT } from './use-jitter-t';

type Measure = 'calls' | 'completionS';

/** The point of `sweep` closest to `clients` (the slider may sit between sweep sizes). */
function nearestPoint(sweep: SweepResult, clients: number) {
  return sweep.points.reduce<SweepResult['points'][number] | undefined>(
    (best, p) => (best === undefined || Math.abs(p.clients - clients) < Math.abs(best.clients - clients) ? p : best),
    undefined,
  );
}

/** One "against clients" line chart; the baseline and the chosen strategy are drawn thicker. */
function SweepChart({
  measure,
  rows,
  ids,
  chosen,
  log,
  runs,
  note,
  summary,
  testId,
}: {
  measure: Measure;
  rows: SweepRow[];
  ids: SimStrategyId[];
  chosen: SimStrategyId;
  log: boolean;
  runs: number;
  note: string;
  summary: string;
  testId: string;
}) {
  const { locale, t } = useJitterT();
  const config = strategyChartConfig(locale, ids);
  const fmt = (v: number) => (measure === 'calls' ? formatCount(v) : formatDuration(v * 1000));
  return (
    <ChartFrame
      title={t(measure === 'calls' ? 'sweep.calls.title' : 'sweep.completion.title')}
      description={t('sweep.description', { runs })}
      config={config}
      height={320}
      data-testid={testId}
      empty={rows.length === 0}
      emptyText={t('chart.waiting')}
      footer={
        <div className="flex flex-col gap-1">
          <p className="text-base">{note}</p>
          <p className="text-base font-semibold tabular-nums" data-testid={`${testId}-summary`}>
            {summary}
          </p>
        </div>
      }
    >
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
        <CartesianGrid {...gridProps} />
        <XAxis
          dataKey="clients"
          type="number"
          domain={[SWEEP_CLIENT_COUNTS[0] ?? 10, SWEEP_CLIENT_COUNTS[SWEEP_CLIENT_COUNTS.length - 1] ?? 200]}
          ticks={[10, 50, 100, 150, 200]}
          label={{ value: t('sweep.xAxis'), position: 'insideBottom', offset: -12, fill: 'var(--chart-axis)' }}
          {...axisProps}
        />
        <YAxis
          scale={log ? 'log' : 'linear'}
          domain={log ? ['auto', 'auto'] : [0, 'auto']}
          allowDataOverflow={log}
          width={64}
          tickFormatter={(v: number) => (measure === 'calls' ? formatCount(v) : formatTick(v))}
          label={{ value: t(measure === 'calls' ? 'sweep.yCalls' : 'sweep.ySeconds'), angle: -90, position: 'insideLeft', fill: 'var(--chart-axis)' }}
          {...axisProps}
        />
        <Tooltip {...tooltipProps} formatter={(v, name) => [fmt(Number(v)), name]} labelFormatter={(v) => `${t('sweep.xAxis')}: ${v}`} />
        {ids.map((id) => (
          <Line
            key={id}
            dataKey={id}
            name={config[id]?.label}
            stroke={seriesColor(id)}
            strokeDasharray={STRATEGY_STYLE[id].dash}
            strokeWidth={id === chosen || id === BASELINE_STRATEGY ? 3.5 : 1.75}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}

/**
 * Brooker's two line charts: mean calls and mean completion time against the
 * number of clients (10–200), every strategy, filled in point by point as the
 * worker sweeps.
 */
export const SweepCharts = memo(function SweepCharts({
  sweep,
  chosen,
  clients,
}: {
  sweep?: { result: SweepResult; done: boolean };
  chosen: SimStrategyId;
  clients: number;
}) {
  const { locale, t } = useJitterT();
  const [log, setLog] = useState(false);
  const result = sweep?.result;
  const ids = (result?.strategies.map((s) => s.id) ?? []) as SimStrategyId[];
  const o = result?.options;
  const flavour = o?.model === 'api' ? (o.budget ? 'budget' : 'api') : 'occ';
  const point = result ? nearestPoint(result, clients) : undefined;
  const summaryOf = (measure: Measure) => {
    if (!point) return t('chart.waiting');
    const value = (id: SimStrategyId) => {
      const v = measure === 'calls' ? point.calls[id] : point.completionMs[id];
      if (v === undefined) return '—';
      return measure === 'calls' ? formatCount(v) : formatDuration(v);
    };
    return t(measure === 'calls' ? 'sweep.summaryCalls' : 'sweep.summaryCompletion', {
      clients: point.clients,
      chosen: strategyName(chosen, locale),
      chosenValue: value(chosen),
      baseline: strategyName(BASELINE_STRATEGY, locale),
      baselineValue: value(BASELINE_STRATEGY),
    });
  };
  const note = (measure: 'calls' | 'completion') => t(`note.sweep.${measure}.${flavour}` as JitterMessageKey);
  return (
    <section aria-label={`${t('sweep.calls.title')} · ${t('sweep.completion.title')}`} data-testid="jitter-sweep" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-2xl font-semibold">
          {t('sweep.calls.title')} · {t('sweep.completion.title')}
        </h2>
        <CheckboxField label={t('sweep.log')} checked={log} onChange={setLog} />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <SweepChart
          measure="calls"
          rows={result ? sweepRows(result, 'calls') : []}
          ids={ids}
          chosen={chosen}
          log={log}
          runs={o?.runs ?? 0}
          note={note('calls')}
          summary={summaryOf('calls')}
          testId="jitter-sweep-calls"
        />
        <SweepChart
          measure="completionS"
          rows={result ? sweepRows(result, 'completionS') : []}
          ids={ids}
          chosen={chosen}
          log={log}
          runs={o?.runs ?? 0}
          note={note('completion')}
          summary={summaryOf('completionS')}
          testId="jitter-sweep-completion"
        />
      </div>
    </section>
  );
});
