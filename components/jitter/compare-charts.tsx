'use client';

import { memo, useState } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, gridProps, seriesColor, tooltipProps, type ChartConfig } from '@/components/charts/chart-frame';
import { CheckboxField } from '@/components/ui/fields';
import type { ExperimentResult, SimStrategyId, StrategyResult } from '@/lib/sim';
import { formatCount, formatDuration, formatTick, formatRatio, histogramData, type HistogramData } from './chart-data';
import { BASELINE_STRATEGY } from './lab-params';
import type { JitterMessageKey } from './messages';
import { STRATEGY_STYLE, strategyName } from './strategy-style';
import { useJitterT, type JitterT } from './use-jitter-t';

/** The sentence under the baseline panel: what its shape means in this model. */
function baselineNote(options: ExperimentResult['options'], t: JitterT): string {
  if (options.model === 'api' && options.budget) return t('note.budget');
  if (options.model === 'api' && options.honorRetryAfter) return t('note.retryAfter');
  if (options.model === 'api') return t('note.baseline.api', { capacity: options.capacity ?? 20 });
  return t('note.baseline.occ', { cap: options.capMs });
}

/** The sentence under the chosen panel. */
function chosenNote(options: ExperimentResult['options'], id: SimStrategyId, t: JitterT): string {
  if (options.model === 'api' && options.budget) return t('note.budget');
  if (options.model === 'api' && options.honorRetryAfter) return t('note.retryAfter');
  return t(`note.chosen.${id}` as JitterMessageKey);
}

/** One histogram panel; both panels share the axes' domains so their heights compare. */
function Panel({
  side,
  strategy,
  data,
  note,
  runs,
  zoomed,
  testId,
}: {
  side: 'baseline' | 'chosen';
  strategy: StrategyResult;
  data: HistogramData;
  note: string;
  runs: number;
  zoomed: boolean;
  testId: string;
}) {
  const { locale, t } = useJitterT();
  const name = strategyName(strategy.id, locale);
  const config = { [side]: { label: name, color: STRATEGY_STYLE[strategy.id].color } } satisfies ChartConfig;
  return (
    <ChartFrame
      title={t('compare.panel', { name })}
      description={t(zoomed ? 'compare.descriptionZoom' : 'compare.description', { bin: data.binMs, runs, end: formatDuration(data.endS * 1000) })}
      config={config}
      legend={false}
      height={280}
      data-testid={testId}
      footer={<p className="text-base">{note}</p>}
    >
      <AreaChart data={data.rows} margin={{ top: 8, right: 12, bottom: 20, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis
          dataKey="t"
          type="number"
          domain={[0, data.endS]}
          tickFormatter={formatTick}
          label={{ value: t('compare.xAxis'), position: 'insideBottom', offset: -12, fill: 'var(--chart-axis)' }}
          {...axisProps}
        />
        <YAxis domain={[0, Math.max(1, Math.ceil(data.maxCount))]} allowDecimals={false} width={48} {...axisProps} />
        <Tooltip
          {...tooltipProps}
          labelFormatter={(v) => `${formatTick(Number(v))} s`}
          formatter={(v) => [Number(v).toFixed(1), t('compare.yAxis')]}
        />
        <Area
          type="stepAfter"
          dataKey={side}
          name={name}
          stroke={seriesColor(side)}
          fill={seriesColor(side)}
          fillOpacity={0.35}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      </AreaChart>
    </ChartFrame>
  );
}

/**
 * "Calls over time": exponential backoff without jitter beside the chosen
 * strategy, from one experiment (same seed, same herd), on shared axes.
 */
export const CompareCharts = memo(function CompareCharts({ result }: { result?: ExperimentResult }) {
  const { t } = useJitterT();
  const [zoom, setZoom] = useState(false);
  const baseline = result?.strategies.find((s) => s.id === BASELINE_STRATEGY);
  const chosen = result?.strategies.find((s) => s.id !== BASELINE_STRATEGY) ?? baseline;
  return (
    <section aria-label={t('compare.title')} data-testid="jitter-compare" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-2xl font-semibold">{t('compare.title')}</h2>
        <CheckboxField label={t('compare.zoom')} checked={zoom} onChange={setZoom} />
      </div>
      {result && baseline && chosen ? (
        <CompareBody result={result} baseline={baseline} chosen={chosen} zoom={zoom} />
      ) : (
        <p className="text-lg text-slate-500" data-testid="jitter-compare-summary">
          {t('chart.waiting')}
        </p>
      )}
    </section>
  );
});

function CompareBody({ result, baseline, chosen, zoom }: { result: ExperimentResult; baseline: StrategyResult; chosen: StrategyResult; zoom: boolean }) {
  const { t } = useJitterT();
  const data = histogramData(baseline, chosen, { endFrom: zoom ? 'chosen' : 'both' });
  const { options } = result;
  return (
    <>
      <div className="grid gap-4 xl:grid-cols-2">
        <Panel side="baseline" strategy={baseline} data={data} note={baselineNote(options, t)} runs={options.runs} zoomed={zoom} testId="jitter-chart-baseline" />
        <Panel side="chosen" strategy={chosen} data={data} note={chosenNote(options, chosen.id, t)} runs={options.runs} zoomed={zoom} testId="jitter-chart-chosen" />
      </div>
      <p className="text-lg" aria-live="polite">
        <span className="sr-only">{t('compare.summaryLabel')}: </span>
        <span className="font-semibold tabular-nums" data-testid="jitter-compare-summary">
          {t('compare.summary', {
            chosen: formatCount(chosen.calls.mean),
            baseline: formatCount(baseline.calls.mean),
            ratio: formatRatio(chosen.calls.mean, baseline.calls.mean),
            chosenTime: formatDuration(chosen.completionMs.mean),
            baselineTime: formatDuration(baseline.completionMs.mean),
          })}
        </span>
      </p>
    </>
  );
}
