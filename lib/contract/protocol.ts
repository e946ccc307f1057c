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
import type { ScriptStatus } from './script';
import type { Policy } from './policy';
import type { runRequestSchema } from './requests';
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
  speed: Speed;
  /** Sandbox time now, ms. */
  now: number;
  breaker: BreakerState;
  stats: StatsSnapshot;
  run: RunStatus | null;
  /** The scripted incident of this build of the sandbox, if one was started (absent from older servers). */
  script?: ScriptStatus | null;
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
