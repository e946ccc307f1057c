import type { StormOptions } from './storm-options';

/**
 * The storm lab's presets: one per known result, as plain options shared by
 * the page, the CLI (`--preset`) and the tests, so all three show the same runs.
 *
 * The server is ample (capacity 100 000/s) in the first three, so failures stay
 * independent of load and the closed forms apply; the last three put 1000
 * requests/s on a server of 1400/s and take 80% of its capacity away for 20 s.
 */
export const STORM_PRESET_IDS = ['independent', 'budget', 'layers', 'metastable', 'metastable-budget', 'metastable-breaker'] as const;
/** One of {@link STORM_PRESET_IDS}. */
export type StormPresetId = (typeof STORM_PRESET_IDS)[number];

/** Ample capacity: the server never queues, so only the failure rate decides. */
const AMPLE: StormOptions = { rate: 1000, capacity: 100_000, timeoutMs: 1000, durationS: 300 };

/**
 * The lesson's client against a busy server: 3 attempts (§3.1's `max_retries=3`),
 * exponential backoff from 1 s (§3.2), a 1 s timeout; the dip at 60–80 s.
 */
const BUSY: StormOptions = {
  rate: 1000,
  capacity: 1400,
  timeoutMs: 1000,
  durationS: 300,
  attempts: 3,
  backoff: { id: 'exponential', baseMs: 1000, capMs: 60_000 },
  trigger: { atS: 60, durationS: 20, capacityFactor: 0.2 },
};

/** The options of each preset (unset options take the model's defaults). */
export const STORM_PRESETS: Record<StormPresetId, StormOptions> = {
  /** p = 0.5, 4 attempts: the server sees 1 + p + p² + p³ = 1.875 calls per request. */
  independent: { ...AMPLE, failureRate: 0.5, attempts: 4 },
  /** The same with Brooker's 10% token bucket: about ×1.05, never above ×1.1. */
  budget: { ...AMPLE, failureRate: 0.5, attempts: 4, budget: { kind: 'brooker', maxTokens: 10, tokenRatio: 0.1 } },
  /** A full outage through the app's 3 attempts over the SDK's 3: 9 calls per request. */
  layers: { ...AMPLE, failureRate: 1, attempts: 3, layers: 2 },
  /** After the dip, goodput stays near zero although the trigger is gone. */
  metastable: { ...BUSY },
  /** The same with gRPC's retry throttling: goodput comes back. */
  'metastable-budget': { ...BUSY, budget: { kind: 'grpc', maxTokens: 10, tokenRatio: 0.1 } },
  /** The same with a retry circuit breaker: goodput comes back. */
  'metastable-breaker': { ...BUSY, breaker: { threshold: 0.5, windowMs: 10_000, minSamples: 20 } },
};

/** Type guard for user input (CLI flag, URL). */
export function isStormPresetId(value: string): value is StormPresetId {
  return (STORM_PRESET_IDS as readonly string[]).includes(value);
}
