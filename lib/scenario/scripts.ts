import type { PolicyPatch } from '@/lib/contract/policy';
import type { Text } from '@/lib/resilience/text';
import { LESSON_QUESTIONS } from './models';
import type { LayerScenario } from './scenario';

/**
 * Scripted incidents as product data: each is a list of steps on *script
 * time* (ms of sandbox time since the script started, pauses excluded). A step
 * sets faults (a preset or explicit rules), patches the policy, starts or stops
 * a load, or asks questions one after another, and carries a caption that the
 * presenter view reads out in the lesson's words.
 *
 * The faults are switched by the player at each step rather than written as
 * `timeline` rules, so pausing a script freezes the incident where it is.
 * Loads send distinct messages unless a step asks for repeats: with the
 * default 5-minute cache, repeated questions would be answered by the cache and
 * the upstream's outage would never be seen (issue 12).
 */

/** Ids of the scripted incidents, in the order the picker lists them. */
export const SCRIPT_IDS = ['outage-then-recovery', 'rate-limit-storm', 'flapping-upstream', 'bad-key-deployed', 'lesson-demo'] as const;
export type ScriptId = (typeof SCRIPT_IDS)[number];

/** Type guard for untrusted strings (query parameters, JSON bodies). */
export function isScriptId(value: unknown): value is ScriptId {
  return typeof value === 'string' && (SCRIPT_IDS as readonly string[]).includes(value);
}

/** Language a script asks its questions in. */
export type ScriptLang = 'zh' | 'en';

/**
 * A load a step starts (replacing the one running) or stops.
 * `rps` is requests per second of sandbox time; `repeats` draws questions from
 * the pool with repeats (so the cache can answer), default false: distinct messages.
 */
export type ScriptLoad = { kind: 'steady'; rps: number; repeats?: boolean } | { kind: 'burst'; count: number; repeats?: boolean } | { kind: 'stop' };

/** One step of a script. Every field but `atMs` and `caption` is optional. */
export interface ScriptStep {
  /** When, in ms of script time (≥ 0, non-decreasing along the script). */
  atMs: number;
  /** What happens, in the lesson's words; shown in the presenter's caption line. */
  caption: Text;
  /** Faults from a scenario preset (both layers, as picking the preset does). */
  presetId?: string;
  /** Explicit fault rules per layer; applied after `presetId`. */
  scenario?: { primary?: LayerScenario; local?: LayerScenario };
  /** Policy fields this step needs (e.g. the cache on for the lesson's demo). Everything else stays the student's. */
  policy?: PolicyPatch;
  /** Start or stop a load. */
  load?: ScriptLoad;
  /** Questions sent one after another, each waiting for the previous answer (the lesson's `test_cases`). */
  ask?: readonly Text[];
}

/** The lesson demo's stats, as its `get_stats()` prints them after the four questions. */
export interface LessonStats {
  total_requests: number;
  successful_requests: number;
  failed_requests: number;
  cache_hits: number;
  circuit_breaker_trips: number;
  /** 0–1. */
  success_rate: number;
  /** 0–1. */
  cache_hit_rate: number;
}

/** A named scripted incident. */
export interface Script {
  id: ScriptId;
  name: Text;
  description: Text;
  steps: readonly ScriptStep[];
  /** What the stats read when the script is done, if the script promises it (the lesson's demo). */
  expectedStats?: LessonStats;
}

/** The lesson's three demo questions in English, for an English class. */
export const LESSON_QUESTIONS_EN = ['What is Python?', 'What is Java?', 'What is Go?'] as const;

const q = (i: number): Text => ({ zh: LESSON_QUESTIONS[i]!, en: LESSON_QUESTIONS_EN[i]! });
const s = (seconds: number) => seconds * 1000;

const SCRIPTS_LIST = [
  {
    id: 'outage-then-recovery',
    name: { zh: '宕机后恢复', en: 'Outage then recovery' },
    description: {
      zh: '稳定负载下，上游在第 10–40 秒返回 503：熔断器打开 → 半开 → 闭合。',
      en: 'Under a steady load the upstream answers 503 from 10 s to 40 s: the breaker opens, probes and closes.',
    },
    steps: [
      { atMs: 0, presetId: 'healthy', load: { kind: 'steady', rps: 5 }, caption: { zh: '上游正常；稳定负载每秒 5 个请求，每个问题都不同（缓存帮不上忙）', en: 'Upstream healthy; a steady 5 requests/s, every question different (the cache cannot help)' } },
      { atMs: s(10), presetId: 'unavailable', caption: { zh: '第 10 秒：上游宕机，每次调用都返回 503', en: 't = 10 s: the upstream goes down, every call gets a 503' } },
      { atMs: s(40), presetId: 'healthy', caption: { zh: '第 40 秒：上游恢复；熔断器打开满 30 秒后放一个试探请求', en: 't = 40 s: the upstream recovers; the breaker lets a probe through once it has been open 30 s' } },
      { atMs: s(80), load: { kind: 'stop' }, caption: { zh: '第 80 秒：停止负载，剧本结束', en: 't = 80 s: the load stops; end of the script' } },
    ],
  },
  {
    id: 'rate-limit-storm',
    name: { zh: '限流风暴', en: 'Rate-limit storm' },
    description: {
      zh: '第 5–30 秒 70% 的调用返回 429（Retry-After 2 秒）：遵守 Retry-After 的重试都等 2 秒。',
      en: 'From 5 s to 30 s, 70% of calls get a 429 with Retry-After: 2 s: retries that honour it all wait 2 s.',
    },
    steps: [
      { atMs: 0, presetId: 'healthy', load: { kind: 'steady', rps: 8 }, caption: { zh: '上游正常；稳定负载每秒 8 个请求', en: 'Upstream healthy; a steady 8 requests/s' } },
      {
        atMs: s(5),
        scenario: { primary: { rules: [{ fault: 'rate-limit', mode: { kind: 'probability', p: 0.7 } }] }, local: { rules: [] } },
        caption: { zh: '第 5 秒：限流风暴，70% 的调用返回 429，Retry-After 2 秒', en: 't = 5 s: a rate-limit storm, 70% of calls get a 429 with Retry-After: 2 s' },
      },
      { atMs: s(30), presetId: 'healthy', caption: { zh: '第 30 秒：限流解除', en: 't = 30 s: the rate limit lifts' } },
      { atMs: s(45), load: { kind: 'stop' }, caption: { zh: '第 45 秒：停止负载，剧本结束', en: 't = 45 s: the load stops; end of the script' } },
    ],
  },
  {
    id: 'flapping-upstream',
    name: { zh: '上游反复抖动', en: 'Flapping upstream' },
    description: {
      zh: '上游每 8 秒在正常和 503 之间切换；熔断时长设为 5 秒，熔断器跟着反复开合。',
      en: 'The upstream flips between healthy and 503 every 8 s; with a 5 s open period the breaker opens and closes with it.',
    },
    steps: [
      {
        atMs: 0,
        presetId: 'healthy',
        policy: { breaker: { openMs: 5000 } },
        load: { kind: 'steady', rps: 5 },
        caption: { zh: '熔断时长设为 5 秒；上游正常，稳定负载每秒 5 个请求', en: 'Breaker open period set to 5 s; upstream healthy, a steady 5 requests/s' },
      },
      ...[8, 24, 40].flatMap((t) => [
        { atMs: s(t), presetId: 'unavailable', caption: { zh: `第 ${t} 秒：上游又挂了（503）`, en: `t = ${t} s: the upstream is down again (503)` } },
        { atMs: s(t + 8), presetId: 'healthy', caption: { zh: `第 ${t + 8} 秒：上游恢复`, en: `t = ${t + 8} s: the upstream is back` } },
      ]),
      { atMs: s(60), load: { kind: 'stop' }, caption: { zh: '第 60 秒：停止负载，剧本结束', en: 't = 60 s: the load stops; end of the script' } },
    ],
  },
  {
    id: 'bad-key-deployed',
    name: { zh: '上线了错误的密钥', en: 'Bad key deployed' },
    description: {
      zh: '第 10–30 秒上游返回 401：永久错误，不重试，直接降级；回滚密钥后恢复。',
      en: 'From 10 s to 30 s the upstream answers 401: a permanent error, never retried, straight to the fallbacks; rolling the key back recovers.',
    },
    steps: [
      { atMs: 0, presetId: 'healthy', load: { kind: 'steady', rps: 3 }, caption: { zh: '上游正常；稳定负载每秒 3 个请求', en: 'Upstream healthy; a steady 3 requests/s' } },
      { atMs: s(10), presetId: 'auth-error', caption: { zh: '第 10 秒：上线了错误的 API 密钥，401 不可重试：不重试，直接降级', en: 't = 10 s: a bad API key is deployed; a 401 is not retryable: no retries, straight to the fallbacks' } },
      { atMs: s(30), presetId: 'healthy', caption: { zh: '第 30 秒：回滚密钥，调用恢复正常', en: 't = 30 s: the key is rolled back, calls succeed again' } },
      { atMs: s(60), load: { kind: 'stop' }, caption: { zh: '第 60 秒：停止负载，剧本结束', en: 't = 60 s: the load stops; end of the script' } },
    ],
  },
  {
    id: 'lesson-demo',
    name: { zh: '课程演示：robust_ai_service.py', en: 'The lesson’s demo: robust_ai_service.py' },
    description: {
      zh: '课程演示的四个问题（第二个重复，测试缓存），最后的统计与课程一致：成功率 75.00%，缓存命中率 25.00%。',
      en: 'The demo’s four questions (the second repeats the first, to test the cache); the stats end as in the lesson: success rate 75.00%, cache-hit rate 25.00%.',
    },
    steps: [
      {
        atMs: 0,
        presetId: 'healthy',
        policy: { cache: { enabled: true } },
        ask: [q(0), q(0), q(1), q(2)],
        caption: { zh: '课程演示：依次问 4 个问题，第二个与第一个相同（测试缓存）', en: 'The lesson’s demo: four questions in turn, the second the same as the first (to test the cache)' },
      },
    ],
    expectedStats: {
      total_requests: 4,
      successful_requests: 3,
      failed_requests: 0,
      cache_hits: 1,
      circuit_breaker_trips: 0,
      success_rate: 0.75,
      cache_hit_rate: 0.25,
    },
  },
] satisfies (Omit<Script, 'steps'> & { steps: ScriptStep[] })[];

/** Every script, by id. */
export const SCRIPTS: Readonly<Record<ScriptId, Script>> = Object.fromEntries(SCRIPTS_LIST.map((sc) => [sc.id, sc as Script])) as Record<ScriptId, Script>;

/** The scripts in picker order. */
export const SCRIPT_LIST: readonly Script[] = SCRIPT_IDS.map((id) => SCRIPTS[id]);

/** The script with this id, or `undefined` for an unknown id. */
export function getScript(id: string): Script | undefined {
  return isScriptId(id) ? SCRIPTS[id] : undefined;
}

/** Script time of the last step, in ms: how long the script plays (its last questions may take a little longer). */
export function scriptLengthMs(script: Script): number {
  return script.steps.reduce((m, st) => Math.max(m, st.atMs), 0);
}

/** Whether `stats` are exactly what `script` promises (true for a script that promises nothing). */
export function meetsExpectedStats(script: Script, stats: LessonStats): boolean {
  const e = script.expectedStats;
  if (!e) return true;
  return (Object.keys(e) as (keyof LessonStats)[]).every((k) => Math.abs(stats[k] - e[k]) < 1e-9);
}
