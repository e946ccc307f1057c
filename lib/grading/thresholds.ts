/**
 * Every number the report card decides with, in one place, so the card can
 * quote them and a test can change them. All times are ms of real time: the
 * student's code sleeps in real seconds, whatever speed the dashboard runs at.
 */
export interface GradingThresholds {
  /**
   * Calls with the same body (and key) are one logical request when the next
   * one arrives within this long after the previous one ended. Default 70 000:
   * a 60 s backoff cap plus slack.
   */
  groupWindowMs: number;
  /** A retry this much sooner than Retry-After asked still honours it (timer and rounding slack). Default 100. */
  retryAfterToleranceMs: number;
  /** Two successive waits closer than max(this, {@link fixedGapRel} × the larger) are "the same wait". Default 20. */
  fixedGapAbsMs: number;
  /** Relative part of the fixed-wait test. Default 0.1 (10 %). */
  fixedGapRel: number;
  /** Two requests' waits closer than max(this, {@link lockstepRel} × the larger) are lock-step. Default 10. */
  lockstepAbsMs: number;
  /** Relative part of the lock-step test. Default 0.02 (2 %). */
  lockstepRel: number;
  /** More attempts than this in one logical request means no bound in sight. Default 10. */
  maxBoundedAttempts: number;
  /** More calls than this per logical request is flagged as layered retries. Default 5 (Google SRE: at most 3 attempts; gRPC caps at 5). */
  maxCallsPerLogical: number;
  /** Under the `timeout` fault the client must give up within this. Default 60 000. */
  timeoutLimitMs: number;
  /** A failed logical request with no new attempt for this long has given up. Default 15 000. */
  settleMs: number;
  /** The exam's last scene counts as done after this much quiet. Default 5 000. */
  examQuietMs: number;
}

/** The defaults (see each field). */
export const DEFAULT_THRESHOLDS: Readonly<GradingThresholds> = Object.freeze({
  groupWindowMs: 70_000,
  retryAfterToleranceMs: 100,
  fixedGapAbsMs: 20,
  fixedGapRel: 0.1,
  lockstepAbsMs: 10,
  lockstepRel: 0.02,
  maxBoundedAttempts: 10,
  maxCallsPerLogical: 5,
  timeoutLimitMs: 60_000,
  settleMs: 15_000,
  examQuietMs: 5_000,
});

/** Calls one session keeps (a ring buffer: the oldest go first). Default 300: an exam needs about 40. */
export const DEFAULT_CALL_CAPACITY = 300;
