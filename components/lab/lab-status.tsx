'use client';

/** Props of {@link LabStatus}; every text comes translated from the lab. */
export interface LabStatusProps {
  /** Prefix of the test ids: `${testIdPrefix}-status` and `${testIdPrefix}-timing`. */
  testIdPrefix: string;
  /** Results on screen are for older settings (amber), or up to date (green). */
  computing: boolean;
  /** "Computing…" or "Up to date", to match `computing`. */
  state: string;
  /** A second part of the first line (e.g. the sweep's progress), after a " · ". */
  progress?: string;
  /** How long the last recompute took; no timing line without it. */
  timing?: string;
  /** Where it ran (worker or main thread), after the timing. */
  engine?: string;
  /** The failure to show, already worded. */
  error?: string;
}

/**
 * A lab's status line: computing or up to date, how long the last recompute
 * took and where it ran, or the error. A polite live region, so a screen reader
 * hears "up to date" without losing its place; `data-computing` lets tests wait.
 */
export function LabStatus({ testIdPrefix, computing, state, progress, timing, engine, error }: LabStatusProps) {
  return (
    <div className="flex flex-col gap-1 text-base" role="status" aria-live="polite" data-testid={`${testIdPrefix}-status`} data-computing={computing || undefined}>
      <p>
        <span className={computing ? 'text-amber-700 dark:text-amber-400' : 'text-emerald-700 dark:text-emerald-400'}>{state}</span>
        {progress !== undefined ? <span> · {progress}</span> : null}
      </p>
      {timing !== undefined ? (
        <p className="text-sm text-slate-600 tabular-nums dark:text-slate-400" data-testid={`${testIdPrefix}-timing`}>
          {timing} {engine ?? ''}
        </p>
      ) : null}
      {error !== undefined ? (
        <p className="text-orange-700 dark:text-orange-400" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
