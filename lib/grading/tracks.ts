import type { ClientCallKind, ClientCallView, LogicalRequestView } from '@/lib/contract';
import { callKind, releasedAt, type CallRecord } from './call-record';

/**
 * A logical request as the checks read it: its attempts in order, what each
 * turned out to be, and the wait the client chose before each retry.
 */
export interface Track {
  id: number;
  groupedBy: CallRecord['groupedBy'];
  /** Attempts in order (the oldest may have left the bounded record). */
  calls: CallRecord[];
  kinds: ClientCallKind[];
  /** `gaps[i]`: ms from the release of attempt i − 1 to the arrival of attempt i; `null` for the first or an overlap. */
  gaps: (number | null)[];
  state: LogicalRequestView['state'];
  /**
   * The client is done with it: it succeeded, or it failed and the client gave up
   * (no new attempt for `settleMs`, or it moved on to another request).
   */
  settled: boolean;
  /** After its last attempt was released, the client sent a call of another request: it moved on. */
  movedOn: boolean;
  question: string;
  examScene: string | null;
}

/** The wait before `next`, given the previous attempt; `null` when they overlapped or the previous one has not ended. */
export function gapBetween(previous: CallRecord, next: CallRecord): number | null {
  const released = releasedAt(previous);
  if (released === null || next.at < released) return null;
  return next.at - released;
}

/**
 * Group a record's calls (in arrival order) into tracks, ordered by logical id.
 * @param now record time now, ms.
 * @param settleMs quiet time after which a failed request has given up.
 */
export function buildTracks(calls: readonly CallRecord[], now: number, settleMs: number): Track[] {
  const byId = new Map<number, CallRecord[]>();
  for (const c of calls) {
    const list = byId.get(c.logical);
    if (list) list.push(c);
    else byId.set(c.logical, [c]);
  }
  const tracks: Track[] = [];
  for (const [id, list] of byId) {
    const kinds = list.map(callKind);
    const gaps = list.map((c, i) => (i === 0 ? null : gapBetween(list[i - 1]!, c)));
    const last = list[list.length - 1]!;
    const lastKind = kinds[kinds.length - 1]!;
    const state: Track['state'] = lastKind === 'ok' ? 'ok' : lastKind === 'pending' ? 'in-flight' : 'failed';
    const released = releasedAt(last);
    // Arrival order is time order, so scanning back from the newest call finds a later one fast.
    let movedOn = false;
    if (released !== null)
      for (let i = calls.length - 1; i >= 0 && calls[i]!.at >= released; i--) {
        if (calls[i]!.logical !== id && calls[i]!.seq > last.seq) {
          movedOn = true;
          break;
        }
      }
    const settled = state === 'ok' || (state === 'failed' && released !== null && (now - released >= settleMs || movedOn));
    tracks.push({ id, groupedBy: last.groupedBy, calls: list, kinds, gaps, state, settled, movedOn, question: list[0]!.question, examScene: list[0]!.examScene });
  }
  return tracks.sort((a, b) => a.id - b.id);
}

/** SDK calls inside a track, from `X-Stainless-Retry-Count` starting over at 0; `null` when no attempt sent the header. */
export function sdkCallsOf(track: Track): number | null {
  const counts = track.calls.map((c) => c.hints.retryCount);
  if (counts.every((n) => n === null)) return null;
  return counts.filter((n) => n === 0 || n === null).length;
}

/** The wire view of one call. */
export function callView(c: CallRecord, kind: ClientCallKind, gapMs: number | null): ClientCallView {
  return {
    seq: c.seq,
    at: c.at,
    answeredAt: c.answeredAt,
    endedAt: c.endedAt,
    method: c.method,
    path: c.path,
    fault: c.fault,
    status: c.status,
    errorCode: c.errorCode,
    kind,
    sentHeaders: { ...c.sentHeaders },
    retryAfterMs: c.retryAfterMs,
    stream: c.stream,
    body: c.body,
    hints: { ...c.hints },
    logical: c.logical,
    attempt: c.attempt,
    gapMs,
    question: c.question,
    examScene: c.examScene,
  };
}

/** The wire view of one track. */
export function logicalView(t: Track): LogicalRequestView {
  return {
    id: t.id,
    groupedBy: t.groupedBy,
    question: t.question,
    calls: t.calls.map((c) => c.seq),
    state: t.state,
    startedAt: t.calls[0]!.at,
    lastAt: t.calls[t.calls.length - 1]!.at,
    sdkCalls: sdkCallsOf(t),
    examScene: t.examScene,
  };
}
