/**
 * The names of every fault the mock upstream can inject, with no dependencies,
 * so the scenario schema, the presets and the dashboard can list them without
 * pulling in MSW. What each fault is lives in `fault-catalogue.ts`; how it
 * behaves, in `mocks/faults.ts`.
 */
export const FAULT_IDS = [
  // 429s: the four Retry-After shapes a client must cope with, and the one 429 it must not retry.
  'rate-limit',
  'rate-limit-date',
  'rate-limit-long',
  'rate-limit-negative',
  'rate-limit-garbage',
  'quota',
  // Rate limits with a meaning of their own: a real per-minute window, a token budget, a burst guard.
  'rate-limit-window',
  'token-rate-limit',
  'slow-down',
  // Transient server-side statuses.
  'server-500',
  'bad-gateway-502',
  'unavailable-503',
  'overloaded-503',
  'gateway-timeout-504',
  'request-timeout-408',
  'conflict-409',
  // Transport-level faults: no HTTP status at all.
  'timeout',
  'connection-reset',
  'slow',
  // DeepSeek under load: a 200 whose body is only keep-alives until the server gives up.
  'keep-alive-hold',
  // Permanent client errors: retrying never helps.
  'auth-401',
  'forbidden-403',
  'model-not-found-404',
  'context-length-400',
  'unprocessable-422',
  'content-filter',
  // Streaming faults: the failure arrives after a 200.
  'stream-cut',
  'stream-no-done',
  'stream-error-event',
  'stream-failed',
  'stream-failed-rate-limit',
  'stream-incomplete',
] as const;

/** One fault of the catalogue (see `FAULTS` in `faults.ts`). */
export type FaultId = (typeof FAULT_IDS)[number];

/** Type guard for untrusted strings (query parameters, JSON bodies). */
export function isFaultId(value: unknown): value is FaultId {
  return typeof value === 'string' && (FAULT_IDS as readonly string[]).includes(value);
}
