'use client';

import { useLabRuns, type LabDefinition, type LabRunsState } from '@/components/lab/use-lab-runs';
import type { ExperimentResult, SweepResult } from '@/lib/sim';
import { sweepKey, type LabParams } from './lab-params';
import type { LabMessage } from './pipeline';
import { createLabRunner } from './runner';

/** What the lab shows. Results are kept until newer ones arrive, so charts never blank out while recomputing. */
export interface LabState extends LabRunsState {
  /** Baseline and chosen strategy at the current settings. */
  compare?: ExperimentResult;
  /** Every strategy at the current settings. */
  totals?: ExperimentResult;
  /** The clients sweep; `done` false while points are still arriving. */
  sweep?: { key: string; result: SweepResult; done: boolean };
  /** A request is in flight whose comparison or totals have not arrived yet. */
  computing: boolean;
  /** The sweep is being recomputed. */
  sweeping: boolean;
  /** Milliseconds from posting the request to receiving each phase (worker round trip included). */
  timings: { compare?: number; totals?: number; sweep?: number };
  error?: string;
}

/** The jitter lab's wiring into {@link useLabRuns}. */
const JITTER_LAB: LabDefinition<LabParams, LabMessage, LabState> = {
  initial: { computing: true, sweeping: true, timings: {} },
  createRunner: createLabRunner,
  sweepKey,
  posted: (s, sweep) => ({ ...s, computing: true, sweeping: sweep, error: undefined }),
  reduce: (s, m, { elapsedMs }) => {
    switch (m.kind) {
      case 'compare':
        return { ...s, compare: m.result, timings: { ...s.timings, compare: elapsedMs } };
      case 'totals':
        return { ...s, totals: m.result, computing: false, timings: { ...s.timings, totals: elapsedMs } };
      case 'sweep':
        return { ...s, sweep: { key: m.key, result: m.result, done: m.done }, sweeping: !m.done, ...(m.done ? { timings: { ...s.timings, sweep: m.ms } } : {}) };
      case 'error':
        return { ...s, error: m.message, computing: false, sweeping: false };
    }
  },
};

/**
 * Run the simulator for `params` (already debounced by the caller) off the main
 * thread, in three phases: the comparison, every strategy, then — only when the
 * settings it depends on changed — the slow clients sweep, point by point.
 */
export function useJitterLab(params: LabParams): LabState {
  return useLabRuns(JITTER_LAB, params);
}
