'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Spreads heavy redraws over separate tasks, one view at a time.
 *
 * Why: a recharts chart with a few hundred points takes 15–40 ms to render and
 * commit, and its commit cannot be interrupted. Six charts committed together
 * make a 150–250 ms task; a click that lands in it waits that long. Handing the
 * charts their new data one per turn keeps every task short, so input is never
 * stuck behind more than one chart (the whole set still updates within ~0.1 s).
 */

/**
 * Gap between two turns, in ms: a bit over one frame, because recharts applies
 * part of each update on the next animation frame; two charts in one frame
 * would make one long task again.
 */
export const STAGGER_MS = 32;

/** Shortest time between two updates of one view, in ms: live charts need not redraw more than twice a second. */
export const MIN_INTERVAL_MS = 500;

type Job = () => void;

const queue: Job[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

function runNext(): void {
  timer = undefined;
  const job = queue.shift();
  job?.();
  if (queue.length > 0) timer = setTimeout(runNext, STAGGER_MS);
}

/** Queue `job` for a later turn (first come, first served); returns a function that cancels it. */
export function enqueueTurn(job: Job): () => void {
  queue.push(job);
  timer ??= setTimeout(runNext, queue.length === 1 ? 0 : STAGGER_MS);
  return () => {
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  };
}

/**
 * `value`, but updated only when this view's turn comes (see the file comment),
 * at most once per `minIntervalMs` (default {@link MIN_INTERVAL_MS}), and not
 * at all while `paused` (e.g. scrolled out of view). While a turn is pending, further
 * changes just replace the value it will show, so a view never falls more than
 * one turn behind. Keep `value` referentially stable (useMemo) when nothing
 * changed, or every render queues a turn.
 */
export function useStaggered<T>(value: T, { minIntervalMs = MIN_INTERVAL_MS, paused = false }: { minIntervalMs?: number; paused?: boolean } = {}): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const lastShownAt = useRef(-Infinity);
  const cancelTurn = useRef<(() => void) | null>(null);
  const wasPaused = useRef(false);

  useEffect(() => {
    latest.current = value;
    if (paused) {
      // Hidden: keep the newest value for later, and give the turn to someone visible.
      cancelTurn.current?.();
      cancelTurn.current = null;
      wasPaused.current = true;
      return;
    }
    // Back in view: catch up on the next turn, without waiting out the interval.
    const resumed = wasPaused.current;
    wasPaused.current = false;
    if (Object.is(value, shown) || cancelTurn.current) return;
    const show = () => {
      cancelTurn.current = null;
      lastShownAt.current = performance.now();
      setShown(() => latest.current);
    };
    const wait = resumed ? 0 : lastShownAt.current + minIntervalMs - performance.now();
    if (wait <= 0) {
      cancelTurn.current = enqueueTurn(show);
      return;
    }
    // Too soon after the last update: join the queue later.
    let cancelQueued: (() => void) | null = null;
    const timer = setTimeout(() => (cancelQueued = enqueueTurn(show)), wait);
    cancelTurn.current = () => {
      clearTimeout(timer);
      cancelQueued?.();
    };
  }, [value, shown, minIntervalMs, paused]);

  // Only on unmount (or StrictMode's rehearsal): drop a pending turn.
  useEffect(
    () => () => {
      cancelTurn.current?.();
      cancelTurn.current = null;
    },
    [],
  );

  return shown;
}

/**
 * Whether the element is on screen (or within 200 px of it), by
 * IntersectionObserver. True until the first report, so the first render draws.
 */
export function useInView(ref: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)), { rootMargin: '200px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return inView;
}

