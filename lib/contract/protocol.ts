/**
 * The wire contract between the sandbox's route handlers and the dashboard.
 * Types only: both the server and client components import from here, so
 * there is exactly one description of every payload.
 */
import type { BackoffId } from '@/lib/resilience/backoff';
import type { BreakerState, BreakerStateKind, BreakerTransition } from '@/lib/resilience/circuit-breaker';
import type { ErrorKind } from '@/lib/resilience/classify';
import type { GiveUpReason } from '@/lib/resilience/retry';
import type { AnswerSource, StatsSnapshot } from '@/lib/resilience/stats';
import type { Text } from '@/lib/resilience/text';
import type { Scenario } from '@/lib/scenario/scenario';
import type { Speed } from './limits';
import type { RoomMembership } from './room';
import type { ScriptStatus } from './script';
import type { Policy } from './policy';
import type { examRequestSchema, runRequestSchema } from './requests';
import type { sessionUpdateSchema } from './session-update';
import type { z } from 'zod';

export type { GiveUpReason, AnswerSource, StatsSnapshot, BreakerState, BreakerStateKind, BreakerTransition, Policy, Scenario, BackoffId, ErrorKind, Speed, Text };

/** Which layer of the lesson's chain a trace step belongs to. */
export type Layer = 'cache' | 'primary' | 'local' | 'canned';

/** The error of one failed attempt, as classified by lib/resilience/classify. */
export interface TraceError {
  kind: ErrorKind;
  status?: number;
  code?: string;
  /** The openai SDK class a student would catch, e.g. `RateLimitError`. */
  sdkClass: string;
  message: string;
  retryable: boolean;
  why: Text;
}

/** One step of a request's waterfall. `at` is sandbox ms since the session's clock started. */
export type TraceStep =
  | { type: 'cache'; at: number; layer: 'cache'; hit: boolean }
  | { type: 'attempt'; at: number; layer: 'primary' | 'local'; attempt: number; durationMs: number; ok: boolean; error?: TraceError; breaker: BreakerStateKind }
  | {
      type: 'retry';
      at: number;
      layer: 'primary';
      attempt: number;
      delayMs: number;
      reason: 'backoff' | 'retry-after';
      /** e.g. `min(60, 1·2²) × (0.5 + 0.37) = 3.48 s` or `Retry-After: 2 s → 2 s`. */
      formula: string;
      breaker: BreakerStateKind;
    }
  | { type: 'give-up'; at: number; layer: 'primary'; reason: GiveUpReason; breaker: BreakerStateKind }
  /**
   * A call the SDK's own retry loop made under one of the service's attempts
   * (`n` ≥ 1 is a hidden retry): the layered retries a log never shows.
   */
  | { type: 'sdk-call'; at: number; layer: 'primary'; attempt: number; n: number; status?: number; retryInMs?: number }
  | { type: 'breaker-rejected'; at: number; layer: 'primary'; breaker: BreakerStateKind }
  | { type: 'skipped'; at: number; layer: Layer; why: 'disabled' }
  | { type: 'answer'; at: number; layer: Layer; source: AnswerSource };

/** A finished request, as shown in the inspector and counted in the charts. */
export interface RequestRecord {
  /** Sequence number within the session, from 1. */
  id: number;
  message: string;
  source: AnswerSource;
  content: string;
  startedAt: number;
  endedAt: number;
  latencyMs: number;
  /** Calls the primary layer made to the upstream for this request (0 on a cache hit or an open breaker). */
  attempts: number;
  /** Calls that reached the primary's upstream, the SDK's hidden retries included: `attempts` × up to (1 + sdkMaxRetries). */
  upstreamCalls: number;
  trace: TraceStep[];
  runId?: string;
}

/** A retry the service scheduled, for the retry-delay scatter. */
export interface RetryPoint {
  requestId: number;
  at: number;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  reason: 'backoff' | 'retry-after';
  strategy: BackoffId;
  /** Theoretical [min, max] of the strategy for this retry, in ms. */
  envelope: [number, number];
  formula: string;
  errorKind: ErrorKind;
  status?: number;
}

export interface RunStatus {
  id: string;
  /** Increases with every run started in this server: the page keeps the run with the largest. */
  seq: number;
  kind: 'burst' | 'steady';
  state: 'running' | 'done' | 'stopped';
  /** Requests started / finished so far. */
  sent: number;
  completed: number;
  /** Burst size, when a burst. */
  total?: number;
  /** Requests per second of sandbox time, when steady. */
  rps?: number;
}

/** What the dashboard knows about its session. */
export interface SessionView {
  id: string;
  /** Build of this session's sandbox: a reset or a new seed starts the next one, from sandbox time 0. */
  generation: number;
  /** Path of this session's OpenAI-compatible fault endpoint, e.g. `/api/sandbox/<id>/v1`. */
  baseUrlPath: string;
  mode: 'sandbox' | 'real';
  /** True when the server has OPENAI_API_KEY set, so real mode can be switched on. */
  realAvailable: boolean;
  presetId: string | null;
  scenario: Scenario;
  policy: Policy;
  /** The speed asked for. */
  speed: Speed;
  /** The speed sandbox time really ran at over the last ~2 s: lower than `speed` when the server is saturated. */
  achievedSpeed: number;
  /** Sandbox time is paused (PUT /api/session `{ paused: true }`, or a paused script). */
  paused: boolean;
  /** Sandbox time now, ms. */
  now: number;
  breaker: BreakerState;
  stats: StatsSnapshot;
  run: RunStatus | null;
  /** The scripted incident of this build of the sandbox, if one was started (absent from older servers). */
  script?: ScriptStatus | null;
  /** The classroom room this session is in (issue 13): while set, its faults, speed and clock are the room's. */
  room?: RoomMembership | null;
}

/** Everything the server pushes on `GET /api/events` (server-sent events, one JSON object per `data:` line). */
export type SandboxEvent =
  | { type: 'session'; session: SessionView }
  | { type: 'request'; request: RequestRecord; stats: StatsSnapshot }
  | { type: 'retry'; retry: RetryPoint }
  | { type: 'breaker'; transition: BreakerTransition }
  | { type: 'run'; run: RunStatus }
  /** A scripted incident started, fired a step, paused, resumed or ended. */
  | { type: 'script'; script: ScriptStatus }
  /** This page read too slowly and `count` events were dropped; a fresh `session` event follows. */
  | { type: 'dropped'; count: number };

/** `POST /api/chat` response. */
export interface ChatResponse {
  source: AnswerSource;
  content: string;
  trace: TraceStep[];
  breaker: BreakerState;
  stats: StatsSnapshot;
  request: RequestRecord;
}

/** Body of `PUT /api/session`; every field optional. Derived from the route's own schema, so the two cannot drift. */
export type SessionUpdate = z.input<typeof sessionUpdateSchema>;

/** Body of `POST /api/runs`. */
export type RunRequest = z.input<typeof runRequestSchema>;

/** Every error response: `{ error: { message, issues? } }` with a 4xx status. */
export interface ApiErrorBody {
  error: { message: string; issues?: { path: string; message: string }[] };
}

/** One per-minute rate window, as the `x-ratelimit-*` headers report it. */
export interface RateLimitView {
  limitRequests: number;
  remainingRequests: number;
  limitTokens: number;
  remainingTokens: number;
  /** Ms of sandbox time until the window resets. */
  resetMs: number;
}

/**
 * `GET /api/sandbox/{scenario}/ratelimit`: the rate windows of a scenario, for
 * the dashboard's gauge. `enforced` when the primary layer has a
 * `rate-limit-window` rule; otherwise the limits are only advertised.
 */
export interface RateLimitReport {
  enforced: boolean;
  /** The window of `/api/sandbox/{scenario}/v1` (a student's own client). */
  endpoint: RateLimitView;
  /** The window the dashboard's own requests count against, when the session exposes it. */
  primary: RateLimitView | null;
}

// ── The report card of a student's own client (GET /api/session/client-report, issue 11) ──

/** Ids of the report card's checks, in the order the card lists them. */
export type ClientCheckId =
  | 'honours-retry-after'
  | 'no-retry-on-permanent'
  | 'backoff-grows'
  | 'jitter'
  | 'bounded-attempts'
  | 'stops-on-quota'
  | 'times-out'
  | 'detects-cut-stream'
  | 'layered-retries';

/** A check's verdict: `unobserved` until the student's code met the situation the check is about. */
export type ClientVerdict = 'pass' | 'fail' | 'unobserved';

/** Why a check decided what it did, in both languages, pointing at the calls it read. */
export interface ClientEvidence {
  /** One sentence: the verdict's reason. */
  summary: Text;
  /** One line per observation (a logical request, a gap, a header), at most a dozen. */
  details: Text[];
  /** `seq` numbers of the calls the details mention. */
  calls: number[];
  /** When `unobserved`: what to run so the check can decide. */
  toObserve?: Text;
}

/** One line of the report card. */
export interface ClientCheck {
  id: ClientCheckId;
  verdict: ClientVerdict;
  /** The check's name. */
  title: Text;
  /** How it is decided, with its thresholds. */
  rule: Text;
  evidence: ClientEvidence;
}

/**
 * What one call turned out to be, from the server's side:
 * `pending` (no answer yet), `ok`, an HTTP error by class, `reset` (the connection
 * died before any byte), `broken-stream` (cut, truncated or an error event after a 200),
 * or `client-left` (the client disconnected before the answer: its own timeout).
 */
export type ClientCallKind = 'pending' | 'ok' | 'retryable' | 'permanent' | 'quota' | 'other-error' | 'reset' | 'broken-stream' | 'client-left';

/** One HTTP call the session's endpoint received. Times are ms since the record started (real time). */
export interface ClientCallView {
  /** Arrival order in this session's record, from 1. */
  seq: number;
  at: number;
  /** When the status and headers were handed back; `null` when none was (the client left first). */
  answeredAt: number | null;
  /** When the exchange ended: body read to the end, cut, abandoned, or the client left. */
  endedAt: number | null;
  method: string;
  path: string;
  /** The fault the sandbox injected, `null` for a healthy answer. */
  fault: string | null;
  /** HTTP status sent; `null` when the client never got one. */
  status: number | null;
  /** `error.code` (or `error.type`) of an error body, e.g. `insufficient_quota`. */
  errorCode: string | null;
  kind: ClientCallKind;
  /** The interesting response headers the server sent: retry-after, retry-after-ms, x-should-retry. */
  sentHeaders: Record<string, string>;
  /** What the server asked the client to wait, in ms (retry-after-ms first, then Retry-After); `null` when it asked nothing usable. */
  retryAfterMs: number | null;
  /** The request asked for `stream: true`. */
  stream: boolean;
  /** How far the response body got: read to the end, cut by the server, abandoned by the client, still flowing. */
  body: 'complete' | 'cut' | 'abandoned' | 'pending';
  /** The client's own hints, when it sent them. */
  hints: { retryCount: number | null; userAgent: string | null; idempotencyKey: string | null; requestId: string | null };
  /** The logical request this call belongs to, and its attempt number in it (from 1). */
  logical: number;
  attempt: number;
  /** Wait before this attempt: from the previous attempt's answer (or end) to this arrival, ms. `null` on a first attempt or an overlap. */
  gapMs: number | null;
  /** The last user message, shortened, to recognise the call. */
  question: string;
  /** The exam scene that chose this call's fault, when an exam was running. */
  examScene: string | null;
}

/** Calls grouped into one logical request: its first attempt and every retry of it. */
export interface LogicalRequestView {
  id: number;
  /** What tied the calls together: an explicit header, or the same body within a short window. */
  groupedBy: 'idempotency-key' | 'x-request-id' | 'body';
  question: string;
  /** `seq` of each attempt, in order. */
  calls: number[];
  /** Its state after the last attempt: answered, failed (so far), or still in flight. */
  state: 'ok' | 'failed' | 'in-flight';
  startedAt: number;
  lastAt: number;
  /** SDK-level calls inside it, counted from `X-Stainless-Retry-Count` going back to 0; `null` without that header. */
  sdkCalls: number | null;
  examScene: string | null;
}

/** One scene of the graded exam: the faults one logical request meets. */
export interface ExamSceneView {
  id: string;
  title: Text;
  /** Played to the logical request `logical`; done when that request settled. */
  state: 'waiting' | 'playing' | 'done';
  logical: number | null;
  /** The checks this scene gives evidence for. */
  checks: ClientCheckId[];
}

/** The graded exam's progress (`POST /api/session/exam`). */
export interface ExamStatus {
  state: 'idle' | 'running' | 'finished' | 'stopped';
  /** Record time the exam started, ms. */
  startedAt: number | null;
  scenes: ExamSceneView[];
  /** Scenes done so far. */
  done: number;
  /** What the student should do next. */
  hint: Text;
}

/** `GET /api/session/client-report`: the card, and the calls and logical requests it was read from. */
export interface ClientReport {
  checks: ClientCheck[];
  calls: ClientCallView[];
  logicalRequests: LogicalRequestView[];
  /** Record time now, ms (the card is as of this moment). */
  now: number;
  /** Calls dropped from the bounded record (oldest first). */
  dropped: number;
  exam: ExamStatus;
}

/** Body of `POST /api/session/exam`. */
export type ExamRequest = z.input<typeof examRequestSchema>;
