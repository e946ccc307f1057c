/**
 * Layered retries, the arithmetic the dashboard shows: the openai SDK retries
 * under the service's own retries, so the calls multiply. With the service's
 * 3 attempts and the SDK's `maxRetries: 2`, one question can cost 3 × 3 = 9
 * upstream calls (REFERENCE §4: "show that as a teaching point, never by accident").
 * Pure, so the stat card, the policy hint and the warning line agree and are tested.
 */
import type { Policy, StatsSnapshot } from '@/lib/contract';

/** How many calls one question can cost under a retry policy. */
export interface LayeredCalls {
  /** The service's attempts: its retries + 1. */
  attempts: number;
  /** Calls per attempt: the SDK's retries + 1. */
  perAttempt: number;
  /** The SDK's own retries (its `maxRetries`). */
  sdk: number;
  /** Most upstream calls per question: `attempts × perAttempt`. */
  max: number;
}

/** The layers of a retry policy multiplied out (negative or fractional inputs count as their floor, at least 0). */
export function layeredCalls(retry: Pick<Policy['retry'], 'maxRetries' | 'sdkMaxRetries'>): LayeredCalls {
  const attempts = Math.max(0, Math.floor(retry.maxRetries)) + 1;
  const sdk = Math.max(0, Math.floor(retry.sdkMaxRetries ?? 0));
  return { attempts, perAttempt: sdk + 1, sdk, max: attempts * (sdk + 1) };
}

/**
 * What the warning line says, if anything. `null` while no attempt made more
 * than one call (amplification ≤ 1, or no stats yet). `now` when the SDK's
 * retries are on: the formula with the current policy. `past` when they are
 * off again but earlier requests were amplified (the stat is cumulative until a reset).
 */
export type LayeredWarning = ({ kind: 'now' } & LayeredCalls) | { kind: 'past'; amplification: number };

/** See {@link LayeredWarning}. Amplification is compared with a small tolerance, so ×1.0000001 is not a warning. */
export function layeredWarning(stats: Pick<StatsSnapshot, 'amplification'> | null, retry: Pick<Policy['retry'], 'maxRetries' | 'sdkMaxRetries'> | null): LayeredWarning | null {
  const amplification = stats?.amplification;
  if (amplification === undefined || !Number.isFinite(amplification) || amplification <= 1 + 1e-9) return null;
  const calls = retry ? layeredCalls(retry) : null;
  return calls && calls.sdk > 0 ? { kind: 'now', ...calls } : { kind: 'past', amplification };
}

/** A multiplier as the stat card shows it: `×3.0`; `–` for no value (0 before any attempt, or missing). */
export function formatTimes(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x) || x <= 0) return '–';
  return `×${x.toFixed(1)}`;
}
