/**
 * Every bound the sandbox puts on untrusted input and on one session's load.
 * The schemas validate against these, the server enforces them, and the
 * dashboard reads them to size its fields, so the three cannot disagree.
 */

/** Largest JSON body a route accepts, in bytes. Default 16 KiB: a chat message, a policy, a scenario. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Largest request body the OpenAI-compatible endpoint reads, in bytes: 1 MiB, declared or chunked. */
export const MAX_ENDPOINT_BODY_BYTES = 1024 * 1024;

/** Longest chat message accepted, in characters. */
export const MAX_MESSAGE_CHARS = 4000;

/** Sandbox-time speed factors offered in class: real time, ×10, ×60. */
export const SPEEDS = [1, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** Limits that keep one session's runs from swamping the server. */
export const RUN_LIMITS = {
  /** Largest burst. */
  maxBurst: 5000,
  /** Requests of one burst in flight at once. */
  burstConcurrency: 32,
  /**
   * Slowest steady rate, requests per second of sandbox time: one every 10 s.
   * Below it a tick would wait longer than Node's timer limit allows at ×1 (rps 1e-7 → 115 days).
   */
  minRps: 0.1,
  /** Largest steady rate, requests per second of sandbox time. */
  maxRps: 50,
  /** A steady load sheds ticks while this many requests are still in flight. */
  maxInFlight: 64,
  /** A steady load stops by itself after this many requests. */
  maxSteadyRequests: 100_000,
} as const;
