/**
 * A breaker's state as a discriminated union with a snapshot, and its transitions
 * (the style guide's §6). Every change of state is one {@link BreakerTransition}.
 */
/** The state, as `breaker.state` reports it. Times are clock ms. */
export type BreakerState =
  | {
      kind: 'closed';
      consecutiveFailures: number;
      /** Recent results while closed, `true` = success, newest last, length ≤ windowSize. */
      window: readonly boolean[];
    }
  | { kind: 'open'; openedAt: number; halfOpenAt: number }
  | { kind: 'half-open'; since: number; inFlight: number; successes: number }
  | { kind: 'isolated'; since: number };
export type BreakerStateKind = BreakerState['kind'];

/** Why a transition happened, in both languages, e.g. "5 consecutive failures ≥ threshold 5". */
export interface BreakerTransitionReason {
  code: 'failure-threshold' | 'failure-rate' | 'timeout-elapsed' | 'probe-succeeded' | 'probe-failed' | 'isolated' | 'reset' | 'reconfigured';
  zh: string;
  en: string;
}

/** One state change. `at` is in clock ms. */
export interface BreakerTransition {
  from: BreakerStateKind;
  to: BreakerStateKind;
  at: number;
  reason: BreakerTransitionReason;
}
