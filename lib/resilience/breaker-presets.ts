import type { CircuitBreakerOptions } from './breaker-options';
import type { Text } from './text';

export const BREAKER_PRESET_IDS = ['conservative', 'recommended', 'aggressive', 'lesson-demo'] as const;
export type BreakerPresetId = (typeof BREAKER_PRESET_IDS)[number];

/** A named breaker configuration for the UI's preset picker. */
export interface BreakerPreset {
  id: BreakerPresetId;
  name: Text;
  description: Text;
  /** Options for `new CircuitBreaker(...)`; anything not listed keeps the breaker's default. */
  options: Readonly<CircuitBreakerOptions>;
  /** Where the numbers come from. */
  source: string;
}

/**
 * The lesson's three presets (§最佳实践 3, `failure_threshold` and `timeout`),
 * plus the setting its demo service actually uses. Consecutive-failure mode,
 * one probe at a time, one success closes — only the two numbers differ.
 */
export const BREAKER_PRESETS: Readonly<Record<BreakerPresetId, BreakerPreset>> = {
  conservative: {
    id: 'conservative',
    name: { zh: '保守配置', en: 'Conservative' },
    description: {
      zh: '10 次连续失败才熔断，熔断 120 秒：避免误熔断，但故障时多挨几次失败。',
      en: 'Opens after 10 failures in a row, stays open 120 s: few false trips, more failures before it acts.',
    },
    options: { failureThreshold: 10, openMs: 120_000 },
    source: 'lesson 19, 最佳实践 §3 保守配置',
  },
  recommended: {
    id: 'recommended',
    name: { zh: '推荐配置', en: 'Recommended' },
    description: {
      zh: '5 次连续失败熔断，熔断 60 秒：课程推荐的折中。',
      en: 'Opens after 5 failures in a row, stays open 60 s: the lesson’s recommended middle ground.',
    },
    options: { failureThreshold: 5, openMs: 60_000 },
    source: 'lesson 19, 最佳实践 §3 推荐配置',
  },
  aggressive: {
    id: 'aggressive',
    name: { zh: '激进配置', en: 'Aggressive' },
    description: {
      zh: '3 次连续失败即熔断，30 秒后试探：快速止损，但偶发抖动也可能触发。',
      en: 'Opens after 3 failures in a row, probes after 30 s: cuts losses fast, but a brief blip can trip it.',
    },
    options: { failureThreshold: 3, openMs: 30_000 },
    source: 'lesson 19, 最佳实践 §3 激进配置',
  },
  'lesson-demo': {
    id: 'lesson-demo',
    name: { zh: '课程演示配置', en: 'Lesson demo' },
    description: {
      zh: 'robust_ai_service.py 的简化熔断器：failure_threshold=3，timeout=30，一次成功即恢复。',
      en: 'The demo’s simplified breaker in robust_ai_service.py: failure_threshold=3, timeout=30, one success closes.',
    },
    options: lessonSimplifiedBreaker({ failureThreshold: 3, openMs: 30_000 }),
    source: 'lesson 19, Demo `CircuitBreaker(failure_threshold=3, timeout=30)`',
  },
};

/** A preset's options with `overrides` (a clock, `isFailure`, …) on top. */
export function breakerPresetOptions(id: BreakerPresetId, overrides: CircuitBreakerOptions = {}): CircuitBreakerOptions {
  return { ...BREAKER_PRESETS[id].options, ...overrides };
}

/** How other libraries' breakers decide to open, with their defaults, for the comparison table. */
export interface LibraryBreakerDefaults {
  library: string;
  /** What trips it. */
  trigger: 'consecutive' | 'failure-rate' | 'configurable';
  /** Failure ratio that opens it, 0..1, when it has a default. */
  failureRateThreshold?: number;
  /** Failures in a row that open it, when it has a default. */
  consecutiveFailures?: number;
  /** What the rate is measured over. */
  window: Text;
  /** Calls needed in the window before it may open. */
  minimumCalls?: number;
  /** Default time open before half-open, in ms. */
  openMs?: number;
  /** Trial calls allowed while half-open; `'unlimited'` when nothing limits them. */
  halfOpenCalls?: number | 'unlimited';
  note: Text;
}

/** Defaults elsewhere (project REFERENCE §5), plus the lesson's own breaker for contrast. */
export const LIBRARY_BREAKER_DEFAULTS: readonly LibraryBreakerDefaults[] = [
  {
    library: 'Lesson 19 §4.2',
    trigger: 'consecutive',
    consecutiveFailures: 5,
    window: { zh: '最近 10 次调用（仅用于清零计数）', en: 'last 10 calls (only used to clear the count)' },
    openMs: 60_000,
    halfOpenCalls: 'unlimited',
    note: { zh: '半开需 2 次成功才恢复；不限制试探数量。', en: 'Needs 2 half-open successes to close; never limits probes.' },
  },
  {
    library: 'Hystrix',
    trigger: 'failure-rate',
    failureRateThreshold: 0.5,
    window: { zh: '10 秒滚动时间窗', en: '10 s rolling time window' },
    minimumCalls: 20,
    openMs: 5_000,
    note: { zh: '窗口内至少 20 个请求才判断。', en: 'Needs 20 requests in the window before judging.' },
  },
  {
    library: 'resilience4j',
    trigger: 'failure-rate',
    failureRateThreshold: 0.5,
    window: { zh: '最近 100 次调用', en: 'last 100 calls' },
    minimumCalls: 100,
    openMs: 60_000,
    halfOpenCalls: 10,
    note: { zh: '半开时允许 10 次试探调用。', en: 'Allows 10 trial calls while half-open.' },
  },
  {
    library: 'Polly v8',
    trigger: 'failure-rate',
    failureRateThreshold: 0.1,
    window: { zh: '30 秒采样时间窗', en: '30 s sampling window' },
    minimumCalls: 100,
    openMs: 5_000,
    note: { zh: '失败比例 10% 即熔断，但需要 100 的最小吞吐。', en: 'Trips at 10% failures, but needs a minimum throughput of 100.' },
  },
  {
    library: 'opossum',
    trigger: 'failure-rate',
    failureRateThreshold: 0.5,
    window: { zh: '10 秒滚动时间窗', en: '10 s rolling window' },
    openMs: 30_000,
    halfOpenCalls: 1,
    note: { zh: '半开时只放行一次试探。', en: 'One trial call when half-open.' },
  },
  {
    library: 'cockatiel',
    trigger: 'configurable',
    window: { zh: '取决于所选 breaker', en: 'depends on the breaker chosen' },
    note: {
      zh: 'ConsecutiveBreaker(n)、CountBreaker、SamplingBreaker 三选一；halfOpenAfter 必填（毫秒或退避策略）。',
      en: 'Pick ConsecutiveBreaker(n), CountBreaker or SamplingBreaker; halfOpenAfter is required (ms or a backoff).',
    },
  },
];

/**
 * The lesson's full breaker (§4.2): failure_threshold=5, success_threshold=2,
 * timeout=60 s, window_size=10. Differences, on purpose:
 * - Half-open admits one probe at a time; the lesson admits every call.
 * - The lesson resets its failure count only when the whole window is clean, so
 *   its count is neither consecutive nor a rate; we offer both standard readings
 *   (`mode`), and the window drives `'failure-rate'`.
 */
export function lessonFullBreaker(overrides: CircuitBreakerOptions = {}): CircuitBreakerOptions {
  return { mode: 'consecutive', failureThreshold: 5, successThreshold: 2, openMs: 60_000, windowSize: 10, halfOpenMaxProbes: 1, ...overrides };
}

/**
 * The demo's simplified breaker: failure_threshold=5, timeout=60 s, one success
 * closes (the demo service itself uses 3 and 30 s). Fixed here:
 * - Its `(now - last).seconds > timeout` reads only the seconds part of a
 *   timedelta (0–86 399), ignoring days; we compare full milliseconds.
 * - Its failure count is never reset on success, so scattered failures add up
 *   forever; ours counts failures in a row.
 * - It never limits half-open calls; we allow one probe at a time.
 */
export function lessonSimplifiedBreaker(overrides: CircuitBreakerOptions = {}): CircuitBreakerOptions {
  return { mode: 'consecutive', failureThreshold: 5, successThreshold: 1, openMs: 60_000, halfOpenMaxProbes: 1, ...overrides };
}
