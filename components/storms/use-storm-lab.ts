'use client';

import { useLabRuns, type LabDefinition, type LabRunsState } from '@/components/lab/use-lab-runs';
import type { FailureRatePoint, StormRunResult } from '@/lib/sim';
import { sweepKey, type StormLabParams } from './lab-params';
import type { StormMessage } from './pipeline';
import { createStormRunner } from './runner';

/** What the lab shows. Results are kept until newer ones arrive, so charts never blank out while recomputing. */
export interface StormLabState extends LabRunsState {
  run?: StormRunResult;
  /** The failure-rate sweep, with the key of the settings it was run for. */
  sweep?: { key: string; points: FailureRatePoint[] };
  /** The run on screen is not for the latest params yet (a request is in flight). */
  computing: boolean;
  /** Milliseconds from posting the request to receiving each result (worker round trip included). */
  timings: { run?: number; sweep?: number };
  error?: string;
}

/** The state kept: what the lab shows, and the params the run on screen answers. */
type Kept = StormLabState & { runFor?: StormLabParams };

/** The storm lab's wiring into {@link useLabRuns}. */
const STORM_LAB: LabDefinition<StormLabParams, StormMessage, Kept> = {
  initial: { computing: true, timings: {} },
  createRunner: createStormRunner,
  sweepKey,
  posted: (s) => ({ ...s, computing: true, error: undefined }),
  reduce: (s, m, { elapsedMs, params }) => {
    switch (m.kind) {
      case 'run':
        return { ...s, run: m.result, runFor: params, computing: false, timings: { ...s.timings, run: elapsedMs } };
      case 'sweep':
        return { ...s, sweep: { key: m.key, points: m.points }, timings: { ...s.timings, sweep: m.ms } };
      case 'error':
        return { ...s, error: m.message, computing: false };
    }
  },
};

/**
 * Run the model for `params` (already debounced by the caller) off the main
 * thread: the run first, then the sweep when the settings it depends on changed.
 */
export function useStormLab(params: StormLabParams): StormLabState {
  const { runFor, ...shown } = useLabRuns(STORM_LAB, params);
  // Between a change of params and the effect that posts it, the old run is on screen: that is computing too.
  return { ...shown, computing: shown.computing || (runFor !== params && shown.error === undefined) };
}
