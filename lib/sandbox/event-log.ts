import { EXPORT_MESSAGE_CHARS, type ExportRow, type SandboxEvent } from '@/lib/contract';
import type { Disposable, Event } from '@/lib/resilience/events';

/** Rows one session keeps for its export. Default 2 000: an 80 s incident at 5 requests/s is ~1 500, and 500 sessions full stay under ~300 MB. */
export const EVENT_LOG_MAX_ROWS = 2000;

/**
 * The current build's events as export rows, for `GET /api/session/export`.
 * It subscribes to the session's own event stream (no second bookkeeping
 * path), starts afresh with every build (a reset, a new seed, a script start),
 * keeps at most `maxRows` (the oldest go first, counted in `dropped`) and
 * stores rows, not records: no traces, no answers, messages cut to 200 characters.
 */
export class EventLog {
  private rows: ExportRow[] = [];
  private generation = -1;
  private seq = 0;
  /** The script step logged last (`id#index`): a step is logged once, though several statuses carry it. */
  private lastStep: string | undefined;
  /** Rows dropped from the front since this build started. */
  dropped = 0;
  private readonly subscription: Disposable;

  /**
   * @param events the session's event stream.
   * @param generation the session's build number now: a change starts a new log.
   * @param maxRows default {@link EVENT_LOG_MAX_ROWS}.
   */
  constructor(
    events: Event<SandboxEvent>,
    private readonly currentGeneration: () => number,
    private readonly maxRows = EVENT_LOG_MAX_ROWS,
  ) {
    this.subscription = events((e) => this.add(e));
  }

  /** This build's rows, oldest first, ordered by sandbox time (ties keep arrival order). */
  snapshot(): ExportRow[] {
    this.sync();
    return this.rows.slice().sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Stop listening. */
  dispose(): void {
    this.subscription.dispose();
  }

  private sync(): void {
    const g = this.currentGeneration();
    if (g === this.generation) return;
    this.generation = g;
    this.rows = [];
    this.seq = 0;
    this.dropped = 0;
    this.lastStep = undefined;
  }

  private add(e: SandboxEvent): void {
    const row = toRow(e);
    if (!row) return;
    this.sync();
    if (row.type === 'script') {
      if (row.reason === this.lastStep) return;
      this.lastStep = row.reason;
    }
    this.rows.push({ seq: ++this.seq, ...row });
    if (this.rows.length > this.maxRows + Math.ceil(this.maxRows / 10)) {
      const extra = this.rows.length - this.maxRows;
      this.rows.splice(0, extra);
      this.dropped += extra;
    }
  }
}

/** One event as a row (without its `seq`), or `undefined` for events that are not part of the run's story. */
export function toRow(e: SandboxEvent): Omit<ExportRow, 'seq'> | undefined {
  switch (e.type) {
    case 'request': {
      const r = e.request;
      return {
        at: r.endedAt,
        type: 'request',
        requestId: r.id,
        message: Array.from(r.message).slice(0, EXPORT_MESSAGE_CHARS).join(''),
        source: r.source,
        attempts: r.attempts,
        startedAt: r.startedAt,
        latencyMs: r.latencyMs,
      };
    }
    case 'retry':
      return { at: e.retry.at, type: 'retry', requestId: e.retry.requestId, retry: e.retry.retry, delayMs: e.retry.delayMs, reason: e.retry.reason, formula: e.retry.formula };
    case 'breaker': {
      const t = e.transition;
      return { at: t.at, type: 'breaker', from: t.from, to: t.to, reason: t.reason.code, detailZh: t.reason.zh, detailEn: t.reason.en };
    }
    case 'script': {
      const last = e.script.last;
      // Only the steps: play/pause states are the instructor's clicks, not the run.
      if (!last || e.script.state === 'paused' || e.script.state === 'stopped') return undefined;
      return { at: last.at, type: 'script', reason: `${e.script.id}#${last.index}`, detailZh: last.caption.zh, detailEn: last.caption.en };
    }
    default:
      return undefined;
  }
}
