'use client';

/**
 * THE recharts wrapper (after shadcn/ui's chart): every chart of the app is
 * drawn inside a {@link ChartFrame}, which gives it
 *
 * - a title and an optional description (a <figure> with a <figcaption>, so
 *   screen readers announce what the chart is);
 * - a fixed height and a responsive width (recharts' ResponsiveContainer);
 * - colours from a {@link ChartConfig}: each series key gets a CSS variable
 *   `--color-<key>`, so series use `fill="var(--color-api)"` and the palette
 *   (Okabe–Ito, colour-blind safe; see app/globals.css) lives in CSS, where the
 *   dark theme can change it;
 * - an HTML legend with a text label for every series (colour is never the
 *   only cue), and an empty state instead of a blank box.
 *
 * Rules for live data: pass `isAnimationActive={false}` on every series and
 * `dot={false}` on lines, and give at most a few hundred points (see
 * components/dashboard/aggregate.ts). Styling helpers for axes, grid and tooltip
 * are exported below so every chart looks the same.
 *
 * @example
 * const config = { p50: { label: 'p50', color: 'var(--api)' } } satisfies ChartConfig;
 * <ChartFrame title="Latency" config={config} empty={data.length === 0} emptyText="No data">
 *   <LineChart data={data}>
 *     <XAxis dataKey="t" {...axisProps} />
 *     <Line dataKey="p50" name={config.p50.label} stroke={seriesColor('p50')} dot={false} isAnimationActive={false} />
 *   </LineChart>
 * </ChartFrame>
 */
import { createContext, useContext, useId, useRef, type CSSProperties, type ReactElement, type ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { downloadChart } from './export-chart';

/**
 * How big a chart's text is: `normal` for a laptop, `present` for the
 * projector (presenter view: tick labels 18 px, axis titles 18 px, titles 24 px).
 */
export type ChartScale = 'normal' | 'present';

const ChartScaleContext = createContext<ChartScale>('normal');

/** Give every chart inside the given scale (the presenter view wraps its charts in `present`). */
export function ChartScaleProvider({ scale, children }: { scale: ChartScale; children: ReactNode }) {
  return <ChartScaleContext.Provider value={scale}>{children}</ChartScaleContext.Provider>;
}

/** Font sizes in px for the current {@link ChartScale}: tick labels and axis titles. Never below 14 (16 on a projector). */
export function useChartFonts(): { tick: number; label: number; scale: ChartScale } {
  const scale = useContext(ChartScaleContext);
  return scale === 'present' ? { tick: 18, label: 18, scale } : { tick: 14, label: 14, scale };
}

/**
 * An axis title for recharts' `label` prop: themed, sized for the current scale.
 * `side` puts it under the x axis or, rotated, left of the y axis (inside the margin, so it is never clipped).
 */
export function axisTitle(value: string, side: 'x' | 'y', fontSize: number) {
  return side === 'x'
    ? { value, position: 'insideBottom' as const, offset: -12, fill: 'var(--chart-axis)', fontSize }
    : { value, angle: -90, position: 'insideLeft' as const, offset: 4, fill: 'var(--chart-axis)', fontSize, style: { textAnchor: 'middle' as const } };
}

/** How one series is named and coloured. */
export interface ChartSeriesConfig {
  /** Text shown in the legend and tooltip. */
  label: string;
  /** Any CSS colour, usually a palette variable such as `var(--open)`. */
  color: string;
  /** Legend swatch shape: a filled square (areas, bars), a line, or a dot (scatter). Default `square`. */
  swatch?: 'square' | 'line' | 'dot' | 'dashed';
  /** Leave out of the HTML legend (e.g. a helper series). Default false. */
  hideInLegend?: boolean;
}

/** Series key → label and colour. Keys must be valid CSS identifiers (they become `--color-<key>`). */
export type ChartConfig = Record<string, ChartSeriesConfig>;

/** The CSS variable a series' colour is exposed as, e.g. `seriesColor('api')` → `var(--color-api)`. */
export function seriesColor(key: string): string {
  return `var(--color-${key})`;
}

/**
 * Props for XAxis/YAxis: readable on a projector, themed through CSS variables.
 * `interval: 0` shows every tick recharts chose (5 by default) without measuring
 * each label in the DOM to avoid overlaps — that measuring was the single
 * largest cost of redrawing a live chart.
 */
export const axisProps = {
  stroke: 'var(--chart-axis)',
  tick: PlainTick,
  tickLine: false,
  interval: 0,
} as const;

/** What recharts passes to a custom tick (the subset we use). */
interface TickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: string;
  verticalAnchor?: string;
  index?: number;
  payload?: { value?: unknown };
  tickFormatter?: (value: unknown, index: number) => string;
}

/**
 * A tick label as one plain SVG <text>. recharts' own <Text> measures every
 * word in the DOM (for wrapping) on every redraw; a tick never wraps.
 */
export function PlainTick({ x = 0, y = 0, textAnchor = 'middle', verticalAnchor = 'middle', index = 0, payload, tickFormatter }: TickProps) {
  const { tick } = useChartFonts();
  const value = payload?.value;
  const text = tickFormatter ? tickFormatter(value, index) : String(value ?? '');
  const dy = verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'middle' ? '0.32em' : undefined;
  return (
    <text x={x} y={y} dy={dy} textAnchor={textAnchor as 'start' | 'middle' | 'end'} fill="var(--chart-axis)" fontSize={tick}>
      {text}
    </text>
  );
}

/** Props for CartesianGrid: horizontal lines only (half the nodes, and the eye reads values across). */
export const gridProps = { stroke: 'var(--chart-grid)', strokeDasharray: '3 3', vertical: false } as const;

/** Props for Tooltip: themed, not animated. */
export const tooltipProps = {
  isAnimationActive: false,
  contentStyle: {
    background: 'var(--chart-tooltip-bg)',
    border: '1px solid var(--chart-grid)',
    borderRadius: 8,
    color: 'var(--chart-tooltip-fg)',
    fontSize: 14,
  },
  labelStyle: { color: 'var(--chart-tooltip-fg)', fontWeight: 600 },
  itemStyle: { color: 'var(--chart-tooltip-fg)' },
} as const;

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  title: ReactNode;
  description?: ReactNode;
  config: ChartConfig;
  /** Height of the plot area in px. Default 260. */
  height?: number;
  /** Show the HTML legend. Default true. */
  legend?: boolean;
  /** When true, show `emptyText` over the (still mounted) chart. */
  empty?: boolean;
  emptyText?: ReactNode;
  /** Below the legend, e.g. a list of annotations. */
  footer?: ReactNode;
  className?: string;
  /** One recharts chart element (LineChart, ComposedChart, …), without width/height. */
  children: ReactElement;
  'data-testid'?: string;
  /**
   * Offer PNG and SVG downloads of the chart, named after this (e.g. `breaker-timeline`),
   * with these button labels. Default: no export buttons.
   */
  exportAs?: { name: string; title: string; png: string; svg: string };
}

/** See the file comment. */
export function ChartFrame({
  title,
  description,
  config,
  height = 260,
  legend = true,
  empty = false,
  emptyText,
  footer,
  className = '',
  children,
  'data-testid': testId,
  exportAs,
}: ChartFrameProps) {
  const titleId = useId();
  const { scale } = useChartFonts();
  const present = scale === 'present';
  const plot = useRef<HTMLDivElement>(null);
  const style = { height } as CSSProperties & Record<string, string | number>;
  for (const [key, series] of Object.entries(config)) style[`--color-${key}`] = series.color;
  const save = (format: 'png' | 'svg') => {
    if (!plot.current || !exportAs) return;
    void downloadChart(plot.current, { format, fileName: exportAs.name, title: exportAs.title, legend: Object.values(config).filter((c) => !c.hideInLegend) });
  };
  return (
    <figure
      aria-labelledby={titleId}
      data-testid={testId}
      // Containment: a redraw inside one chart never makes the browser lay out the rest of the page.
      className={`flex h-full min-w-0 flex-col rounded-xl border border-slate-200 bg-white shadow-sm [contain:content] dark:border-slate-700 dark:bg-slate-900 ${present ? 'gap-1 p-3' : 'gap-2 p-4'} ${className}`}
    >
      <figcaption className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={titleId} className={present ? 'text-lg font-bold' : 'text-lg font-semibold'}>
            {title}
          </h3>
          {description && !present ? <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
        </div>
        {exportAs ? (
          <div className="flex shrink-0 gap-1" role="group" aria-label={exportAs.title}>
            {(['png', 'svg'] as const).map((format) => (
              <button
                key={format}
                type="button"
                onClick={() => save(format)}
                aria-label={`${exportAs[format]}: ${exportAs.title}`}
                data-export={format}
                className={`rounded-md border border-slate-300 px-1.5 py-0.5 font-medium ${present ? 'text-sm' : 'text-xs'} text-slate-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800`}
              >
                {format.toUpperCase()}
              </button>
            ))}
          </div>
        ) : null}
      </figcaption>
      <div ref={plot} style={style} className="relative min-w-0 [contain:strict]">
        {/* The chart stays mounted when empty (the note sits on top): mounting a recharts chart costs
            far more than updating one, and the first data often arrive in the middle of a burst. */}
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
        {empty ? (
          <div className="absolute inset-0 flex items-center justify-center rounded-lg border border-dashed border-slate-300 bg-white/80 text-base text-slate-600 dark:border-slate-600 dark:bg-slate-900/80 dark:text-slate-300">
            {emptyText}
          </div>
        ) : null}
      </div>
      {legend ? <ChartLegend config={config} /> : null}
      {footer}
    </figure>
  );
}

/** The HTML legend: a swatch and a text label per series (also usable on its own). */
export function ChartLegend({ config }: { config: ChartConfig }) {
  const entries = Object.entries(config).filter(([, s]) => !s.hideInLegend);
  if (entries.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {entries.map(([key, s]) => (
        <li key={key} className="flex items-center gap-1.5">
          <Swatch color={s.color} kind={s.swatch ?? 'square'} />
          <span>{s.label}</span>
        </li>
      ))}
    </ul>
  );
}

function Swatch({ color, kind }: { color: string; kind: NonNullable<ChartSeriesConfig['swatch']> }) {
  if (kind === 'line' || kind === 'dashed')
    return (
      <svg width="20" height="10" aria-hidden="true">
        <line x1="0" y1="5" x2="20" y2="5" stroke={color} strokeWidth="3" strokeDasharray={kind === 'dashed' ? '4 3' : undefined} />
      </svg>
    );
  if (kind === 'dot')
    return (
      <svg width="12" height="12" aria-hidden="true">
        <circle cx="6" cy="6" r="5" fill={color} />
      </svg>
    );
  return <span aria-hidden="true" className="inline-block size-3 rounded-sm" style={{ background: color }} />;
}
