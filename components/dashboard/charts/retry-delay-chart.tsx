'use client';

import { memo } from 'react';
import { Area, CartesianGrid, ComposedChart, XAxis, YAxis } from 'recharts';
import { axisProps, axisTitle, ChartFrame, gridProps, seriesColor, useChartFonts, type ChartConfig } from '@/components/charts/chart-frame';
import { DotCloud } from '@/components/charts/dot-cloud';
import { niceTicks } from '@/components/charts/ticks';
import type { Translator } from '@/components/i18n/i18n-provider';

/** One retry as plotted: `x` is the retry number spread sideways a little so dots do not hide each other. */
export interface RetryDot {
  x: number;
  /** Delay in seconds. */
  y: number;
}

/** The strategy's [min, max] delay for one retry number, in seconds; `range` is null between retries (a gap). */
export interface EnvelopePoint {
  x: number;
  range: [number, number] | null;
}

/**
 * Delay before each retry (scatter) in front of the strategy's theoretical
 * envelope. Dots outside the band would be a bug; Retry-After dots (diamonds)
 * are the server's choice, so they may sit outside it. Each dot's formula is
 * in the request inspector.
 */
export const RetryDelayChart = memo(function RetryDelayChart({
  backoff,
  retryAfter,
  envelope,
  maxRetry,
  strategyLabel,
  height,
  tr,
}: {
  backoff: RetryDot[];
  retryAfter: RetryDot[];
  envelope: EnvelopePoint[];
  maxRetry: number;
  strategyLabel: string;
  /** Plot height in px. Default 260. */
  height?: number;
  tr: Translator;
}) {
  const { t } = tr;
  const fonts = useChartFonts();
  const present = fonts.scale === 'present';
  const config = {
    envelope: { label: t('chart.retry.envelope'), color: 'var(--envelope)' },
    backoff: { label: t('chart.retry.backoff'), color: 'var(--api)', swatch: 'dot' },
    retryAfter: { label: t('chart.retry.retryAfter'), color: 'var(--open)', swatch: 'dot' },
  } satisfies ChartConfig;
  const axisMax = Math.max(1, maxRetry);
  const ticks = Array.from({ length: axisMax }, (_, i) => i + 1);
  // The dots are drawn as one path (DotCloud), which recharts does not see: size the y axis ourselves.
  let top = 0;
  for (const p of backoff) top = Math.max(top, p.y);
  for (const p of retryAfter) top = Math.max(top, p.y);
  for (const e of envelope) if (e.range) top = Math.max(top, e.range[1]);
  const yMax = niceCeil(top * 1.1);
  return (
    <ChartFrame
      title={t('chart.retry.title')}
      description={t('chart.retry.subtitle', { strategy: strategyLabel })}
      config={config}
      height={height}
      empty={maxRetry === 0}
      emptyText={t('chart.empty')}
      data-testid="chart-retry-delay"
      exportAs={{ name: 'retry-delays', title: t('chart.retry.title'), png: t('chart.export.png'), svg: t('chart.export.svg') }}
    >
      <ComposedChart margin={{ top: 8, right: 24, bottom: 24, left: 16 }}>
        <CartesianGrid {...gridProps} />
        <XAxis
          dataKey="x"
          type="number"
          domain={[0.5, axisMax + 0.5]}
          ticks={ticks}
          allowDecimals={false}
          label={axisTitle(t('chart.retry.x'), 'x', fonts.label)}
          {...axisProps}
        />
        <YAxis type="number" domain={[0, yMax]} ticks={niceTicks(0, yMax, 6)} allowDataOverflow width={present ? 72 : 60} label={axisTitle(t('chart.retry.y'), 'y', fonts.label)} {...axisProps} />
        <Area data={envelope} dataKey="range" name={config.envelope.label} type="linear" stroke="none" fill={seriesColor('envelope')} fillOpacity={0.35} connectNulls={false} isAnimationActive={false} activeDot={false} />
        <DotCloud points={backoff} color={seriesColor('backoff')} size={present ? 6 : 4} />
        <DotCloud points={retryAfter} color={seriesColor('retryAfter')} shape="diamond" size={present ? 7 : 5} />
      </ComposedChart>
    </ChartFrame>
  );
});

/** A round upper bound for an axis: 1, 2 or 5 × a power of ten, at least 1. */
export function niceCeil(value: number): number {
  if (!(value > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}
