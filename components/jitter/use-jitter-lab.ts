'use client';

import { useEffect, useRef, useState } from 'react';
import type { ExperimentResult, SweepResult } from '@/lib/sim';
import { sweepKey, type LabParams } from './lab-params';
import type { LabMessage } from './pipeline';
import { createLabRunner, type LabRunner } from './runner';

/** What the lab shows. Results are kept until newer ones arrive, so charts never blank out while recomputing. */
export interface LabState {
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
  /** Where the simulator runs; `undefined` before the first effect (server render). */
  engine?: 'worker' | 'main';
}

/**
 * Run the simulator for `params` (already debounced by the caller) off the main
 * thread, in three phases: the comparison, every strategy, then — only when the
 * settings it depends on changed — the slow clients sweep, point by point.
 */
export function useJitterLab(params: LabParams): LabState {
  const [state, setState] = useState<LabState>({ computing: true, sweeping: true, timings: {} });
  const runner = useRef<LabRunner | null>(null);
  const seq = useRef(0);
  const sentAt = useRef(0);
  /** The sweep on screen: recompute it unless it is complete and for the current settings. */
  const shownSweep = useRef<{ key: string; done: boolean } | null>(null);

  useEffect(() => {
    const onMessage = (m: LabMessage) => {
      if (m.seq !== seq.current) return; // An answer to a request the user has already moved past.
      const elapsed = performance.now() - sentAt.current;
      if (m.kind === 'sweep') shownSweep.current = { key: m.key, done: m.done };
      const engine = runner.current?.engine;
      setState((prev) => {
        // The runner may have fallen back to the main thread since the last message.
        const s = engine === undefined || engine === prev.engine ? prev : { ...prev, engine };
        switch (m.kind) {
          case 'compare':
            return { ...s, compare: m.result, timings: { ...s.timings, compare: elapsed } };
          case 'totals':
            return { ...s, totals: m.result, computing: false, timings: { ...s.timings, totals: elapsed } };
          case 'sweep':
            return { ...s, sweep: { key: m.key, result: m.result, done: m.done }, sweeping: !m.done, ...(m.done ? { timings: { ...s.timings, sweep: m.ms } } : {}) };
          case 'error':
            return { ...s, error: m.message, computing: false, sweeping: false };
        }
      });
    };
    const r = createLabRunner(onMessage);
    runner.current = r;
    setState((s) => ({ ...s, engine: r.engine }));
    return () => {
      r.dispose();
      runner.current = null;
      shownSweep.current = null;
    };
  }, []);

  useEffect(() => {
    const r = runner.current;
    if (!r) return;
    const key = sweepKey(params);
    const shown = shownSweep.current;
    const sweep = !(shown && shown.done && shown.key === key);
    seq.current += 1;
    sentAt.current = performance.now();
    r.post({ seq: seq.current, params, sweep });
    setState((s) => ({ ...s, computing: true, sweeping: sweep, error: undefined }));
  }, [params]);

  return state;
}
