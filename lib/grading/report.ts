import type { ClientCallKind, ClientCheck, ClientReport } from '@/lib/contract';
import type { CallRecord } from './call-record';
import { CHECKS } from './checks';
import { DEFAULT_THRESHOLDS, type GradingThresholds } from './thresholds';
import { buildTracks, callView, logicalView } from './tracks';

/** The card and what it was read from: {@link ClientReport} without the exam and the record's bookkeeping. */
export type ReportCard = Pick<ClientReport, 'checks' | 'calls' | 'logicalRequests' | 'now'>;

/**
 * Grade a student's client from the calls its session's endpoint saw. Pure:
 * the same calls at the same `now` give the same card.
 * @param calls in arrival order.
 * @param now record time now, ms (pending calls and quiet periods are judged against it).
 */
export function gradeCalls(calls: readonly CallRecord[], now: number, thresholds: GradingThresholds = DEFAULT_THRESHOLDS): ReportCard {
  const tracks = buildTracks(calls, now, thresholds.settleMs);
  const ctx = { calls, tracks, now, thresholds };
  const checks: ClientCheck[] = CHECKS.map((def) => ({ id: def.id, title: def.title, rule: def.rule(thresholds), ...def.grade(ctx) }));
  const gaps = new Map<number, number | null>();
  const kinds = new Map<number, ClientCallKind>();
  for (const t of tracks)
    t.calls.forEach((c, i) => {
      gaps.set(c.seq, t.gaps[i] ?? null);
      kinds.set(c.seq, t.kinds[i]!);
    });
  return {
    checks,
    calls: calls.map((c) => callView(c, kinds.get(c.seq)!, gaps.get(c.seq) ?? null)),
    logicalRequests: tracks.map(logicalView),
    now,
  };
}
