'use client';

import { useEffect, useRef, useState } from 'react';
import type { RunnerEngine, StepRunner } from './runner';
import type { StepMessage, StepRequest } from './steps';

/** What every lab's state has: where its steps run (`undefined` before the first effect, i.e. on the server). */
export interface LabRunsState {
  engine?: RunnerEngine;
}

/** What the page knows when an answer to its newest request arrives. */
export interface LabAnswer<P> {
  /** Milliseconds from posting the request to receiving this message (worker round trip included). */
  elapsedMs: number;
  /** The params of the request it answers. */
  params: P;
}

/**
 * How one lab plugs into {@link useLabRuns}. Define it once at module level:
 * the runner is created once per definition, not per render.
 */
export interface LabDefinition<P, M extends StepMessage, S extends LabRunsState> {
  /** The state before any answer. */
  initial: S;
  /** The lab's runner (worker, or main-thread fallback), reporting to `onMessage`. */
  createRunner: (onMessage: (message: M) => void) => StepRunner<StepRequest<P>>;
  /** Changes exactly when the lab's sweep would: a complete sweep for the same key is not recomputed. */
  sweepKey: (params: P) => string;
  /** The state once a request is posted (`sweep`: it recomputes the sweep too). */
  posted: (state: S, sweep: boolean) => S;
  /** Fold an answer to the newest request into the state. */
  reduce: (state: S, message: M, answer: LabAnswer<P>) => S;
}

/**
 * Run a lab for `params` (already debounced by the caller) off the main thread
 * and keep its state. Results stay until newer ones arrive, so charts never
 * blank out while recomputing. Answers to requests the user has already moved
 * past are dropped, and the sweep is only requested when its key changed or
 * the one on screen was cut short.
 */
export function useLabRuns<P, M extends StepMessage, S extends LabRunsState>(lab: LabDefinition<P, M, S>, params: P): S {
  const [state, setState] = useState<S>(lab.initial);
  const runner = useRef<StepRunner<StepRequest<P>> | null>(null);
  const seq = useRef(0);
  const sentAt = useRef(0);
  /** The params of the newest request posted: a message with the current seq answers them. */
  const postedParams = useRef<P | null>(null);
  /** The sweep on screen: recompute it unless it is complete and for the current settings. */
  const shownSweep = useRef<{ key: string; done: boolean } | null>(null);

  useEffect(() => {
    const onMessage = (m: M) => {
      if (m.seq !== seq.current) return; // An answer to a request the user has already moved past.
      const answer: LabAnswer<P> = { elapsedMs: performance.now() - sentAt.current, params: postedParams.current as P };
      if (m.kind === 'sweep' && m.key !== undefined) shownSweep.current = { key: m.key, done: m.done ?? true };
      const engine = runner.current?.engine;
      setState((prev) => {
        // The runner may have fallen back to the main thread since the last message.
        const s = engine === undefined || engine === prev.engine ? prev : { ...prev, engine };
        return lab.reduce(s, m, answer);
      });
    };
    const r = lab.createRunner(onMessage);
    runner.current = r;
    setState((s) => ({ ...s, engine: r.engine }));
    return () => {
      r.dispose();
      runner.current = null;
      shownSweep.current = null;
    };
  }, [lab]);

  useEffect(() => {
    const r = runner.current;
    if (!r) return;
    const key = lab.sweepKey(params);
    const shown = shownSweep.current;
    // A sweep cut short by a newer request is simply asked for again by that request.
    const sweep = !(shown && shown.done && shown.key === key);
    seq.current += 1;
    postedParams.current = params;
    sentAt.current = performance.now();
    r.post({ seq: seq.current, params, sweep });
    setState((s) => lab.posted(s, sweep));
  }, [lab, params]);

  return state;
}
