import { BrokenCircuitError, IsolatedCircuitError } from './breaker-errors';
import { resolveBreakerOptions, type BreakerReconfigureOptions, type CircuitBreakerOptions, type ResolvedBreakerOptions } from './breaker-options';
import type { BreakerState, BreakerStateKind, BreakerTransition, BreakerTransitionReason } from './breaker-state';
import { ClosedRecord, tripRuleFor, type TripRule } from './breaker-trip-rules';
import { systemClock, type Clock } from './clock';
import { EventEmitter, type Disposable, type Event } from './events';

// Kept importable from here, where they always were.
export { BrokenCircuitError, IsolatedCircuitError, isBrokenCircuitError } from './breaker-errors';
export type { BreakerReconfigureOptions, CircuitBreakerOptions, ResolvedBreakerOptions } from './breaker-options';
export type { BreakerState, BreakerStateKind, BreakerTransition, BreakerTransitionReason } from './breaker-state';
export { lessonFullBreaker, lessonSimplifiedBreaker } from './breaker-presets';

/**
 * A circuit breaker (lesson 19 §4): closed → open → half-open → closed.
 *
 * One class covers both of the lesson's breakers as configurations — see
 * {@link lessonFullBreaker} (§4.2) and {@link lessonSimplifiedBreaker} (the demo).
 * Transitions out of `open` are lazy: nothing is scheduled; the breaker looks at
 * `clock.now()` whenever it is read or called, so it runs on any {@link Clock}.
 *
 * Results are attributed to the state at *completion* time: a slow call that
 * started while closed and fails after the breaker opened is ignored (the
 * breaker has already decided), and only designated probes count while half-open.
 *
 * This file is the state machine. When to trip lives in breaker-trip-rules.ts,
 * the options and their validation in breaker-options.ts, the state and transition types
 * in breaker-state.ts, the errors in breaker-errors.ts, the lesson's presets in breaker-presets.ts.
 */

/**
 * See the file comment. Call {@link execute}; read {@link state}; subscribe to {@link onTransition};
 * change settings on the fly with {@link reconfigure}.
 */
export class CircuitBreaker {
  private opts: ResolvedBreakerOptions;
  /** The options as given (before defaults), so a later reconfigure merges over what the caller chose. */
  private given: BreakerReconfigureOptions;
  private rule: TripRule;
  private readonly clock: Clock;
  private isFailure: ((error: unknown) => boolean) | undefined;
  private readonly transitions = new EventEmitter<BreakerTransition>();
  private readonly rejects = new EventEmitter<{ at: number; state: BreakerStateKind }>();
  /** Fires after every state change, in order; the new state is already visible. */
  readonly onTransition: Event<BreakerTransition> = this.transitions.event;
  /** Fires for every call refused without running. */
  readonly onReject: Event<{ at: number; state: BreakerStateKind }> = this.rejects.event;

  private kind: BreakerStateKind = 'closed';
  private readonly record: ClosedRecord;
  private openedAt = 0;
  private halfOpenAt = 0;
  private since = 0;
  private inFlight = 0;
  private successes = 0;
  /** Bumped on every transition, so late probe results from an older half-open period are ignored. */
  private epoch = 0;
  private isolations = 0;
  private isolationGeneration = 0;

  constructor(options: CircuitBreakerOptions = {}) {
    const { clock, ...given } = options;
    this.opts = resolveBreakerOptions(given);
    this.given = given;
    this.rule = tripRuleFor(this.opts);
    this.clock = clock ?? systemClock;
    this.isFailure = options.isFailure;
    this.record = new ClosedRecord(this.opts.windowSize);
  }

  /** The resolved options now in force (they change with {@link reconfigure}). */
  get options(): ResolvedBreakerOptions {
    return this.opts;
  }

  /**
   * Run `fn` through the breaker. Rejects with {@link BrokenCircuitError} when open
   * (or half-open with every probe slot busy) and {@link IsolatedCircuitError}
   * when isolated — in both cases *without* calling `fn`.
   */
  execute<T>(fn: () => Promise<T>): Promise<T> {
    if (this.kind !== 'closed') return this.executeNotClosed(fn);
    // Hot path: two pre-bound handlers, no closure, no event payload.
    return call(fn).then(this.onClosedSuccess as (value: T) => T, this.onClosedFailure);
  }

  /** A snapshot. Reading it applies the lazy open → half-open transition. */
  get state(): BreakerState {
    this.settleTimeout();
    switch (this.kind) {
      case 'closed':
        return { kind: 'closed', consecutiveFailures: this.record.consecutiveFailures, window: this.record.results() };
      case 'open':
        return { kind: 'open', openedAt: this.openedAt, halfOpenAt: this.halfOpenAt };
      case 'half-open':
        return { kind: 'half-open', since: this.since, inFlight: this.inFlight, successes: this.successes };
      case 'isolated':
        return { kind: 'isolated', since: this.since };
    }
  }

  /**
   * Change settings while keeping the current state; `changes` merge over the options given
   * so far (`undefined` restores a default). Invalid options throw a `RangeError` and change
   * nothing. What happens per state, each change announced by a `'reconfigured'` transition:
   * - closed stays closed with its counts; a new `windowSize` keeps the newest results. If the
   *   new rule is already met, it opens at once.
   * - open keeps `openedAt`; `halfOpenAt` becomes `openedAt + openMs`. If that is past, half-open at once.
   * - half-open keeps its probes (those in flight still count). If the successes so far already
   *   reach the new `successThreshold`, it closes at once.
   * - isolated stays isolated.
   */
  reconfigure(changes: BreakerReconfigureOptions): void {
    const { clock, ...rest } = changes as CircuitBreakerOptions;
    if (clock !== undefined && clock !== this.clock) throw new RangeError('CircuitBreaker.reconfigure: the clock cannot be changed');
    // First apply what the old settings already made true (a due half-open), so no state is skipped.
    this.settleTimeout();
    const given = { ...this.given, ...rest };
    const o = resolveBreakerOptions(given);
    this.given = given;
    this.opts = o;
    this.rule = tripRuleFor(o);
    this.isFailure = given.isFailure;
    this.record.resize(o.windowSize);
    const now = this.clock.now();
    if (this.kind === 'closed') {
      const v = this.rule.shouldTrip(this.record);
      if (v) this.open('reconfigured', `设置已更改：${v.zh}`, `reconfigured: ${v.en}`);
    } else if (this.kind === 'open') {
      this.halfOpenAt = this.openedAt + o.openMs;
      if (now >= this.halfOpenAt) {
        const open = `${now - this.openedAt} ms`;
        this.toHalfOpen(now, 'reconfigured', `设置已更改：已熔断 ${open} ≥ 新的熔断时长 ${o.openMs} ms，进入半开`, `reconfigured: open for ${open} ≥ new openMs ${o.openMs} ms`);
      }
    } else if (this.kind === 'half-open' && this.successes >= o.successThreshold) {
      const n = this.successes;
      this.close(now, 'reconfigured', `设置已更改：试探成功 ${n} 次 ≥ 新的 successThreshold ${o.successThreshold}`, `reconfigured: ${n} probe successes ≥ new successThreshold ${o.successThreshold}`);
    }
  }

  /** Hold the circuit open until every returned handle is disposed, or {@link reset} is called. */
  isolate(): Disposable {
    this.settleTimeout();
    this.isolations++;
    if (this.kind !== 'isolated') {
      this.since = this.clock.now();
      this.moveTo('isolated', this.since, 'isolated', '手动隔离', 'isolated manually');
    }
    const generation = this.isolationGeneration;
    let disposed = false;
    return {
      dispose: () => {
        if (disposed || generation !== this.isolationGeneration) return;
        disposed = true;
        if (--this.isolations === 0) this.close(this.clock.now(), 'reset', '隔离已解除', 'isolation released');
      },
    };
  }

  /** Back to closed with all counts cleared; cancels isolation. Emits a transition unless already closed. */
  reset(): void {
    this.settleTimeout();
    this.isolations = 0;
    this.isolationGeneration++;
    this.close(this.clock.now(), 'reset', '手动重置', 'reset manually');
  }

  /** Same as {@link state}, so `JSON.stringify(breaker)` shows the snapshot. */
  toJSON(): BreakerState {
    return this.state;
  }

  // --- closed ---------------------------------------------------------------

  private readonly onClosedSuccess = <T>(value: T): T => {
    if (this.kind === 'closed') this.record.record(true);
    return value;
  };

  private readonly onClosedFailure = (error: unknown): never => {
    if (this.kind === 'closed' && this.counts(error)) {
      this.record.record(false);
      const v = this.rule.shouldTrip(this.record);
      if (v) this.open(v.code, v.zh, v.en);
    }
    throw error;
  };

  // --- open, half-open, isolated ----------------------------------------------

  private executeNotClosed<T>(fn: () => Promise<T>): Promise<T> {
    this.settleTimeout();
    if (this.kind === 'half-open' && this.inFlight < this.opts.halfOpenMaxProbes) return this.probe(fn);
    if (this.kind === 'closed') return this.execute(fn); // a listener reset us during settleTimeout
    const at = this.clock.now();
    const state = this.kind;
    if (this.rejects.hasListeners) this.rejects.emit({ at, state });
    const error =
      state === 'isolated'
        ? new IsolatedCircuitError()
        : state === 'open'
          ? new BrokenCircuitError(undefined, this.halfOpenAt)
          : new BrokenCircuitError('Circuit is half-open and every probe slot is busy (熔断器半开，试探名额已满)');
    return Promise.reject(error);
  }

  /**
   * One trial call. The lesson lets every call through in half-open, so after an
   * outage the whole backlog hits a service that is just recovering; here at most
   * `halfOpenMaxProbes` run at once and the rest are refused fast.
   */
  private probe<T>(fn: () => Promise<T>): Promise<T> {
    const epoch = this.epoch;
    this.inFlight++;
    return call(fn).then(
      (value) => {
        if (epoch === this.epoch) {
          this.inFlight--;
          const n = ++this.successes;
          const need = this.opts.successThreshold;
          if (n >= need)
            this.close(this.clock.now(), 'probe-succeeded', `试探成功 ${n} 次 ≥ ${need}`, `${n} probe successes ≥ successThreshold ${need}`);
        }
        return value;
      },
      (error: unknown) => {
        if (epoch === this.epoch) {
          this.inFlight--;
          // Any counted failure while half-open reopens at once. (The demo's breaker
          // only does so because its never-reset failure_count is still ≥ threshold.)
          if (this.counts(error)) this.open('probe-failed', '半开状态试探失败，重新熔断', 'probe failed while half-open');
        }
        throw error;
      },
    );
  }

  /** Apply open → half-open once `openMs` has elapsed, stamped at `halfOpenAt` so it is deterministic. */
  private settleTimeout(): void {
    if (this.kind !== 'open' || this.clock.now() < this.halfOpenAt) return;
    const ms = this.halfOpenAt - this.openedAt;
    this.toHalfOpen(this.halfOpenAt, 'timeout-elapsed', `熔断 ${ms} ms 已到，进入半开`, `open for ${ms} ms ≥ openMs ${ms}`);
  }

  private toHalfOpen(at: number, code: BreakerTransitionReason['code'], zh: string, en: string): void {
    this.since = at;
    this.inFlight = 0;
    this.successes = 0;
    this.moveTo('half-open', at, code, zh, en);
  }

  private open(code: BreakerTransitionReason['code'], zh: string, en: string): void {
    const now = this.clock.now();
    this.openedAt = now;
    this.halfOpenAt = now + this.opts.openMs;
    this.moveTo('open', now, code, zh, en);
  }

  private close(at: number, code: BreakerTransitionReason['code'], zh: string, en: string): void {
    this.record.clear();
    this.inFlight = this.successes = 0;
    if (this.kind !== 'closed') this.moveTo('closed', at, code, zh, en);
  }

  private moveTo(to: BreakerStateKind, at: number, code: BreakerTransitionReason['code'], zh: string, en: string): void {
    const from = this.kind;
    this.kind = to;
    this.epoch++;
    if (this.transitions.hasListeners) this.transitions.emit({ from, to, at, reason: { code, zh, en } });
  }

  private counts(error: unknown): boolean {
    return this.isFailure === undefined || this.isFailure(error);
  }
}

/** Call `fn`, turning a synchronous throw into a rejection. */
function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}
