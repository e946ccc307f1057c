'use client';

import { memo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, gridProps, seriesColor, tooltipProps, type ChartConfig } from '@/components/charts/chart-frame';
import { DotCloud, type CloudPoint } from '@/components/charts/dot-cloud';
import type { Translator } from '@/components/i18n/i18n-provider';
import type { BreakerStateKind, BreakerTransition } from '@/lib/contract';
import { BreakerChip } from '../breaker-badge';
import { formatSandboxTime, formatSecondsTick } from '../format';

/** One point of the step line; `closed`/`halfOpen`/`open` are the top level in that state and 0 otherwise (the coloured bands). */
export interface BreakerPoint {
  t: number;
  level: number;
  state: BreakerStateKind;
  closed: number;
  halfOpen: number;
  open: number;
  reason?: string;
}

/** Words on the y axis: the uppercase state names of the lesson's code. */
const LEVEL_WORD = ['CLOSED', 'HALF_OPEN', 'OPEN', 'ISOLATED'];

/**
 * Breaker state over sandbox time: coloured bands per state, a `stepAfter`
 * line, a marker at every transition (hover for its reason) and, below, the
 * latest transitions with their reasons in words.
 */
export const BreakerTimelineChart = memo(function BreakerTimelineChart({
  points,
  recent,
  domain,
  tr,
}: {
  points: BreakerPoint[];
  recent: readonly BreakerTransition[];
  domain: [number, number];
  tr: Translator;
}) {
  const { t, pick } = tr;
  const config = {
    closed: { label: 'CLOSED', color: 'var(--closed)' },
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
  return (
    <ChartFrame
      title={t('chart.breaker.title')}
      description={t('chart.breaker.subtitle')}
      config={config}
      data-testid="chart-breaker"
      footer={
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
      }
    >
      <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
        <CartesianGrid {...gridProps} />
        <XAxis
          dataKey="t"
          type="number"
          domain={domain}
          tickFormatter={formatSecondsTick}
          label={{ value: t('chart.time'), position: 'insideBottom', offset: -12, fill: 'var(--chart-axis)' }}
          {...axisProps}
        />
        <YAxis yAxisId="level" type="number" domain={[0, maxLevel]} ticks={maxLevel === 3 ? [0, 1, 2, 3] : [0, 1, 2]} tickFormatter={(v: number) => LEVEL_WORD[v] ?? ''} width={112} {...axisProps} />
        <Tooltip {...tooltipProps} content={<BreakerTooltip />} />
        {(['closed', 'halfOpen', 'open'] as const).map((key) => (
          <Area
            key={key}
            yAxisId="level"
            dataKey={key}
            stackId="band"
            type="stepAfter"
            stroke="none"
            fill={seriesColor(key)}
            fillOpacity={0.22}
            isAnimationActive={false}
            activeDot={false}
          />
        ))}
        <Line yAxisId="level" dataKey="level" type="stepAfter" stroke={seriesColor('level')} strokeWidth={2.5} dot={false} activeDot={false} isAnimationActive={false} />
        {/* A diamond where each transition happened, in the colour of the state it entered (hover for the reason). */}
        {(['closed', 'halfOpen', 'open'] as const).map((key) => (
          <DotCloud key={key} yAxisId="level" points={marks[key]} color={seriesColor(key)} shape="diamond" size={5} />
        ))}
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
