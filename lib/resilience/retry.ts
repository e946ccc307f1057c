import {
  BACKOFFS,
  DEFAULT_BACKOFF_OPTIONS,
  createBackoff,
  explainBackoff,
  type BackoffExplanation,
  type BackoffFn,
  type BackoffId,
  type BackoffOptions,
} from './backoff';
import { classifyError, type ErrorClassification } from './classify';
import { sleep, systemClock, type Clock } from './clock';
import { EventEmitter, type Event } from './events';
import { systemRandom, type Random } from './random';
import { DEFAULT_MAX_RETRY_AFTER_MS, describeRetryAfter, parseRetryAfter, type HeadersLike, type RetryAfter } from './retry-after';
import type { RetryBudget } from './retry-budget';

/**
 * The retry policy: the lesson's `retry_with_backoff` decorator (§3.4), with
 * classified errors, Retry-After, budgets, abort and typed events.
 *
 * Counting differs from the lesson on purpose. The lesson's `max_retries=3`
 * loops `for attempt in range(3)`: 3 *attempts*, i.e. 2 retries. Here
 * `maxRetries` counts retries *after* the first attempt, as the openai SDK's
 * `maxRetries` and gRPC's do: `maxRetries: 3` makes up to 4 calls, and the
 * lesson's decorator is `maxRetries: 2`.
 */

/** Anything with the budget's three methods (lib/sim's budget fits too). */
export type RetryBudgetLike = Pick<RetryBudget, 'canRetry' | 'recordFailure' | 'recordSuccess'>;

/** Options of {@link createRetryPolicy}; every one has a default. */
export interface RetryOptions {
  /** Retries after the first attempt (not attempts; see above). Default 3. `Infinity` leaves the limit to the budgets. */
  maxRetries?: number;
  /** Backoff strategy. Default `'full'` (full jitter; Brooker 2015). */
  backoff?: BackoffId;
  /** Backoff base and cap in ms. Default base 1000, cap 60 000 (the lesson's 1 s and 60 s). */
  backoffOptions?: Partial<BackoffOptions>;
  /** Retry this error? Default `c.retryable`. A caller's abort is never retried, whatever this says. */
  shouldRetry?: (c: ErrorClassification, error: unknown) => boolean;
  /** Default {@link classifyError}, reading HTTP-date Retry-After against {@link RetryOptions.wallClock}. */
  classify?: (error: unknown) => ErrorClassification;
  /**
   * Wait what a valid `retry-after-ms`/`Retry-After` says instead of the backoff. Default true.
   * Why instead of `max(backoff, Retry-After)`: the server knows when its rate-limit window
   * reopens; waiting longer only adds latency. (The openai SDK does the same.)
   */
  honorRetryAfter?: boolean;
  /**
   * Longest Retry-After honoured, in ms. Default 60 000. A longer one gives up at once
   * (`retry-after-too-long`): retrying sooner than the server asked only earns another 429,
   * and waiting minutes inside a user's request is worse than falling back (openai 6.x would
   * wait any number). A negative or unparseable value falls back to the backoff; the event
   * carries the rejected value with its reason.
   */
  maxRetryAfterMs?: number;
  /** Give up when the next wait would end more than this many ms after the first attempt started. Default: no limit. */
  totalBudgetMs?: number;
  /** Token bucket shared per client: a retryable failure costs a token, a success earns some back. Default: none. */
  retryBudget?: RetryBudgetLike;
  /** Schedules the waits and stamps the events (sandbox ms). Default {@link systemClock}. */
  clock?: Clock;
  /**
   * Current *epoch* ms, for an HTTP-date Retry-After, both in the policy's own read and in the
   * default classifier. Default `Date.now`. Separate from `clock` on purpose: a sandbox clock
   * starts at 0, and a date compared with it looks 56 years away. For such a clock pass
   * {@link wallClockFrom}`(clock, epochAtStart)`.
   */
  wallClock?: () => number;
  /** Default `Math.random`. */
  random?: Random;
}

/** What the policy resolved every option to. */
export interface ResolvedRetryOptions {
  maxRetries: number;
  backoff: BackoffId;
  backoffOptions: BackoffOptions;
  shouldRetry: (c: ErrorClassification, error: unknown) => boolean;
  classify: (error: unknown) => ErrorClassification;
  honorRetryAfter: boolean;
  maxRetryAfterMs: number;
  totalBudgetMs: number | undefined;
  retryBudget: RetryBudgetLike | undefined;
  clock: Clock;
  wallClock: () => number;
  random: Random;
}

/** Passed to the wrapped function on every attempt. */
export interface RetryContext {
  /** 0 for the first try, 1 for the first retry, … */
  attempt: number;
  /** The caller's signal, to pass on to the SDK call. */
  signal?: AbortSignal;
}

interface BaseEvent {
  /** 0-based attempt index. */
  attempt: number;
  /** Clock time in ms. */
  at: number;
  /** Whatever the caller passed as `context` (e.g. a request id or trace). */
  context: unknown;
}
/** An attempt is about to call the function. */
export type AttemptEvent = BaseEvent;
/** An attempt succeeded; `attempt` is its index. */
export type SuccessEvent = BaseEvent;
/** An attempt failed and a retry is scheduled after `delayMs`. */
export interface RetryScheduledEvent extends BaseEvent {
  /** `attempt` is the one that failed; the retry will be attempt + 1. */
  error: unknown;
  classification: ErrorClassification;
  delayMs: number;
  reason: 'backoff' | 'retry-after';
  /** e.g. `min(60, 1·2²) × (0.5 + 0.37) = 3.48 s` or `Retry-After: 2 s → 2 s`. */
  formula: string;
  /** The backoff's arithmetic, when the delay came from the backoff. */
  explanation?: BackoffExplanation;
  /** The server's hint when one was sent: used (`ok: true`) or ignored with a reason. */
  retryAfter?: RetryAfter;
}
/** Why the policy stopped: the error cannot be helped, or a limit (count, time, tokens) or the caller ended it. */
export type GiveUpReason = 'not-retryable' | 'max-retries' | 'time-budget' | 'retry-budget' | 'retry-after-too-long' | 'aborted';
/** The policy stopped retrying. */
export interface GiveUpEvent extends BaseEvent {
  /** The last attempt's error (rethrown as is, unless the caller aborted during a wait). */
  error: unknown;
  classification: ErrorClassification;
  reason: GiveUpReason;
}

/** A configured retry policy; share one per upstream so its events and budget cover every request. */
export interface RetryPolicy {
  /** Run `fn` until it succeeds or the policy gives up; rejects with the last error itself (not a wrapper). */
  execute<T>(fn: (ctx: RetryContext) => Promise<T>, opts?: { signal?: AbortSignal; context?: unknown }): Promise<T>;
  readonly onAttempt: Event<AttemptEvent>;
  readonly onRetry: Event<RetryScheduledEvent>;
  readonly onGiveUp: Event<GiveUpEvent>;
  readonly onSuccess: Event<SuccessEvent>;
  readonly options: Readonly<ResolvedRetryOptions>;
}

/** Create a retry policy. See {@link RetryOptions} for defaults. */
export function createRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  return new Retry(resolve(options));
}

function resolve(o: RetryOptions): ResolvedRetryOptions {
  const maxRetries = o.maxRetries ?? 3;
  if (!(maxRetries >= 0) || !(Number.isInteger(maxRetries) || maxRetries === Infinity)) {
    throw new RangeError(`maxRetries must be an integer ≥ 0, got ${maxRetries}`);
  }
  const backoff = o.backoff ?? 'full';
  if (!(backoff in BACKOFFS)) throw new RangeError(`unknown backoff '${backoff}'`);
  const clock = o.clock ?? systemClock;
  const wallClock = o.wallClock ?? Date.now;
  const classifyOptions = { now: wallClock };
  return {
    maxRetries,
    backoff,
    backoffOptions: { ...DEFAULT_BACKOFF_OPTIONS, ...o.backoffOptions },
    shouldRetry: o.shouldRetry ?? ((c) => c.retryable),
    classify: o.classify ?? ((error) => classifyError(error, classifyOptions)),
    honorRetryAfter: o.honorRetryAfter ?? true,
    maxRetryAfterMs: o.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    totalBudgetMs: o.totalBudgetMs,
    retryBudget: o.retryBudget,
    clock,
    wallClock,
    random: o.random ?? systemRandom,
  };
}

/** Shared by every first attempt without a signal, so the success path allocates nothing for it. */
const FIRST_ATTEMPT: RetryContext = Object.freeze({ attempt: 0 });

class Retry implements RetryPolicy {
  private readonly attempts = new EventEmitter<AttemptEvent>();
  private readonly retries = new EventEmitter<RetryScheduledEvent>();
  private readonly giveUps = new EventEmitter<GiveUpEvent>();
  private readonly successes = new EventEmitter<SuccessEvent>();
  readonly onAttempt = this.attempts.event;
  readonly onRetry = this.retries.event;
  readonly onGiveUp = this.giveUps.event;
  readonly onSuccess = this.successes.event;
  private readonly backoffFn: BackoffFn;

  constructor(readonly options: Readonly<ResolvedRetryOptions>) {
    this.backoffFn = createBackoff(options.backoff, options.backoffOptions);
  }

  // The hot path: one try/await, no closures, no event payloads unless someone listens.
  async execute<T>(fn: (ctx: RetryContext) => Promise<T>, opts?: { signal?: AbortSignal; context?: unknown }): Promise<T> {
    const signal = opts?.signal;
    const context = opts?.context;
    const o = this.options;
    const start = o.totalBudgetMs === undefined ? 0 : o.clock.now();
    let ctx = signal === undefined ? FIRST_ATTEMPT : { attempt: 0, signal };
    let previousDelayMs = 0;
    for (let attempt = 0; ; ) {
      if (this.attempts.hasListeners) this.attempts.emit({ attempt, at: o.clock.now(), context });
      try {
        const value = await fn(ctx);
        o.retryBudget?.recordSuccess();
        if (this.successes.hasListeners) this.successes.emit({ attempt, at: o.clock.now(), context });
        return value;
      } catch (error) {
        // Throws `error` itself when giving up; otherwise returns how long to wait.
        const { delayMs, classification } = this.decide(error, attempt, previousDelayMs, signal, context, start);
        try {
          await sleep(o.clock, delayMs, signal);
        } catch (abort) {
          this.emitGiveUp(attempt, context, error, classification, 'aborted');
          throw abort; // the abort, not the old error: the caller asked to stop
        }
        previousDelayMs = delayMs;
        attempt++;
        ctx = { attempt, signal };
      }
    }
  }

  /** After a failed attempt: give up (throw the error) or schedule a retry (return its delay). */
  private decide(
    error: unknown,
    attempt: number,
    previousDelayMs: number,
    signal: AbortSignal | undefined,
    context: unknown,
    start: number,
  ): { delayMs: number; classification: ErrorClassification } {
    const o = this.options;
    const c = o.classify(error);
    if (signal?.aborted || c.kind === 'aborted') return this.giveUp(attempt, context, error, c, 'aborted');
    if (!o.shouldRetry(c, error)) return this.giveUp(attempt, context, error, c, 'not-retryable');
    o.retryBudget?.recordFailure();
    if (attempt >= o.maxRetries) return this.giveUp(attempt, context, error, c, 'max-retries');
    if (o.retryBudget && !o.retryBudget.canRetry()) return this.giveUp(attempt, context, error, c, 'retry-budget');

    const retryAfter = o.honorRetryAfter ? this.retryAfterOf(error) : undefined;
    if (retryAfter?.ok === false && retryAfter.reason === 'too-large') return this.giveUp(attempt, context, error, c, 'retry-after-too-long');
    const listening = this.retries.hasListeners;
    let delayMs: number;
    let formula = '';
    let explanation: BackoffExplanation | undefined;
    if (retryAfter?.ok) {
      delayMs = retryAfter.ms;
      if (listening) formula = describeRetryAfter(retryAfter);
    } else if (listening) {
      // Same draws as backoffFn, so listening never changes the delays.
      explanation = explainBackoff(o.backoff, attempt, previousDelayMs, o.random, o.backoffOptions);
      delayMs = explanation.delayMs;
      formula = explanation.formula;
    } else {
      delayMs = this.backoffFn(attempt, previousDelayMs, o.random);
    }
    if (o.totalBudgetMs !== undefined && o.clock.now() + delayMs > start + o.totalBudgetMs) {
      return this.giveUp(attempt, context, error, c, 'time-budget');
    }
    if (listening) {
      this.retries.emit({
        attempt,
        at: o.clock.now(),
        context,
        error,
        classification: c,
        delayMs,
        reason: retryAfter?.ok ? 'retry-after' : 'backoff',
        formula,
        ...(explanation ? { explanation } : {}),
        ...(retryAfter ? { retryAfter } : {}),
      });
    }
    return { delayMs, classification: c };
  }

  /** The server's hint, or undefined when it sent none. */
  private retryAfterOf(error: unknown): RetryAfter | undefined {
    if (typeof error !== 'object' || error === null) return undefined;
    const headers = (error as { headers?: unknown }).headers;
    if (typeof headers !== 'object' || headers === null) return undefined;
    const r = parseRetryAfter(headers as HeadersLike, { now: this.options.wallClock, maxMs: this.options.maxRetryAfterMs });
    return r.ok || r.reason !== 'missing' ? r : undefined;
  }

  private giveUp(attempt: number, context: unknown, error: unknown, classification: ErrorClassification, reason: GiveUpReason): never {
    this.emitGiveUp(attempt, context, error, classification, reason);
    throw error;
  }

  private emitGiveUp(attempt: number, context: unknown, error: unknown, classification: ErrorClassification, reason: GiveUpReason): void {
    if (this.giveUps.hasListeners) this.giveUps.emit({ attempt, at: this.options.clock.now(), context, error, classification, reason });
  }
}
