import { BACKOFFS, createBackoff, type BackoffFn, type BackoffId, type BackoffOptions } from '@/lib/resilience/backoff';

/** Every strategy the herd simulator can run: Brooker's five, the lesson's two jitters and the OpenAI SDK's. */
export const SIM_STRATEGY_IDS = [
  'none',
  'exponential',
  'full',
  'equal',
  'decorrelated',
  'lesson-additive',
  'lesson-multiplicative',
  'openai-sdk',
] as const;
export type SimStrategyId = (typeof SIM_STRATEGY_IDS)[number];

/** The five strategies of Brooker's figures, in the order of his simulator's `backoff_types`. */
export const BROOKER_STRATEGY_IDS: readonly SimStrategyId[] = ['exponential', 'decorrelated', 'equal', 'full', 'none'];

/** Which `lib/resilience/backoff.ts` strategy each herd strategy runs. Identity today, kept explicit on purpose. */
const BACKOFF_OF: Record<SimStrategyId, BackoffId> = {
  none: 'none',
  exponential: 'exponential',
  full: 'full',
  equal: 'equal',
  decorrelated: 'decorrelated',
  'lesson-additive': 'lesson-additive',
  'lesson-multiplicative': 'lesson-multiplicative',
  'openai-sdk': 'openai-sdk',
};

/** Column names in Brooker's simulator output (`backoff_results.csv`), to match his charts. */
const BROOKER_NAME: Partial<Record<SimStrategyId, string>> = {
  none: 'None',
  exponential: 'Exponential',
  full: 'FullJitter',
  equal: 'EqualJitter',
  decorrelated: 'Decorr',
};

/** A herd strategy bound to its base and cap. */
export interface SimStrategy {
  id: SimStrategyId;
  /** The backoff it delegates to. */
  backoffId: BackoffId;
  /** Display labels, shared with the backoff table. */
  label: { zh: string; en: string };
  /** Brooker's name for it, when it is one of his five. */
  brookerName?: string;
  /**
   * Delay in ms before retry `n`, counted Brooker's way from n = 1 (`expo(n) = min(cap, base·2ⁿ)`).
   * `previousDelayMs` is the client's last delay (only decorrelated jitter reads it; start at {@link initialPreviousDelayMs}).
   */
  delay: BackoffFn;
  /** Starting value of a client's `previousDelayMs`: `baseMs`, Brooker's initial `sleep`. */
  initialPreviousDelayMs: number;
}

/** Type guard for user input such as the CLI's `--strategies`. */
export function isSimStrategyId(value: string): value is SimStrategyId {
  return (SIM_STRATEGY_IDS as readonly string[]).includes(value);
}

/** Display labels of a strategy (zh and en), reused from `BACKOFFS`. */
export function strategyLabel(id: SimStrategyId): { zh: string; en: string } {
  return BACKOFFS[BACKOFF_OF[id]].label;
}

/**
 * Bind a strategy to Brooker's constants (or yours).
 *
 * The delay *calls* `createBackoff` rather than copying its formulas, so the
 * simulator and the live retry code can never disagree. `createBackoff` takes an
 * exponent, and Brooker's first retry uses n = 1, so the simulator passes n as is:
 * with base 5 ms, exponential backoff waits 10, 20, 40 … ms, as in his post.
 * @param options base in ms (default 5) and cap in ms (default 2000), Brooker's values.
 */
export function createStrategy(id: SimStrategyId, options: Partial<BackoffOptions> = {}): SimStrategy {
  const baseMs = options.baseMs ?? 5;
  const capMs = options.capMs ?? 2000;
  const backoffId = BACKOFF_OF[id];
  const brookerName = BROOKER_NAME[id];
  return {
    id,
    backoffId,
    label: strategyLabel(id),
    ...(brookerName ? { brookerName } : {}),
    delay: createBackoff(backoffId, { baseMs, capMs }),
    initialPreviousDelayMs: baseMs,
  };
}
