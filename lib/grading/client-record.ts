import type { ClientReport, ExamStatus } from '@/lib/contract';
import { systemClock, type Clock } from '@/lib/resilience/clock';
import { parseRetryAfter } from '@/lib/resilience/retry-after';
import type { CallRecord } from './call-record';
import { ExamRun, idleExamStatus, type ExamDecision } from './exam';
import { EXAM_SCRIPT, type ExamScene } from './exam-script';
import type { BodyFacts } from './fingerprint';
import { groupKeyOf, LogicalGrouper } from './grouping';
import { gradeCalls } from './report';
import { DEFAULT_CALL_CAPACITY, DEFAULT_THRESHOLDS, type GradingThresholds } from './thresholds';
import { buildTracks } from './tracks';

/** Options of {@link ClientRecord}; every field is optional. */
export interface ClientRecordOptions {
  /** Time source; only differences of its `now()` matter. Default {@link systemClock} (real time, what a student's code sleeps in). */
  clock?: Clock;
  /** Epoch ms, for HTTP-date Retry-After headers. Default `Date.now`. */
  wallClock?: () => number;
  /** Calls kept; older ones are dropped first. Default {@link DEFAULT_CALL_CAPACITY}. */
  capacity?: number;
  thresholds?: GradingThresholds;
}

/** What the endpoint knows about a call on arrival. */
export interface Arrival {
  method: string;
  path: string;
  headers: Headers;
  body: BodyFacts;
  /** Who is calling (the API key, hashed or not): two students' identical bodies stay apart. */
  clientKey: string;
}

/** Characters kept of a header hint, so a hostile client cannot bloat the record. */
const HINT_CHARS = 120;
/** Characters of streamed text kept per call (enough to recognise it when quoted). */
const STREAMED_CHARS = 200;
const INTERESTING = ['retry-after', 'retry-after-ms', 'x-should-retry'] as const;
/** How long an unchanged record's card is reused, ms. */
export const REPORT_REUSE_MS = 1000;

const hint = (headers: Headers, name: string) => headers.get(name)?.slice(0, HINT_CHARS) ?? null;

/**
 * One session's record of its student's calls: a bounded ring buffer that
 * belongs to that session only, grouped into logical requests on arrival,
 * graded on demand, and the exam that plays a fixed script to it.
 *
 * The HTTP side (wrapping the request and response) is `lib/sandbox/client-recorder.ts`;
 * this class only takes facts, so tests can drive it with a virtual clock.
 */
export class ClientRecord {
  private clock: Clock;
  private wallClock: () => number;
  private readonly capacity: number;
  readonly thresholds: GradingThresholds;
  private readonly grouper: LogicalGrouper;
  private calls: CallRecord[] = [];
  private seq = 0;
  private droppedCalls = 0;
  private origin: number;
  private exam: ExamRun | null = null;
  /** Bumped by every change, so an unchanged record is not graded twice in a row. */
  private version = 0;
  private cached: { version: number; report: ClientReport } | null = null;

  constructor(options: ClientRecordOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.wallClock = options.wallClock ?? Date.now;
    this.capacity = Math.max(1, Math.floor(options.capacity ?? DEFAULT_CALL_CAPACITY));
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    // As many open groups as calls kept: a group holds its last call, so more would outlive the ring.
    this.grouper = new LogicalGrouper(this.thresholds.groupWindowMs, this.capacity);
    this.origin = this.clock.now();
  }

  /** Record time now: ms since the record started (or was last cleared). */
  now(): number {
    return this.clock.now() - this.origin;
  }

  /** Calls held now. */
  get size(): number {
    return this.calls.length;
  }

  /** The calls held, oldest first (read them, do not change them). */
  get records(): readonly CallRecord[] {
    return this.calls;
  }

  /** Record a call's arrival; returns its record and, during an exam, the fault to serve it. */
  begin(arrival: Arrival): { record: CallRecord; exam: ExamDecision | null } {
    this.version++;
    const h = arrival.headers;
    const retryCount = Number.parseInt(h.get('x-stainless-retry-count') ?? '', 10);
    const record: CallRecord = {
      seq: ++this.seq,
      at: this.now(),
      answeredAt: null,
      endedAt: null,
      method: arrival.method,
      path: arrival.path.slice(0, HINT_CHARS),
      fault: null,
      status: null,
      errorCode: null,
      sentHeaders: {},
      retryAfterMs: null,
      stream: arrival.body.stream,
      body: 'pending',
      bytes: 0,
      clientLeft: false,
      hints: {
        retryCount: Number.isFinite(retryCount) && retryCount >= 0 ? retryCount : null,
        userAgent: hint(h, 'user-agent'),
        idempotencyKey: hint(h, 'idempotency-key'),
        requestId: hint(h, 'x-request-id'),
      },
      logical: 0,
      attempt: 0,
      groupedBy: 'body',
      question: arrival.body.question,
      assistantPrefixes: arrival.body.assistantPrefixes,
      streamedText: '',
      examScene: null,
    };
    const fingerprint = `${arrival.method} ${arrival.path} ${arrival.clientKey} ${arrival.body.hash}`;
    const starts = this.grouper.assign(record, groupKeyOf(record.hints, fingerprint));
    this.calls.push(record);
    if (this.calls.length > this.capacity) {
      this.calls.shift();
      this.droppedCalls++;
    }
    let exam: ExamDecision | null = null;
    if (this.exam?.running) {
      this.exam.update(buildTracks(this.calls, record.at, this.thresholds.settleMs), record.at);
      exam = this.exam.decide(record.logical, record.attempt, starts);
      record.examScene = exam?.scene ?? null;
    }
    return { record, exam };
  }

  /** The fault the upstream picked for the call (the exam's, or the session scenario's). */
  served(record: CallRecord, fault: string | null): void {
    this.version++;
    record.fault = fault;
  }

  /** The status and headers were handed back. Ignored once the client has left. */
  answered(record: CallRecord, status: number, headers: Headers, errorCode: string | null): void {
    this.version++;
    if (record.clientLeft || record.answeredAt !== null) return;
    record.answeredAt = this.now();
    record.status = status;
    record.errorCode = errorCode;
    for (const name of INTERESTING) {
      const value = headers.get(name);
      if (value !== null) record.sentHeaders[name] = value.slice(0, HINT_CHARS);
    }
    // Recorded as asked, however long: the check compares what the client did with it.
    const asked = parseRetryAfter(headers, { now: this.wallClock, maxMs: Number.MAX_SAFE_INTEGER });
    record.retryAfterMs = asked.ok ? asked.ms : null;
  }

  /** Body bytes reached the client; `text` is the stream's delivered text so far, when it is a chat stream. */
  delivered(record: CallRecord, bytes: number, text?: string): void {
    this.version++;
    record.bytes += bytes;
    if (text !== undefined) record.streamedText = Array.from(text).slice(0, STREAMED_CHARS).join('');
  }

  /** The body ended: read to the end, cut by the server, or abandoned by the client. First call wins. */
  ended(record: CallRecord, how: 'complete' | 'cut' | 'abandoned'): void {
    this.version++;
    if (record.body !== 'pending') return;
    record.body = how;
    record.endedAt ??= this.now();
  }

  /** The client disconnected. Before the answer it means the client gave up waiting (its own timeout). */
  left(record: CallRecord): void {
    this.version++;
    if (record.endedAt !== null) return;
    if (record.answeredAt === null) {
      record.clientLeft = true;
      record.endedAt = this.now();
    } else this.ended(record, 'abandoned');
  }

  /**
   * The card as of now, with the exam's progress. Graded from every call held;
   * `calls` limits how many of the newest calls (and their logical requests)
   * are listed. A card asked for again within {@link REPORT_REUSE_MS} with
   * nothing recorded in between is the same card (a class polling the page
   * costs one grading per session per second at most).
   */
  report(options: { calls?: number } = {}): ClientReport {
    const now = this.now();
    if (!this.cached || this.cached.version !== this.version || now - this.cached.report.now >= REPORT_REUSE_MS) {
      if (this.exam) this.exam.update(buildTracks(this.calls, now, this.thresholds.settleMs), now);
      this.cached = { version: this.version, report: { ...gradeCalls(this.calls, now, this.thresholds), dropped: this.droppedCalls, exam: this.examStatus() } };
    }
    const full = this.cached.report;
    const limit = options.calls;
    if (limit === undefined || limit >= full.calls.length) return full;
    const calls = limit > 0 ? full.calls.slice(-limit) : [];
    const shown = new Set(calls.map((c) => c.logical));
    return { ...full, calls, logicalRequests: full.logicalRequests.filter((l) => shown.has(l.id)) };
  }

  /** The exam's progress (idle before the first one). */
  examStatus(): ExamStatus {
    return this.exam?.status() ?? idleExamStatus(EXAM_SCRIPT);
  }

  /** Clear the record and play `script` to the next calls. Replaces a running exam. */
  startExam(script: readonly ExamScene[] = EXAM_SCRIPT): ExamStatus {
    this.version++;
    this.clear();
    this.exam = new ExamRun(script, this.now(), this.thresholds.examQuietMs, this.thresholds.timeoutLimitMs);
    return this.exam.status();
  }

  /** Stop the exam (the session's own scenario applies again); the record stays. */
  stopExam(): ExamStatus {
    this.version++;
    this.exam?.stop();
    return this.examStatus();
  }

  /**
   * Swap the time source (a test's virtual clock, say) and clear the record:
   * times read from two clocks cannot be compared.
   */
  useClock(clock: Clock, wallClock: () => number = this.wallClock): void {
    this.clock = clock;
    this.wallClock = wallClock;
    this.clear();
  }

  /** Forget every call and any exam; record time starts over at 0. */
  clear(): void {
    this.version++;
    this.exam?.stop();
    this.exam = null;
    this.calls = [];
    this.seq = 0;
    this.droppedCalls = 0;
    this.grouper.clear();
    this.origin = this.clock.now();
  }
}
