'use client';

import { memo } from 'react';
import { CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { BandCloud, type Band } from '@/components/charts/band-cloud';
import { axisProps, axisTitle, ChartFrame, gridProps, seriesColor, tooltipProps, useChartFonts, type ChartConfig } from '@/components/charts/chart-frame';
import { DotCloud, type CloudPoint } from '@/components/charts/dot-cloud';
import { niceTicks } from '@/components/charts/ticks';
import type { Translator } from '@/components/i18n/i18n-provider';
import type { BreakerStateKind, BreakerTransition } from '@/lib/contract';
import { BreakerChip } from '../breaker-badge';
import { formatSandboxTime, formatSecondsTick } from '../format';

/** One point of the step line (`t` in seconds). */
export interface BreakerPoint {
  t: number;
  level: number;
  state: BreakerStateKind;
  reason?: string;
}

/** The intervals spent OPEN and HALF_OPEN, in seconds: drawn as bands. CLOSED is the plain background. */
export interface BreakerBands {
  open: Band[];
  halfOpen: Band[];
}

/** Words on the y axis: the uppercase state names of the lesson's code. */
const LEVEL_WORD = ['CLOSED', 'HALF_OPEN', 'OPEN', 'ISOLATED'];

/**
 * Breaker state over sandbox time: OPEN and HALF_OPEN as bands (CLOSED, the
 * normal state, stays unfilled: a filled CLOSED read as "switched on" on a
 * projector), a `stepAfter` line, a marker at every transition (hover for its
 * reason) and, below, the latest transitions with their reasons in words.
 */
export const BreakerTimelineChart = memo(function BreakerTimelineChart({
  points,
  bands,
  recent,
  domain,
  height,
  tr,
}: {
  points: BreakerPoint[];
  bands: BreakerBands;
  recent: readonly BreakerTransition[];
  domain: [number, number];
  /** Plot height in px. Default 260. */
  height?: number;
  tr: Translator;
}) {
  const { t, pick } = tr;
  const fonts = useChartFonts();
  const config = {
    halfOpen: { label: 'HALF_OPEN', color: 'var(--half-open)' },
    open: { label: 'OPEN', color: 'var(--open)' },
    level: { label: t('chart.breaker.state'), color: 'var(--chart-fg)', swatch: 'line' },
  } satisfies ChartConfig;
  const maxLevel = points.some((p) => p.level === 3) ? 3 : 2;
  const marks = { closed: [] as CloudPoint[], halfOpen: [] as CloudPoint[], open: [] as CloudPoint[] };
  for (const p of points) {
    if (p.reason === undefined) continue;
    marks[p.state === 'closed' ? 'closed' : p.state === 'half-open' ? 'halfOpen' : 'open'].push({ x: p.t, y: p.level });
  }
  const present = fonts.scale === 'present';
  return (
    <ChartFrame
      title={t('chart.breaker.title')}
      description={t('chart.breaker.subtitle')}
      config={config}
      height={height}
      data-testid="chart-breaker"
      exportAs={{ name: 'breaker-timeline', title: t('chart.breaker.title'), png: t('chart.export.png'), svg: t('chart.export.svg') }}
      footer={
        present ? null : (
          <div>
            <h4 className="text-sm font-semibold">{t('chart.breaker.transitions')}</h4>
            {recent.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t('chart.breaker.none')}</p>
            ) : (
              <ol className="flex flex-col gap-1 text-sm" data-testid="breaker-transitions">
                {recent.map((tr, i) => (
                  <li key={`${tr.at}-${i}`} className="flex flex-wrap items-center gap-1.5">
                    <span className="tabular-nums text-slate-500">{formatSandboxTime(tr.at)}</span>
                    <BreakerChip kind={tr.from} />→<BreakerChip kind={tr.to} />
                    <span>{pick(tr.reason)}</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        )
      }
    >
      <ComposedChart data={points} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="t" type="number" domain={domain} ticks={niceTicks(domain[0], domain[1])} tickFormatter={formatSecondsTick} label={axisTitle(t('chart.time'), 'x', fonts.label)} {...axisProps} />
        <YAxis
          yAxisId="level"
          type="number"
          domain={[0, maxLevel]}
          ticks={maxLevel === 3 ? [0, 1, 2, 3] : [0, 1, 2]}
          tickFormatter={(v: number) => LEVEL_WORD[v] ?? ''}
          width={present ? 124 : 104}
          {...axisProps}
        />
        <Tooltip {...tooltipProps} content={<BreakerTooltip />} />
        <BandCloud yAxisId="level" bands={bands.open} color={seriesColor('open')} opacity={0.28} y1={0} y2={maxLevel} />
        <BandCloud yAxisId="level" bands={bands.halfOpen} color={seriesColor('halfOpen')} opacity={0.35} y1={0} y2={maxLevel} hatch />
        <Line yAxisId="level" dataKey="level" type="stepAfter" stroke={seriesColor('level')} strokeWidth={present ? 3.5 : 2.5} dot={false} activeDot={false} isAnimationActive={false} />
        {/* A diamond where each transition happened, in the colour of the state it entered (hover for the reason). */}
        <DotCloud yAxisId="level" points={marks.closed} color="var(--closed)" shape="diamond" size={present ? 7 : 5} />
        <DotCloud yAxisId="level" points={marks.halfOpen} color={seriesColor('halfOpen')} shape="diamond" size={present ? 7 : 5} />
        <DotCloud yAxisId="level" points={marks.open} color={seriesColor('open')} shape="diamond" size={present ? 7 : 5} />
      </ComposedChart>
    </ChartFrame>
  );
});

function BreakerTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: unknown }[] }) {
  const point = payload?.[0]?.payload as BreakerPoint | undefined;
  if (!active || !point) return null;
  return (
    <div style={tooltipProps.contentStyle} className="max-w-xs px-3 py-2">
      <div className="font-semibold">
        {formatSandboxTime(point.t * 1000)} · {LEVEL_WORD[point.level]}
      </div>
      {point.reason ? <div className="text-sm">{point.reason}</div> : null}
    </div>
  );
}
