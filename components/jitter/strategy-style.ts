/**
 * How each strategy is drawn, the same on every chart of the lab. Colours are
 * Okabe–Ito (colour-blind safe) and readable on both themes; the lesson's two
 * formulas are dashed and the SDK's dotted, so colour is never the only cue.
 */
import type { ChartConfig } from '@/components/charts/chart-frame';
import { pickText, type Locale } from '@/lib/i18n/locale';
import { SIM_STRATEGY_IDS, strategyLabel, type SimStrategyId } from '@/lib/sim';

/** Stroke colour and dash of one strategy. */
export interface StrategyStyle {
  color: string;
  /** SVG `strokeDasharray`, or undefined for a solid line. */
  dash?: string;
}

/** The style table. Exponential (the baseline) is vermillion, full jitter (Brooker's winner) blue. */
export const STRATEGY_STYLE: Record<SimStrategyId, StrategyStyle> = {
  none: { color: '#8a8a8a' },
  exponential: { color: '#d55e00' },
  full: { color: '#0072b2' },
  equal: { color: '#e69f00' },
  decorrelated: { color: '#009e73' },
  'lesson-additive': { color: '#cc79a7', dash: '8 4' },
  'lesson-multiplicative': { color: '#56b4e9', dash: '8 4' },
  'openai-sdk': { color: '#a6761d', dash: '2 4' },
};

/** The label of a strategy in `locale` (the simulator's own zh/en labels). */
export function strategyName(id: SimStrategyId, locale: Locale): string {
  return pickText(locale, strategyLabel(id));
}

/** A ChartFrame config with one series per strategy, keyed by strategy id. */
export function strategyChartConfig(locale: Locale, ids: readonly SimStrategyId[] = SIM_STRATEGY_IDS): ChartConfig {
  const config: ChartConfig = {};
  for (const id of ids) {
    const style = STRATEGY_STYLE[id];
    config[id] = { label: strategyName(id, locale), color: style.color, swatch: style.dash ? 'dashed' : 'line' };
  }
  return config;
}
