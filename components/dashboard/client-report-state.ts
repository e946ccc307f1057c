/**
 * Pure helpers of the "Your code" panel: what the timeline plots and what the
 * card's header counts, from a `ClientReport`. Kept free of React so they can
 * be tested.
 */
import type { ClientCallView, ClientCheck, ClientReport, ClientVerdict } from '@/lib/contract';

/** Calls the timeline shows at most (the newest). */
export const TIMELINE_CALLS = 40;

/** One call on the timeline. Values in seconds; a retry's bar is `waited`, or `tooSoon` when it came sooner than asked. */
export interface TimelinePoint {
  /** Category label, e.g. `#12`. */
  label: string;
  seq: number;
  logical: number;
  attempt: number;
  waited: number | null;
  tooSoon: number | null;
  /** What the server asked before this attempt (the previous attempt's Retry-After). */
  asked: number | null;
}

/**
 * The newest calls as timeline points: each retry's wait against the
 * Retry-After its previous attempt was given.
 * @param toleranceMs a wait this much short of the ask still counts as honouring it (the check's tolerance).
 */
export function timelinePoints(calls: readonly ClientCallView[], toleranceMs = 100, limit = TIMELINE_CALLS): TimelinePoint[] {
  const previous = new Map<number, ClientCallView>();
  const points: TimelinePoint[] = [];
  for (const c of calls) {
    const prev = previous.get(c.logical);
    previous.set(c.logical, c);
    const askedMs = c.attempt > 1 && prev && prev.attempt === c.attempt - 1 ? prev.retryAfterMs : null;
    const early = askedMs !== null && c.gapMs !== null && c.gapMs + toleranceMs < askedMs;
    const s = (ms: number | null) => (ms === null ? null : ms / 1000);
    points.push({
      label: `#${c.seq}`,
      seq: c.seq,
      logical: c.logical,
      attempt: c.attempt,
      waited: early ? null : s(c.gapMs),
      tooSoon: early ? s(c.gapMs) : null,
      asked: s(askedMs),
    });
  }
  return points.slice(-limit);
}

/** How many checks got each verdict. */
export function verdictCounts(checks: readonly ClientCheck[]): Record<ClientVerdict, number> {
  const counts: Record<ClientVerdict, number> = { pass: 0, fail: 0, unobserved: 0 };
  for (const c of checks) counts[c.verdict]++;
  return counts;
}

/** The newest `n` calls, newest first, for the table. */
export function latestCalls(report: ClientReport, n = 12): ClientCallView[] {
  return report.calls.slice(-n).reverse();
}
