import type { Text } from './text';
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
  /**
   * Human-readable arithmetic, e.g. `min(60, 1·2²) × (0.5 + 0.37) = 3.48 s`. Faithful: evaluated, the
   * left side gives the right side (to the 0.001 display rounding), and the right side is `delayMs`.
   */
  formula: string;
  inputs: { attempt: number; baseMs: number; capMs: number; previousDelayMs: number; random: number[] };
}

/** `min(cap, base·2^attempt)`: the exponential core every jitter scales. */
export function expo(attempt: number, { baseMs, capMs }: BackoffOptions): number {
  const n = Math.min(Math.max(0, attempt), 1000);
  // A table of the same powers: the herd simulator calls this millions of times.
  return Math.min(capMs, baseMs * (Number.isInteger(n) ? POW2[n]! : 2 ** n));
}

/** 2⁰ … 2¹⁰⁰⁰, exactly as `2 ** n` computes them. */
const POW2 = Float64Array.from({ length: 1001 }, (_, i) => 2 ** i);

type Core = (a: number, prev: number, random: Random, o: BackoffOptions) => number;

interface StrategyDef {
  label: Text;
  delay: Core;
  /**
   * Smallest and largest delay this strategy can return for `attempt`. With `prev`
   * (the previous delay in ms) the bound is exact for that step; without it, the
   * bound covers a chain of this strategy's own delays that started from nothing.
   */
  envelope: (a: number, o: BackoffOptions, prev?: number) => [number, number];
  /**
   * Formula text; `u` are the random draws, `fmt` formats a duration in the chosen unit,
   * `draw` formats a draw. Every number printed is within 0.0005 of the value used, so
   * the text, evaluated, gives the delay (see backoff.formula.test.ts).
   */
  formula: (a: number, prev: number, u: number[], o: BackoffOptions, fmt: Fmt, draw: Fmt) => string;
}
type Fmt = (x: number) => string;

const exp = (a: number) => `2${superscript(Math.max(0, a))}`;
const minExpo = (a: number, o: BackoffOptions, f: Fmt) => `min(${f(o.capMs)}, ${f(o.baseMs)}·${exp(a)})`;
/** Wrap `text` in the outer `min(cap, …)` only when the cap can bind; otherwise the min is noise. */
const capIf = (canBind: boolean, text: string, o: BackoffOptions, f: Fmt) => (canBind ? `min(${f(o.capMs)}, ${text})` : text);
/** Decorrelated jitter's "sleep": the previous delay, or base when there is none (Brooker starts at base). */
const sleepOf = (prev: number, o: BackoffOptions) => (prev > 0 && prev < Infinity ? prev : o.baseMs);
/** Its upper bound: `3·sleep`, but never below base (a short Retry-After wait must not pull it under base). */
const decorrelatedHigh = (prev: number, o: BackoffOptions) => Math.max(o.baseMs, 3 * sleepOf(prev, o));

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
    formula: (a, _p, u, o, f, d) => capIf(2 * expo(a, o) > o.capMs, `${minExpo(a, o, f)} × (1 + ${d(u[0]!)})`, o, f),
  },
  'lesson-multiplicative': {
    label: { zh: '课程抖动：delay × (0.5 + U)（§3.4）', en: 'Lesson jitter: delay × (0.5 + U) (§3.4)' },
    delay: (a, _p, r, o) => Math.min(o.capMs, expo(a, o) * (0.5 + r())),
    envelope: (a, o) => [expo(a, o) / 2, Math.min(o.capMs, 1.5 * expo(a, o))],
    formula: (a, _p, u, o, f, d) => capIf(1.5 * expo(a, o) > o.capMs, `${minExpo(a, o, f)} × (0.5 + ${d(u[0]!)})`, o, f),
  },
  full: {
    label: { zh: '完全抖动 U(0, expo)', en: 'Full jitter U(0, expo)' },
    delay: (a, _p, r, o) => r() * expo(a, o),
    envelope: (a, o) => [0, expo(a, o)],
    formula: (a, _p, u, o, f, d) => `${minExpo(a, o, f)} × ${d(u[0]!)}`,
  },
  equal: {
    label: { zh: '均等抖动 expo/2 + U(0, expo/2)', en: 'Equal jitter expo/2 + U(0, expo/2)' },
    delay: (a, _p, r, o) => (expo(a, o) / 2) * (1 + r()),
    envelope: (a, o) => [expo(a, o) / 2, expo(a, o)],
    formula: (a, _p, u, o, f, d) => `${minExpo(a, o, f)}/2 × (1 + ${d(u[0]!)})`,
  },
  decorrelated: {
    label: { zh: '去相关抖动 U(base, 3·prev)', en: 'Decorrelated jitter U(base, 3·prev)' },
    // min(cap, uniform(base, max(base, 3·sleep))): Brooker's formula, kept ≥ base for any previous delay.
    delay: (_a, prev, r, o) => Math.min(o.capMs, o.baseMs + r() * (decorrelatedHigh(prev, o) - o.baseMs)),
    envelope: (a, o, prev) => [
      Math.min(o.capMs, o.baseMs),
      Math.min(o.capMs, prev === undefined ? o.baseMs * 3 ** (Math.max(0, a) + 1) : decorrelatedHigh(prev, o)),
    ],
    formula: (_a, prev, u, o, f, d) => {
      const p = sleepOf(prev, o);
      const high = 3 * p >= o.baseMs ? `3·${f(p)}` : `max(${f(o.baseMs)}, 3·${f(p)})`;
      return capIf(decorrelatedHigh(prev, o) > o.capMs, `${f(o.baseMs)} + ${d(u[0]!)} × (${high} − ${f(o.baseMs)})`, o, f);
    },
  },
  'openai-sdk': {
    label: { zh: 'OpenAI SDK 默认公式', en: 'OpenAI SDK default' },
    delay: (a, _p, r, o) => expo(a, o) * (1 - 0.25 * r()),
    envelope: (a, o) => [0.75 * expo(a, o), expo(a, o)],
    formula: (a, _p, u, o, f, d) => `${minExpo(a, o, f)} × (1 − 0.25·${d(u[0]!)})`,
  },
};

/** Bind a strategy to its options: the hot path used by retries and the herd simulator. */
export function createBackoff(id: BackoffId, options: Partial<BackoffOptions> = {}): BackoffFn {
  const o = { ...DEFAULT_BACKOFF_OPTIONS, ...options };
  const core = BACKOFFS[id].delay;
  return (attempt, previousDelayMs, random) => core(attempt, previousDelayMs, random, o);
}

/**
 * Theoretical [min, max] delay in ms for `attempt`, drawn behind the retry-delay chart.
 * Only decorrelated jitter depends on the previous delay. Pass `previousDelayMs` (ms, ≥ 0)
 * for the exact bound of that one step — needed whenever the previous wait was not this
 * strategy's own (a Retry-After, say). Without it, the bound assumes a chain of this
 * strategy's own delays starting from none (decorrelated: `min(cap, base·3^(attempt+1))`).
 */
export function backoffEnvelope(
  id: BackoffId,
  attempt: number,
  options: Partial<BackoffOptions> = {},
  previousDelayMs?: number,
): [number, number] {
  return BACKOFFS[id].envelope(attempt, { ...DEFAULT_BACKOFF_OPTIONS, ...options }, previousDelayMs);
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
  const lhs = BACKOFFS[id].formula(attempt, previousDelayMs, rec.draws, o, fmt, formatDraw);
  // 'none' is just "0": "0 = 0 s" would only be noise.
  const formula = id === 'none' ? lhs : `${lhs} = ${fmt(delayMs)} ${unitOf(o)}`;
  return { delayMs, formula, inputs: { attempt, baseMs: o.baseMs, capMs: o.capMs, previousDelayMs, random: rec.draws } };
}

/** Seconds for second-scale policies (the lesson's), milliseconds for Brooker's 5 ms base. */
const unitOf = (o: BackoffOptions) => (o.baseMs >= 100 ? 's' : 'ms');

/** Durations print to 0.001 of their unit (1 ms, or 1 µs on the ms scale), trailing zeros dropped. */
function durationFormatter(o: BackoffOptions): Fmt {
  const div = unitOf(o) === 's' ? 1000 : 1;
  return (ms) => String(Number((ms / div).toFixed(3)));
}

/** Draws print to 4 decimals (trailing zeros dropped): an error of at most 0.00005 × the scale it multiplies. */
const formatDraw: Fmt = (u) => String(Number((u ?? 0).toFixed(4)));

/** `n` in superscript digits, for formulas: 12 → "¹²". */
export function superscript(n: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(n)
    .split('')
    .map((c) => digits[Number(c)] ?? c)
    .join('');
}
