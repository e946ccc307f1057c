'use client';

import { useMemo } from 'react';
import { StaggeredView } from '@/components/charts/staggered-view';
import { translatorFor, useI18n } from '@/components/i18n/i18n-provider';
import { backoffEnvelope, BACKOFFS } from '@/lib/resilience/backoff';
import type { RetryPoint } from '@/lib/contract';
import type { Band } from '@/components/charts/band-cloud';
import { ChartScaleProvider } from '@/components/charts/chart-frame';
import { attemptHistogram, binRecords, breakerSteps, downsample, MAX_POINTS } from '../aggregate';
import { useSandbox, useSandboxState } from '../sandbox-provider';
import { HISTORY_LIMITS } from '../sandbox-state';
import { BreakerTimelineChart, type BreakerPoint } from './breaker-timeline-chart';
import { RetryDelayChart, type EnvelopePoint, type RetryDot } from './retry-delay-chart';
import { AttemptsChart, LatencyChart, RateChart, SourceChart, type PlotBin } from './time-series-charts';

/** Time bins per series: below the ~300-point ceiling, for quicker redraws on a busy stream. */
const MAX_BINS = 80;
/** Narrowest bin, in ms: one second, so a rate is over several requests of a steady load, not 0% or 100% of one. */
const MIN_BIN_MS = 1000;

/** A stable sideways offset in [-0.25, 0.25) per request, so dots of one retry number do not sit on top of each other. */
const spread = (requestId: number) => (((requestId * 0.6180339887) % 1) - 0.5) * 0.5;

function toDots(points: readonly RetryPoint[]): RetryDot[] {
  return downsample(points, MAX_POINTS).map((p) => ({ x: p.retry + spread(p.requestId), y: p.delayMs / 1000 }));
}

/**
 * `full`: all six charts, for a laptop. `present`: the projector's four (retry
 * delays, breaker timeline, success and cache-hit rate, outcome by source) in a
 * 2×2 grid that fills its container, with large text.
 */
export type ChartsVariant = 'full' | 'present';

/** Plot height of one chart in the presenter view, in px: four of them and the controls fit 1920×1080. */
export const PRESENT_CHART_HEIGHT = 300;

/**
 * All six charts. The data are aggregated (time bins) or thinned to at most
 * {@link MAX_POINTS} points per series, memoised, and handed to each chart on
 * its own turn ({@link StaggeredView}), so no single task redraws more than one
 * chart: a click during a 1 000-request burst never waits behind six redraws.
 */
export function DashboardCharts({ variant = 'full' }: { variant?: ChartsVariant }) {
  // Labels reach the charts on their turns too, so switching language is not one long redraw.
  const tr = translatorFor(useI18n().locale);
  const { catalogue } = useSandbox();
  const records = useSandboxState((s) => s.records);
  const retries = useSandboxState((s) => s.retries);
  const transitions = useSandboxState((s) => s.transitions);
  const clockAt = useSandboxState((s) => s.clock.at);
  const retryPolicy = useSandboxState((s) => s.session?.policy.retry);

  // The time axis starts at 0 until the history is trimmed, and runs to the newest event.
  const from = records.length >= HISTORY_LIMITS.records ? (records[0]?.endedAt ?? 0) : 0;
  const to = Math.max(clockAt, from + 1000);
  const domain = useMemo<[number, number]>(() => [from / 1000, to / 1000], [from, to]);

  const bins = useMemo<PlotBin[]>(() => {
    if (records.length === 0) return [];
    const { bins, binMs } = binRecords(records, { from, to, maxBins: MAX_BINS, minBinMs: MIN_BIN_MS });
    // Plot each bin at its middle, in seconds; rates in %, latencies in s.
    return bins.map((b) => ({
      t: (b.t + binMs / 2) / 1000,
      successRate: b.successRate === null ? null : b.successRate * 100,
      cacheHitRate: b.cacheHitRate === null ? null : b.cacheHitRate * 100,
      p50: b.p50 === null ? null : b.p50 / 1000,
      p95: b.p95 === null ? null : b.p95 / 1000,
      api: b.api,
      cache: b.cache,
      local: b.local,
      fallback: b.fallback,
      error: b.error,
    }));
  }, [records, from, to]);

  const histogram = useMemo(() => attemptHistogram(records), [records]);

  const retryData = useMemo(() => {
    const backoff = toDots(retries.filter((r) => r.reason === 'backoff'));
    const retryAfter = toDots(retries.filter((r) => r.reason === 'retry-after'));
    const seen = retries.reduce((m, r) => Math.max(m, r.retry), 0);
    const maxRetry = Math.max(seen, retries.length > 0 ? (retryPolicy?.maxRetries ?? 0) : 0);
    const envelope: EnvelopePoint[] = [];
    if (retryPolicy && maxRetry > 0) {
      for (let retry = 1; retry <= maxRetry; retry++) {
        const [lo, hi] = backoffEnvelope(retryPolicy.strategy, retry - 1, { baseMs: retryPolicy.baseMs, capMs: retryPolicy.capMs });
        // A zero-height band would be invisible: give a fixed delay a hairline.
        const range: [number, number] = [lo / 1000, Math.max(hi, lo + 50) / 1000];
        envelope.push({ x: retry - 0.3, range }, { x: retry + 0.3, range }, { x: retry + 0.31, range: null });
      }
    }
    return { backoff, retryAfter, envelope, maxRetry };
  }, [retries, retryPolicy]);

  const strategyId = retryPolicy?.strategy;
  const strategyLabel = strategyId ? tr.pick(catalogue?.strategies.find((s) => s.id === strategyId)?.label ?? BACKOFFS[strategyId].label) : '';

  const breakerData = useMemo(() => {
    const steps = breakerSteps(transitions, { initial: 'closed', from, to, maxSteps: MAX_POINTS });
    const points: BreakerPoint[] = steps.map((s) => ({
      t: s.t / 1000,
      level: s.level,
      state: s.state,
      ...(s.transition ? { reason: tr.pick(s.transition.reason) } : {}),
    }));
    // Each OPEN / HALF_OPEN interval, up to the next step (the last one runs to "now").
    const bands = { open: [] as Band[], halfOpen: [] as Band[] };
    steps.forEach((s, i) => {
      const end = steps[i + 1]?.t ?? s.t;
      if (s.state === 'closed' || end <= s.t) return;
      (s.state === 'half-open' ? bands.halfOpen : bands.open).push({ x1: s.t / 1000, x2: end / 1000 });
    });
    return { points, bands, recent: transitions.slice(-6).reverse() };
  }, [transitions, from, to, tr]);

  const height = variant === 'present' ? PRESENT_CHART_HEIGHT : undefined;
  const retryProps = useMemo(() => ({ ...retryData, strategyLabel, tr, height }), [retryData, strategyLabel, tr, height]);
  const breakerProps = useMemo(() => ({ ...breakerData, domain, tr, height }), [breakerData, domain, tr, height]);
  const binProps = useMemo(() => ({ bins, domain, tr, height }), [bins, domain, tr, height]);
  const attemptProps = useMemo(() => ({ bars: histogram, tr }), [histogram, tr]);

  if (variant === 'present')
    return (
      <ChartScaleProvider scale="present">
        <section aria-label={tr.t('chart.section')} id="charts" className="grid h-full min-h-0 grid-cols-2 grid-rows-2 gap-3">
          <StaggeredView props={retryProps} render={(p) => <RetryDelayChart {...p} />} />
          <StaggeredView props={breakerProps} render={(p) => <BreakerTimelineChart {...p} />} />
          <StaggeredView props={binProps} render={(p) => <RateChart {...p} />} />
          <StaggeredView props={binProps} render={(p) => <SourceChart {...p} />} />
        </section>
      </ChartScaleProvider>
    );

  // Each chart redraws on its own turn, and only while on screen (see StaggeredView).
  return (
    <section aria-label={tr.t('chart.section')} id="charts" className="grid grid-cols-1 gap-4 xl:grid-cols-2 min-[1800px]:grid-cols-3">
      <StaggeredView props={retryProps} render={(p) => <RetryDelayChart {...p} />} />
      <StaggeredView props={breakerProps} render={(p) => <BreakerTimelineChart {...p} />} />
      <StaggeredView props={binProps} render={(p) => <RateChart {...p} />} />
      <StaggeredView props={binProps} render={(p) => <SourceChart {...p} />} />
      <StaggeredView props={attemptProps} render={(p) => <AttemptsChart {...p} />} />
      <StaggeredView props={binProps} render={(p) => <LatencyChart {...p} />} />
    </section>
  );
}
