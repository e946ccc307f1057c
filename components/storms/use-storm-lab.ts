'use client';

import { useEffect, useRef, useState } from 'react';
import type { FailureRatePoint, StormRunResult } from '@/lib/sim';
import { sweepKey, type StormLabParams } from './lab-params';
import type { StormMessage } from './pipeline';
import { createStormRunner, type StormRunner } from './runner';

/** What the lab shows. Results are kept until newer ones arrive, so charts never blank out while recomputing. */
export interface StormLabState {
  run?: StormRunResult;
  /** The failure-rate sweep, with the key of the settings it was run for. */
  sweep?: { key: string; points: FailureRatePoint[] };
  /** The run on screen is not for the latest params yet (a request is in flight). */
  computing: boolean;
  /** Milliseconds from posting the request to receiving each result (worker round trip included). */
  timings: { run?: number; sweep?: number };
  error?: string;
  /** Where the model runs; `undefined` before the first effect (server render). */
  engine?: 'worker' | 'main';
}

/**
 * Run the model for `params` (already debounced by the caller) off the main
 * thread: the run first, then the sweep when the settings it depends on changed.
 */
export function useStormLab(params: StormLabParams): StormLabState {
  const [state, setState] = useState<StormLabState & { runFor?: StormLabParams }>({ computing: true, timings: {} });
  /** The params of the newest request posted: a `run` message with the current seq answers them. */
  const posted = useRef<StormLabParams | null>(null);
  const runner = useRef<StormRunner | null>(null);
  const seq = useRef(0);
  const sentAt = useRef(0);
  /** The key of the sweep on screen: recompute it unless it matches the current settings. */
  const sweepShown = useRef<string | null>(null);

  useEffect(() => {
    const onMessage = (m: StormMessage) => {
      if (m.seq !== seq.current) return; // an answer to a request the user has already moved past
      const elapsed = performance.now() - sentAt.current;
      if (m.kind === 'sweep') sweepShown.current = m.key;
      const engine = runner.current?.engine;
      setState((prev) => {
        const s = engine === undefined || engine === prev.engine ? prev : { ...prev, engine };
        switch (m.kind) {
          case 'run':
            return { ...s, run: m.result, runFor: posted.current ?? undefined, computing: false, timings: { ...s.timings, run: elapsed } };
          case 'sweep':
            return { ...s, sweep: { key: m.key, points: m.points }, timings: { ...s.timings, sweep: m.ms } };
          case 'error':
            return { ...s, error: m.message, computing: false };
        }
      });
    };
    const r = createStormRunner(onMessage);
    runner.current = r;
    setState((s) => ({ ...s, engine: r.engine }));
    return () => {
      r.dispose();
      runner.current = null;
      sweepShown.current = null;
    };
  }, []);

  useEffect(() => {
    const r = runner.current;
    if (!r) return;
    const key = sweepKey(params);
    // A sweep cut short by a newer request is simply asked for again by that request.
    const sweep = sweepShown.current !== key;
    seq.current += 1;
    posted.current = params;
    sentAt.current = performance.now();
    r.post({ seq: seq.current, params, sweep });
    setState((s) => ({ ...s, computing: true, error: undefined }));
  }, [params]);

  // Between a change of params and the effect that posts it, the old run is on screen: that is computing too.
  const { runFor, ...shown } = state;
  return { ...shown, computing: state.computing || (runFor !== params && state.error === undefined) };
}
