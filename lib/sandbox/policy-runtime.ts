import type { Policy, RetryPoint } from '@/lib/contract';
import { backoffEnvelope } from '@/lib/resilience/backoff';
import { CircuitBreaker, type BreakerTransition, type CircuitBreakerOptions } from '@/lib/resilience/circuit-breaker';
import { classifyError } from '@/lib/resilience/classify';
import type { Clock, TimerHandle } from '@/lib/resilience/clock';
import { EventEmitter, type Disposable } from '@/lib/resilience/events';
import type { Random } from '@/lib/resilience/random';
import { createRetryPolicy, type RetryPolicy } from '@/lib/resilience/retry';
import { RetryBudget } from '@/lib/resilience/retry-budget';
import { TtlLruCache } from '@/lib/resilience/ttl-lru-cache';
import type { RequestContext } from './trace-recorder';

/** Bytes of answers one session's cache may hold. Default 512 KiB: a few hundred answers, never a memory leak. */
export const CACHE_MAX_BYTES = 512 * 1024;

/** Options of {@link PolicyRuntime}. */
export interface PolicyRuntimeOptions {
  policy: Policy;
  /** Sandbox clock: backoff sleeps, the breaker's open period and cache TTLs run on it. */
  clock: Clock;
  /** Epoch ms now, for HTTP-date Retry-After: the epoch at sandbox start plus sandbox time. */
  wallClock: () => number;
  random: Random;
}

/**
 * The live objects a {@link Policy} describes: the retry policy (with its
 * budget), the circuit breaker and the response cache. A new policy rebuilds
 * only what changed, and the breaker keeps its state through a change of its
 * own settings (an OPEN breaker stays OPEN), so the timeline never shows a
 * state the breaker is not in.
 *
 * Retry events write the trace of the request they belong to (its
 * {@link RequestContext}); breaker transitions and retry points are re-emitted
 * for the dashboard.
 */
export class PolicyRuntime {
  private current!: Policy;
  retry!: RetryPolicy;
  breaker!: CircuitBreaker;
  cache!: TtlLruCache<string, string>;
  private budget: RetryBudget | undefined;
  private halfOpenTimer: TimerHandle | undefined;
  private breakerSubscription: Disposable | undefined;

  private readonly retries = new EventEmitter<RetryPoint>();
  private readonly transitions = new EventEmitter<BreakerTransition>();
  /** A retry was scheduled: its delay, the formula and the strategy's envelope. */
  readonly onRetry = this.retries.event;
  /** The breaker changed state, with the reason. */
  readonly onTransition = this.transitions.event;

  constructor(private readonly options: Omit<PolicyRuntimeOptions, 'policy'> & { policy: Policy }) {
    this.apply(options.policy);
  }

  get policy(): Policy {
    return this.current;
  }

  /** Apply a new policy to the next request; rebuild only the parts whose settings changed. */
  apply(policy: Policy): void {
    const previous = this.current;
    this.current = policy;
    const changed = (key: keyof Policy) => !previous || JSON.stringify(previous[key]) !== JSON.stringify(policy[key]);
    if (changed('cache')) {
      this.cache = new TtlLruCache({
        maxEntries: policy.cache.maxEntries,
        ttlMs: policy.cache.ttlMs,
        maxBytes: CACHE_MAX_BYTES,
        sizeOf: (key, value) => 2 * (key.length + value.length),
        clock: this.options.clock,
      });
    }
    if (changed('breaker')) this.applyBreaker(policy.breaker);
    if (changed('retry')) this.buildRetry();
  }

  /** Stop the half-open timer and detach from the breaker. */
  dispose(): void {
    if (this.halfOpenTimer !== undefined) this.options.clock.clearTimeout(this.halfOpenTimer);
    this.breakerSubscription?.dispose();
  }

  private breakerOptions(b: Policy['breaker']): CircuitBreakerOptions {
    return {
      mode: b.mode,
      failureThreshold: b.failureThreshold,
      failureRateThreshold: b.failureRateThreshold,
      windowSize: b.windowSize,
      minimumCalls: Math.min(b.minimumCalls, b.windowSize),
      successThreshold: b.successThreshold,
      openMs: b.openMs,
      halfOpenMaxProbes: b.halfOpenMaxProbes,
    };
  }

  private applyBreaker(b: Policy['breaker']): void {
    if (this.breaker) {
      // Same breaker, new settings: its state and history stay (see CircuitBreaker.reconfigure).
      this.breaker.reconfigure(this.breakerOptions(b));
      this.scheduleHalfOpen();
      return;
    }
    this.breaker = new CircuitBreaker({ ...this.breakerOptions(b), isFailure: countsAgainstBreaker, clock: this.options.clock });
    this.breakerSubscription = this.breaker.onTransition((t) => {
      this.scheduleHalfOpen();
      this.transitions.emit(t);
    });
  }

  /**
   * While open, read the state once the open period is due: the breaker moves
   * to half-open lazily, and this makes it announce HALF_OPEN even with no traffic.
   */
  private scheduleHalfOpen(): void {
    const clock = this.options.clock;
    if (this.halfOpenTimer !== undefined) clock.clearTimeout(this.halfOpenTimer);
    this.halfOpenTimer = undefined;
    const state = this.breaker.state;
    if (state.kind === 'open') this.halfOpenTimer = clock.setTimeout(() => void this.breaker.state, state.halfOpenAt - clock.now());
  }

  private buildRetry(): void {
    const r = this.current.retry;
    const { clock, random, wallClock } = this.options;
    this.budget = r.budget.enabled ? new RetryBudget({ maxTokens: r.budget.maxTokens, tokenRatio: r.budget.tokenRatio }) : undefined;
    const retry = createRetryPolicy({
      maxRetries: r.maxRetries,
      backoff: r.strategy,
      backoffOptions: { baseMs: r.baseMs, capMs: r.capMs },
      honorRetryAfter: r.honorRetryAfter,
      retryBudget: this.budget,
      clock,
      wallClock,
      random,
    });
    // These subscriptions live as long as this retry policy: requests still running
    // under an older policy keep writing their own traces until they finish.
    retry.onRetry((e) => {
      const ctx = e.context as RequestContext;
      const breaker = this.breaker.state.kind;
      ctx.trace.push({ type: 'retry', at: e.at, layer: 'primary', attempt: e.attempt + 1, delayMs: e.delayMs, reason: e.reason, formula: e.formula, breaker });
      if (!this.retries.hasListeners) return;
      this.retries.emit({
        requestId: ctx.id,
        at: e.at,
        retry: e.attempt + 1,
        delayMs: e.delayMs,
        reason: e.reason,
        strategy: r.strategy,
        envelope: backoffEnvelope(r.strategy, e.attempt, { baseMs: r.baseMs, capMs: r.capMs }, e.explanation?.inputs.previousDelayMs),
        formula: e.formula,
        errorKind: e.classification.kind,
        ...(e.classification.status !== undefined ? { status: e.classification.status } : {}),
      });
    });
    retry.onGiveUp((e) => {
      const ctx = e.context as RequestContext;
      ctx.trace.push({ type: 'give-up', at: e.at, layer: 'primary', reason: e.reason, breaker: this.breaker.state.kind });
    });
    this.retry = retry;
  }
}

/** Kinds that are the request's own fault (or the caller's choice), not the upstream's health. */
const REQUEST_FAULTS = new Set(['aborted', 'bad-request', 'context-length', 'unprocessable', 'content-filter', 'incomplete']);

/**
 * Which failures count against the breaker: the upstream's health, not the
 * request's own faults. A 400, a 422, a moderation refusal or an answer cut at
 * its length limit says "this request is wrong", and a caller's abort says
 * nothing about the upstream; none of them should open the breaker.
 */
export function countsAgainstBreaker(error: unknown): boolean {
  return !REQUEST_FAULTS.has(classifyError(error).kind);
}
