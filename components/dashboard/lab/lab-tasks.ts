/**
 * The guided lab: the lesson's five 课后检验 as tasks checked automatically
 * from the student's own runs. Pure: {@link observe} folds what the page saw
 * into a small, storable {@link LabProgress}; {@link evaluate} says which tasks
 * are met now. A task, once met, stays done (kept in the browser) until the
 * student resets the lab.
 */
import type { BreakerTransition, Policy, RequestRecord, RetryPoint, ScriptStatus, StatsSnapshot } from '@/lib/contract';
import { meetsExpectedStats, SCRIPTS } from '@/lib/scenario/scripts';

/** The five checks, in the lesson's order. */
export const LAB_TASK_IDS = ['t1', 't2', 't3', 't4', 't5'] as const;
export type LabTaskId = (typeof LAB_TASK_IDS)[number];

/** Presets whose primary fault is worth retrying (lesson §1.2): each should end in an answer. */
export const RETRYABLE_PRESETS = [
  'rate-limited',
  'rate-limit-http-date',
  'rate-limit-garbage',
  'server-error',
  'bad-gateway',
  'unavailable',
  'gateway-timeout',
  'timeout',
  'connection-reset',
  'flaky',
  'transient-blip',
  'stream-cut',
] as const;

/** Retryable presets a student must try (task 1). */
export const RETRYABLE_NEEDED = 3;

/** What the lab remembers, in localStorage. Versioned so an old shape is dropped, not misread. */
export interface LabProgress {
  version: 1;
  /** When each task was first met (epoch ms). */
  done: Partial<Record<LabTaskId, number>>;
  /** Per retryable preset: requests answered (any layer) and not answered. */
  retryable: Record<string, { answered: number; unanswered: number }>;
  /** Requests sent under `auth-error`, and whether any of them called the upstream more than once. */
  auth: { requests: number; retried: boolean };
  /** An answer came from the cache / the local model. */
  cache: boolean;
  local: boolean;
}

/** A fresh lab. */
export function emptyProgress(): LabProgress {
  return { version: 1, done: {}, retryable: {}, auth: { requests: 0, retried: false }, cache: false, local: false };
}

/** Read stored progress; anything malformed or of another version is a fresh lab. */
export function parseProgress(text: string | null): LabProgress {
  if (!text) return emptyProgress();
  try {
    const v = JSON.parse(text) as Partial<LabProgress>;
    if (v?.version !== 1 || typeof v.done !== 'object' || typeof v.retryable !== 'object' || typeof v.auth !== 'object' || v.done === null || v.retryable === null || v.auth === null) return emptyProgress();
    const done: LabProgress['done'] = {};
    for (const id of LAB_TASK_IDS) if (typeof v.done[id] === 'number') done[id] = v.done[id];
    const retryable: LabProgress['retryable'] = {};
    for (const id of RETRYABLE_PRESETS) {
      const e = v.retryable[id];
      if (e && typeof e.answered === 'number' && typeof e.unanswered === 'number') retryable[id] = { answered: e.answered, unanswered: e.unanswered };
    }
    return { version: 1, done, retryable, auth: { requests: Number(v.auth.requests) || 0, retried: v.auth.retried === true }, cache: v.cache === true, local: v.local === true };
  } catch {
    return emptyProgress();
  }
}

/** Fold newly seen requests into the progress; `presetId` is the preset the session had when they arrived. */
export function observe(p: LabProgress, records: readonly Pick<RequestRecord, 'source' | 'attempts'>[], presetId: string | null): LabProgress {
  if (records.length === 0) return p;
  const next: LabProgress = { ...p, retryable: { ...p.retryable }, auth: { ...p.auth } };
  for (const r of records) {
    if (r.source === 'cache') next.cache = true;
    if (r.source === 'local') next.local = true;
    if (presetId && (RETRYABLE_PRESETS as readonly string[]).includes(presetId)) {
      const e = next.retryable[presetId] ?? { answered: 0, unanswered: 0 };
      next.retryable[presetId] = r.source === 'error' ? { ...e, unanswered: e.unanswered + 1 } : { ...e, answered: e.answered + 1 };
    }
    if (presetId === 'auth-error') next.auth = { requests: next.auth.requests + 1, retried: next.auth.retried || r.attempts > 1 };
  }
  return next;
}

/** Retryable presets tried so far where every request got an answer. */
export function answeredPresets(p: LabProgress): string[] {
  return Object.entries(p.retryable)
    .filter(([, e]) => e.answered > 0 && e.unanswered === 0)
    .map(([id]) => id);
}

/** True when one request's backoff delays double, at least three of them in a row (task 2). */
export function delaysDouble(retries: readonly Pick<RetryPoint, 'requestId' | 'retry' | 'delayMs' | 'reason' | 'strategy'>[]): boolean {
  const byRequest = new Map<number, number[]>();
  for (const r of retries) {
    if (r.reason !== 'backoff' || r.strategy !== 'exponential') continue;
    const list = byRequest.get(r.requestId) ?? [];
    list[r.retry - 1] = r.delayMs;
    byRequest.set(r.requestId, list);
  }
  for (const delays of byRequest.values()) {
    let run = 1;
    for (let i = 1; i < delays.length; i++) {
      const a = delays[i - 1];
      const b = delays[i];
      run = a !== undefined && b !== undefined && a > 0 && Math.abs(b / a - 2) < 0.01 ? run + 1 : 1;
      if (run >= 3) return true;
    }
  }
  return false;
}

/** True when the breaker opened on at most 3 failures and later closed again by a probe, in one run (task 3). */
export function breakerRecovered(transitions: readonly BreakerTransition[], policy: Policy | undefined): boolean {
  if (!policy || policy.breaker.mode !== 'consecutive' || policy.breaker.failureThreshold > 3) return false;
  const opened = transitions.findIndex((t) => t.from === 'closed' && t.to === 'open');
  if (opened < 0) return false;
  return transitions.slice(opened + 1).some((t) => t.from === 'half-open' && t.to === 'closed');
}

/** What the page knows now, for {@link evaluate}. */
export interface LabView {
  retries: readonly Pick<RetryPoint, 'requestId' | 'retry' | 'delayMs' | 'reason' | 'strategy'>[];
  transitions: readonly BreakerTransition[];
  policy: Policy | undefined;
  script: ScriptStatus | null;
  stats: StatsSnapshot | null;
}

/** Which tasks are met by the progress and the page's current state. */
export function evaluate(p: LabProgress, v: LabView): Record<LabTaskId, boolean> {
  const demo = SCRIPTS['lesson-demo'];
  return {
    t1: answeredPresets(p).length >= RETRYABLE_NEEDED && p.auth.requests > 0 && !p.auth.retried,
    t2: delaysDouble(v.retries),
    t3: breakerRecovered(v.transitions, v.policy),
    t4: p.cache && p.local,
    t5: v.script?.id === 'lesson-demo' && v.script.state === 'done' && v.stats !== null && meetsExpectedStats(demo, v.stats),
  };
}

/** Mark newly met tasks done at `now` (epoch ms). Done tasks stay done. Returns `p` itself when nothing changed. */
export function markDone(p: LabProgress, met: Record<LabTaskId, boolean>, now: number): LabProgress {
  const fresh = LAB_TASK_IDS.filter((id) => met[id] && p.done[id] === undefined);
  if (fresh.length === 0) return p;
  const done = { ...p.done };
  for (const id of fresh) done[id] = now;
  return { ...p, done };
}
