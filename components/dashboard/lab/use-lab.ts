'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useSandbox } from '../sandbox-provider';
import { emptyProgress, evaluate, markDone, observe, parseProgress, type LabProgress } from './lab-tasks';

/** Where the lab's progress lives in the browser. */
export const LAB_STORAGE_KEY = 'sandbox-lab-v1';

function load(): LabProgress {
  try {
    return parseProgress(window.localStorage.getItem(LAB_STORAGE_KEY));
  } catch {
    return emptyProgress(); // storage switched off (private mode): the lab still works for this page
  }
}

function save(p: LabProgress): void {
  try {
    window.localStorage.setItem(LAB_STORAGE_KEY, JSON.stringify(p));
  } catch {
    // Storage full or switched off: progress lasts as long as the page.
  }
}

/**
 * The guided lab's progress: read from localStorage on mount, updated from
 * every batch of the dashboard's events (each new request is attributed to
 * the preset the session had when it arrived), saved on every change.
 */
export function useLab(): { progress: LabProgress; reset: () => void } {
  const { store } = useSandbox();
  const [progress, setProgress] = useState<LabProgress>(emptyProgress);
  const current = useRef<LabProgress>(progress);
  // Records already folded in: the page's history epoch and how many of its records.
  const seen = useRef({ epoch: -1, count: 0 });

  useEffect(() => {
    current.current = load();
    setProgress(current.current);
    const update = () => {
      const s = store.getSnapshot();
      if (s.epoch !== seen.current.epoch || s.records.length < seen.current.count) seen.current = { epoch: s.epoch, count: 0 };
      const fresh = s.records.slice(seen.current.count);
      seen.current.count = s.records.length;
      let next = observe(current.current, fresh, s.session?.presetId ?? null);
      next = markDone(next, evaluate(next, { retries: s.retries, transitions: s.transitions, policy: s.session?.policy, script: s.script, stats: s.stats }), Date.now());
      if (next === current.current) return;
      current.current = next;
      setProgress(next);
      save(next);
    };
    update();
    return store.subscribe(update);
  }, [store]);

  const reset = useCallback(() => {
    current.current = emptyProgress();
    setProgress(current.current);
    save(current.current);
  }, []);

  return { progress, reset };
}
