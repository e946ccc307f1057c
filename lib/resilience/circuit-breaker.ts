import { systemClock, type Clock } from './clock';
import { EventEmitter, type Disposable, type Event } from './events';

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
 */
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
  code: 'failure-threshold' | 'failure-rate' | 'timeout-elapsed' | 'probe-succeeded' | 'probe-failed' | 'isolated' | 'reset';
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

/** Options; every field has the default shown. */
export interface CircuitBreakerOptions {
  /** `'consecutive'` opens after N failures in a row; `'failure-rate'` on the failure ratio of the window. Default `'consecutive'`. */
  mode?: 'consecutive' | 'failure-rate';
  /** Consecutive mode: failures in a row that open the circuit. Default 5 (lesson §4.2). */
  failureThreshold?: number;
  /** Failure-rate mode: ratio in (0, 1] of failed calls in the window that opens it. Default 0.5. */
  failureRateThreshold?: number;
  /** Size of the sliding count window (calls). Default 10 (lesson's `window_size`). */
  windowSize?: number;
  /** Failure-rate mode: no decision before this many calls are in the window. Default 10, clamped to `windowSize`. */
  minimumCalls?: number;
  /** Probe successes needed in half-open to close. Default 1 (the demo's breaker); §4.2 uses 2. */
  successThreshold?: number;
  /** How long to stay open before half-open, in ms. Default 60 000 (lesson's `timeout=60`). */
  openMs?: number;
  /** Concurrent trial calls allowed while half-open. Default 1. */
  halfOpenMaxProbes?: number;
  /** Which errors count as failures. Default: all. Others are rethrown without being recorded. */
  isFailure?: (error: unknown) => boolean;
  /** Time source. Default {@link systemClock}. */
  clock?: Clock;
}

/** The resolved numeric options, exposed for the dashboard. */
export type ResolvedBreakerOptions = Readonly<Required<Omit<CircuitBreakerOptions, 'clock' | 'isFailure'>>>;

/**
 * Thrown (as a rejection) when the breaker refuses a call without running it.
 * Branded with `isBrokenCircuit: true` so classifiers need not rely on class
 * names (minified in production) or on message text — the lesson's demo tests
 * `"熔断器开启" in str(e)`, which breaks as soon as the wording changes.
 */
export class BrokenCircuitError extends Error {
  readonly isBrokenCircuit = true as const;
  override readonly name: string = 'BrokenCircuitError';
  /** Clock time (ms) at which the breaker will admit a probe; unset when unknown. */
  retryAt?: number;
  constructor(message = 'Circuit is open (熔断器开启): call rejected without reaching the upstream', retryAt?: number) {
    super(message);
    if (retryAt !== undefined) this.retryAt = retryAt;
  }
}

/** Thrown while the breaker is held open by {@link CircuitBreaker.isolate}. */
export class IsolatedCircuitError extends BrokenCircuitError {
  override readonly name: string = 'IsolatedCircuitError';
  constructor() {
    super('Circuit is isolated (熔断器被手动隔离): call rejected without reaching the upstream');
  }
}

/** True for {@link BrokenCircuitError} and subclasses, across realms and bundles (checks the brand). */
export const isBrokenCircuitError = (e: unknown): e is BrokenCircuitError =>
  typeof e === 'object' && e !== null && (e as { isBrokenCircuit?: unknown }).isBrokenCircuit === true;

function resolveOptions(o: CircuitBreakerOptions): ResolvedBreakerOptions {
  const windowSize = o.windowSize ?? 10;
  const r = {
    mode: o.mode ?? 'consecutive',
    failureThreshold: o.failureThreshold ?? 5,
    failureRateThreshold: o.failureRateThreshold ?? 0.5,
    windowSize,
    minimumCalls: Math.min(o.minimumCalls ?? 10, windowSize),
    successThreshold: o.successThreshold ?? 1,
    openMs: o.openMs ?? 60_000,
    halfOpenMaxProbes: o.halfOpenMaxProbes ?? 1,
  } as const;
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`CircuitBreaker: ${name} must be an integer ≥ 1 (got ${v})`);
  };
  positiveInt('failureThreshold', r.failureThreshold);
  positiveInt('windowSize', r.windowSize);
  positiveInt('minimumCalls', r.minimumCalls);
  positiveInt('successThreshold', r.successThreshold);
  positiveInt('halfOpenMaxProbes', r.halfOpenMaxProbes);
  if (!(r.failureRateThreshold > 0 && r.failureRateThreshold <= 1))
    throw new RangeError(`CircuitBreaker: failureRateThreshold must be in (0, 1] (got ${r.failureRateThreshold})`);
  if (!(r.openMs >= 0)) throw new RangeError(`CircuitBreaker: openMs must be ≥ 0 (got ${r.openMs})`);
  return r;
}

/** See the file comment. Call {@link execute}; read {@link state}; subscribe to {@link onTransition}. */
export class CircuitBreaker {
  readonly options: ResolvedBreakerOptions;
  private readonly clock: Clock;
  private readonly isFailure: ((error: unknown) => boolean) | undefined;
  private readonly transitions = new EventEmitter<BreakerTransition>();
  private readonly rejects = new EventEmitter<{ at: number; state: BreakerStateKind }>();
  /** Fires after every state change, in order; the new state is already visible. */
  readonly onTransition: Event<BreakerTransition> = this.transitions.event;
  /** Fires for every call refused without running. */
  readonly onReject: Event<{ at: number; state: BreakerStateKind }> = this.rejects.event;

  private kind: BreakerStateKind = 'closed';
  private consecutiveFailures = 0;
  // The window is a ring buffer so the hot path never copies an array.
  private readonly ring: Uint8Array;
  private ringHead = 0;
  private ringCount = 0;
  private ringFailures = 0;
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
    this.options = resolveOptions(options);
    this.clock = options.clock ?? systemClock;
    this.isFailure = options.isFailure;
    this.ring = new Uint8Array(this.options.windowSize);
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
      case 'closed': {
        const window: boolean[] = [];
        const size = this.ring.length;
        for (let i = 0, j = (this.ringHead - this.ringCount + size) % size; i < this.ringCount; i++, j = (j + 1) % size)
          window.push(this.ring[j] === 1);
        return { kind: 'closed', consecutiveFailures: this.consecutiveFailures, window };
      }
      case 'open':
        return { kind: 'open', openedAt: this.openedAt, halfOpenAt: this.halfOpenAt };
      case 'half-open':
        return { kind: 'half-open', since: this.since, inFlight: this.inFlight, successes: this.successes };
      case 'isolated':
        return { kind: 'isolated', since: this.since };
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
    if (this.kind === 'closed') {
      this.consecutiveFailures = 0;
      this.push(1);
    }
    return value;
  };

  private readonly onClosedFailure = (error: unknown): never => {
    if (this.kind === 'closed' && this.counts(error)) {
      this.consecutiveFailures++;
      this.push(0);
      this.checkTrip();
    }
    throw error;
  };

  private push(bit: 0 | 1): void {
    const i = this.ringHead;
    if (this.ringCount === this.ring.length) {
      if (this.ring[i] === 0) this.ringFailures--;
    } else this.ringCount++;
    this.ring[i] = bit;
    if (bit === 0) this.ringFailures++;
    this.ringHead = i + 1 === this.ring.length ? 0 : i + 1;
  }

  private checkTrip(): void {
    const o = this.options;
    if (o.mode === 'consecutive') {
      const n = this.consecutiveFailures;
      if (n >= o.failureThreshold)
        this.open('failure-threshold', `连续失败 ${n} 次 ≥ 阈值 ${o.failureThreshold}`, `${n} consecutive failures ≥ threshold ${o.failureThreshold}`);
    } else if (this.ringCount >= o.minimumCalls && this.ringFailures / this.ringCount >= o.failureRateThreshold) {
      const pct = `${Math.round((this.ringFailures / this.ringCount) * 100)}%`;
      const limit = `${Math.round(o.failureRateThreshold * 100)}%`;
      this.open(
        'failure-rate',
        `最近 ${this.ringCount} 次调用失败 ${this.ringFailures} 次（${pct}）≥ ${limit}`,
        `${this.ringFailures}/${this.ringCount} recent calls failed (${pct}) ≥ ${limit}`,
      );
    }
  }

  // --- open, half-open, isolated ----------------------------------------------

  private executeNotClosed<T>(fn: () => Promise<T>): Promise<T> {
    this.settleTimeout();
    if (this.kind === 'half-open' && this.inFlight < this.options.halfOpenMaxProbes) return this.probe(fn);
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
          const need = this.options.successThreshold;
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
    this.since = this.halfOpenAt;
    this.inFlight = 0;
    this.successes = 0;
    const ms = this.options.openMs;
    this.moveTo('half-open', this.halfOpenAt, 'timeout-elapsed', `熔断 ${ms} ms 已到，进入半开`, `open for ${ms} ms ≥ openMs ${ms}`);
  }

  private open(code: BreakerTransitionReason['code'], zh: string, en: string): void {
    const now = this.clock.now();
    this.openedAt = now;
    this.halfOpenAt = now + this.options.openMs;
    this.moveTo('open', now, code, zh, en);
  }

  private close(at: number, code: BreakerTransitionReason['code'], zh: string, en: string): void {
    this.consecutiveFailures = 0;
    this.ringHead = this.ringCount = this.ringFailures = 0;
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

/**
 * The lesson's full breaker (§4.2): failure_threshold=5, success_threshold=2,
 * timeout=60 s, window_size=10. Differences, on purpose:
 * - Half-open admits one probe at a time; the lesson admits every call.
 * - The lesson resets its failure count only when the whole window is clean, so
 *   its count is neither consecutive nor a rate; we offer both standard readings
 *   (`mode`), and the window drives `'failure-rate'`.
 */
export function lessonFullBreaker(overrides: CircuitBreakerOptions = {}): CircuitBreakerOptions {
  return { mode: 'consecutive', failureThreshold: 5, successThreshold: 2, openMs: 60_000, windowSize: 10, halfOpenMaxProbes: 1, ...overrides };
}

/**
 * The demo's simplified breaker: failure_threshold=5, timeout=60 s, one success
 * closes (the demo service itself uses 3 and 30 s). Fixed here:
 * - Its `(now - last).seconds > timeout` reads only the seconds part of a
 *   timedelta (0–86 399), ignoring days; we compare full milliseconds.
 * - Its failure count is never reset on success, so scattered failures add up
 *   forever; ours counts failures in a row.
 * - It never limits half-open calls; we allow one probe at a time.
 */
export function lessonSimplifiedBreaker(overrides: CircuitBreakerOptions = {}): CircuitBreakerOptions {
  return { mode: 'consecutive', failureThreshold: 5, successThreshold: 1, openMs: 60_000, halfOpenMaxProbes: 1, ...overrides };
}
