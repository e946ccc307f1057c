import { recordingRandom, type Random } from './random';

/**
 * Backoff strategies as pure functions `(attempt, previousDelayMs, random) → delayMs`.
 *
 * `attempt` is the 0-based retry index: the first retry uses 0, so the lesson's
 * exponential backoff (§3.2) gives base·2⁰, base·2¹, … = 1, 2, 4, 8, 16 s.
 * Brooker's simulator counts from n = 1 and passes its own n.
 * Every strategy is capped by `capMs` — including the lesson's jitter, which is not.
 */
export type BackoffFn = (attempt: number, previousDelayMs: number, random: Random) => number;

/** Ids of the strategies the sandbox can compare. */
export const BACKOFF_IDS = [
  'none',
  'constant',
  'exponential',
  'lesson-additive',
  'lesson-multiplicative',
  'full',
  'equal',
  'decorrelated',
  'openai-sdk',
] as const;
export type BackoffId = (typeof BACKOFF_IDS)[number];

/** Options shared by every strategy. */
export interface BackoffOptions {
  /** First delay / scale in ms. Default 1000 (the lesson's 1 s). */
  baseMs: number;
  /** Upper bound on any delay in ms. Default 60 000 (the lesson's `max_delay=60`). */
  capMs: number;
}

export const DEFAULT_BACKOFF_OPTIONS: BackoffOptions = { baseMs: 1000, capMs: 60_000 };

/** A delay together with how it was computed, for the dashboard's "why this delay". */
export interface BackoffExplanation {
  delayMs: number;
  /** Human-readable arithmetic, e.g. `min(60, 1·2²) × 0.87 = 3.48 s`. */
  formula: string;
  inputs: { attempt: number; baseMs: number; capMs: number; previousDelayMs: number; random: number[] };
}

/** `min(cap, base·2^attempt)`: the exponential core every jitter scales. */
export function expo(attempt: number, { baseMs, capMs }: BackoffOptions): number {
  return Math.min(capMs, baseMs * 2 ** Math.min(Math.max(0, attempt), 1000));
}

type Core = (a: number, prev: number, random: Random, o: BackoffOptions) => number;

interface StrategyDef {
  label: { zh: string; en: string };
  delay: Core;
  /** Smallest and largest delay this strategy can return for `attempt`. */
  envelope: (a: number, o: BackoffOptions) => [number, number];
  /** Formula text; `u` are the random draws, `fmt` formats a duration in the chosen unit. */
  formula: (a: number, prev: number, u: number[], o: BackoffOptions, fmt: (ms: number) => string) => string;
}

const exp = (a: number) => `2${superscript(a)}`;
const minExpo = (a: number, o: BackoffOptions, f: (ms: number) => string) => `min(${f(o.capMs)}, ${f(o.baseMs)}·${exp(a)})`;
const r2 = (u: number | undefined) => (u ?? 0).toFixed(2);

/** The strategy table. Sources: lesson 19 §3, Brooker 2015, openai-node `calculateDefaultRetryTimeoutMillis`. */
export const BACKOFFS: Record<BackoffId, StrategyDef> = {
  none: {
    label: { zh: '不重试等待（立即重试）', en: 'No wait (immediate retry)' },
    delay: () => 0,
    envelope: () => [0, 0],
    formula: () => '0',
  },
  constant: {
    label: { zh: '固定延迟（§3.1）', en: 'Fixed delay (§3.1)' },
    delay: (_a, _p, _r, o) => Math.min(o.capMs, o.baseMs),
    envelope: (_a, o) => [Math.min(o.capMs, o.baseMs), Math.min(o.capMs, o.baseMs)],
    formula: (_a, _p, _u, o, f) => `min(${f(o.capMs)}, ${f(o.baseMs)})`,
  },
  exponential: {
    label: { zh: '指数退避（§3.2，无抖动）', en: 'Exponential (§3.2, no jitter)' },
    delay: (a, _p, _r, o) => expo(a, o),
    envelope: (a, o) => [expo(a, o), expo(a, o)],
    formula: (a, _p, _u, o, f) => minExpo(a, o, f),
  },
  'lesson-additive': {
    label: { zh: '课程抖动：base + U(0, base)（§3.3）', en: 'Lesson jitter: base + U(0, base) (§3.3)' },
    delay: (a, _p, r, o) => Math.min(o.capMs, expo(a, o) * (1 + r())),
    envelope: (a, o) => [expo(a, o), Math.min(o.capMs, 2 * expo(a, o))],
    formula: (a, _p, u, o, f) => `min(${f(o.capMs)}, ${minExpo(a, o, f)} × (1 + ${r2(u[0])}))`,
  },
  'lesson-multiplicative': {
    label: { zh: '课程抖动：delay × (0.5 + U)（§3.4）', en: 'Lesson jitter: delay × (0.5 + U) (§3.4)' },
    delay: (a, _p, r, o) => Math.min(o.capMs, expo(a, o) * (0.5 + r())),
    envelope: (a, o) => [expo(a, o) / 2, Math.min(o.capMs, 1.5 * expo(a, o))],
    formula: (a, _p, u, o, f) => `${minExpo(a, o, f)} × (0.5 + ${r2(u[0])})`,
  },
  full: {
    label: { zh: '完全抖动 U(0, expo)', en: 'Full jitter U(0, expo)' },
    delay: (a, _p, r, o) => r() * expo(a, o),
    envelope: (a, o) => [0, expo(a, o)],
    formula: (a, _p, u, o, f) => `${minExpo(a, o, f)} × ${r2(u[0])}`,
  },
  equal: {
    label: { zh: '均等抖动 expo/2 + U(0, expo/2)', en: 'Equal jitter expo/2 + U(0, expo/2)' },
    delay: (a, _p, r, o) => (expo(a, o) / 2) * (1 + r()),
    envelope: (a, o) => [expo(a, o) / 2, expo(a, o)],
    formula: (a, _p, u, o, f) => `${minExpo(a, o, f)}/2 × (1 + ${r2(u[0])})`,
  },
  decorrelated: {
    label: { zh: '去相关抖动 U(base, 3·prev)', en: 'Decorrelated jitter U(base, 3·prev)' },
    delay: (_a, prev, r, o) => {
      const p = prev > 0 ? prev : o.baseMs;
      return Math.min(o.capMs, o.baseMs + r() * (3 * p - o.baseMs));
    },
    envelope: (a, o) => [Math.min(o.capMs, o.baseMs), Math.min(o.capMs, o.baseMs * 3 ** (a + 1))],
    formula: (_a, prev, u, o, f) =>
      `min(${f(o.capMs)}, ${f(o.baseMs)} + ${r2(u[0])} × (3·${f(prev > 0 ? prev : o.baseMs)} − ${f(o.baseMs)}))`,
  },
  'openai-sdk': {
    label: { zh: 'OpenAI SDK 默认公式', en: 'OpenAI SDK default' },
    delay: (a, _p, r, o) => expo(a, o) * (1 - 0.25 * r()),
    envelope: (a, o) => [0.75 * expo(a, o), expo(a, o)],
    formula: (a, _p, u, o, f) => `${minExpo(a, o, f)} × (1 − 0.25·${r2(u[0])})`,
  },
};

/** Bind a strategy to its options: the hot path used by retries and the herd simulator. */
export function createBackoff(id: BackoffId, options: Partial<BackoffOptions> = {}): BackoffFn {
  const o = { ...DEFAULT_BACKOFF_OPTIONS, ...options };
  const core = BACKOFFS[id].delay;
  return (attempt, previousDelayMs, random) => core(attempt, previousDelayMs, random, o);
}

/** Theoretical [min, max] delay in ms for `attempt`, drawn behind the retry-delay chart. */
export function backoffEnvelope(id: BackoffId, attempt: number, options: Partial<BackoffOptions> = {}): [number, number] {
  return BACKOFFS[id].envelope(attempt, { ...DEFAULT_BACKOFF_OPTIONS, ...options });
}

/** Compute a delay and the arithmetic that produced it. Same value as {@link createBackoff} for the same draws. */
export function explainBackoff(
  id: BackoffId,
  attempt: number,
  previousDelayMs: number,
  random: Random,
  options: Partial<BackoffOptions> = {},
): BackoffExplanation {
  const o = { ...DEFAULT_BACKOFF_OPTIONS, ...options };
  const rec = recordingRandom(random);
  const delayMs = BACKOFFS[id].delay(attempt, previousDelayMs, rec.random, o);
  const fmt = durationFormatter(o);
  const formula = id === 'none' ? '0' : `${BACKOFFS[id].formula(attempt, previousDelayMs, rec.draws, o, fmt)} = ${fmt(delayMs)} ${unitOf(o)}`;
  return { delayMs, formula, inputs: { attempt, baseMs: o.baseMs, capMs: o.capMs, previousDelayMs, random: rec.draws } };
}

/** Seconds for second-scale policies (the lesson's), milliseconds for Brooker's 5 ms base. */
const unitOf = (o: BackoffOptions) => (o.baseMs >= 100 ? 's' : 'ms');

function durationFormatter(o: BackoffOptions): (ms: number) => string {
  const div = unitOf(o) === 's' ? 1000 : 1;
  return (ms) => String(Number((ms / div).toFixed(3)));
}

function superscript(n: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(n)
    .split('')
    .map((c) => digits[Number(c)] ?? c)
    .join('');
}
