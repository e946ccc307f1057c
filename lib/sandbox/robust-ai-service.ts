import type OpenAI from 'openai';
import { backoffEnvelope } from '@/lib/resilience/backoff';
import { CircuitBreaker, isBrokenCircuitError, type BreakerTransition } from '@/lib/resilience/circuit-breaker';
import { classifyError, type ErrorClassification } from '@/lib/resilience/classify';
import { AbortedError, systemClock, type Clock, type TimerHandle } from '@/lib/resilience/clock';
import { EventEmitter, type Disposable } from '@/lib/resilience/events';
import { runFallbackChain, type FallbackLayer } from '@/lib/resilience/fallback';
import { systemRandom, type Random } from '@/lib/resilience/random';
import { createRetryPolicy, type RetryPolicy } from '@/lib/resilience/retry';
import { RetryBudget } from '@/lib/resilience/retry-budget';
import { StatsCollector, type AnswerSource, type StatsSnapshot } from '@/lib/resilience/stats';
import { TtlLruCache } from '@/lib/resilience/ttl-lru-cache';
import { callUpstream } from './attempt';
import { isChinese } from '@/lib/i18n/han';
import { LOCAL_MODEL, PRIMARY_MODEL } from '@/lib/scenario/models';
import { cannedReply } from './canned';
import { redactSecrets } from './redact';
import type { Policy } from '@/lib/contract';
import type { RequestRecord, RetryPoint, TraceError, TraceStep } from '@/lib/contract';

export interface RobustAIServiceOptions {
  /** The primary model's client, created with `maxRetries: 0`: this service owns retries. */
  primary: OpenAI;
  /** Layer 3: a second OpenAI-compatible client (the lesson's `LOCAL_LLM_BASE_URL`). */
  local: OpenAI;
  policy: Policy;
  /** Default `gpt-3.5-turbo`, the lesson's model. */
  model?: string;
  /** Default `qwen2.5-7b-instruct`, the lesson's local model. */
  localModel?: string;
  clock?: Clock;
  random?: Random;
  /** Ids for new requests. Default 1, 2, 3, … per service; a session passes its own so ids survive a reset. */
  nextId?: () => number;
}

/** Per-request bookkeeping that the retry events write into. */
interface RequestContext {
  id: number;
  trace: TraceStep[];
  attempts: number;
  lastError?: ErrorClassification;
  rejectedByBreaker: boolean;
}

const SOURCE_OF_LAYER: Record<string, AnswerSource> = { cache: 'cache', primary: 'api', local: 'local', canned: 'fallback' };

/**
 * The lesson's `RobustAIService`, composed from lib/resilience:
 *
 *     cache → breaker(retry(primary)) → local model → canned reply
 *
 * Improvements over the lesson, each visible in the trace: errors are
 * classified (401 and insufficient_quota are not retried), Retry-After is
 * honoured, an optional retry budget limits retries per client, every attempt
 * has a deadline that also covers a stalled stream, and half-open lets only a
 * limited number of probes through.
 */
export class RobustAIService {
  private readonly clock: Clock;
  private readonly random: Random;
  private policy!: Policy;
  private retry!: RetryPolicy;
  private breaker!: CircuitBreaker;
  private cache!: TtlLruCache<string, string>;
  private budget: RetryBudget | undefined;
  private readonly stats = new StatsCollector();
  private subscriptions: Disposable[] = [];
  private halfOpenTimer: TimerHandle | undefined;
  private ids = 0;
  private readonly nextId: () => number;
  /** Aborted by {@link dispose}: every sleep, attempt and fallback of this service's requests listens to it. */
  private readonly lifetime = new AbortController();

  private readonly requests = new EventEmitter<RequestRecord>();
  private readonly retries = new EventEmitter<RetryPoint>();
  private readonly transitions = new EventEmitter<BreakerTransition>();
  /** A request finished (any source). */
  readonly onRequest = this.requests.event;
  /** A retry was scheduled: its delay, the formula and the strategy's envelope. */
  readonly onRetry = this.retries.event;
  /** The breaker changed state, with the reason. */
  readonly onTransition = this.transitions.event;

  constructor(private readonly options: RobustAIServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? systemRandom;
    this.nextId = options.nextId ?? (() => ++this.ids);
    this.setPolicy(options.policy);
  }

  /** Apply a new policy to the next request. The breaker and cache keep their state unless their own settings changed. */
  setPolicy(policy: Policy): void {
    const previous = this.policy;
    this.policy = policy;
    const changed = (key: keyof Policy) => !previous || JSON.stringify(previous[key]) !== JSON.stringify(policy[key]);
    if (changed('cache')) this.cache = new TtlLruCache({ maxEntries: policy.cache.maxEntries, ttlMs: policy.cache.ttlMs, clock: this.clock });
    if (changed('breaker')) this.buildBreaker();
    if (changed('retry')) this.buildRetry();
  }

  /** Breaker state now (applies a due open → half-open transition). */
  get breakerState() {
    return this.breaker.state;
  }

  /** The lesson's stats plus percentiles. */
  get statsSnapshot(): StatsSnapshot {
    return this.stats.snapshot();
  }

  /** Cancel every request in flight (they reject with an abort), stop timers and listeners. */
  dispose(): void {
    this.lifetime.abort(new Error('The sandbox was reset or closed while this request was in flight.'));
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions = [];
    if (this.halfOpenTimer !== undefined) this.clock.clearTimeout(this.halfOpenTimer);
  }

  /** Answer one message through the four layers. Never throws, except with an abort: the caller's, or {@link dispose}'s. */
  async chat(message: string, opts: { signal?: AbortSignal; runId?: string } = {}): Promise<RequestRecord> {
    const signal = opts.signal ? AbortSignal.any([opts.signal, this.lifetime.signal]) : this.lifetime.signal;
    if (signal.aborted) throw new AbortedError(signal.reason);
    const startedAt = this.clock.now();
    const ctx: RequestContext = { id: this.nextId(), trace: [], attempts: 0, rejectedByBreaker: false };
    const p = this.policy;
    const layers: FallbackLayer<string>[] = [
      { name: 'cache', enabled: p.cache.enabled, run: () => this.fromCache(message, ctx) },
      { name: 'primary', run: (signal) => this.fromPrimary(message, ctx, signal) },
      { name: 'local', enabled: p.fallback.local, run: (signal) => this.fromLocal(message, ctx, signal) },
      { name: 'canned', enabled: p.fallback.canned, run: () => cannedReply(message, ctx.rejectedByBreaker) },
    ];
    for (const layer of layers) {
      if (layer.enabled === false) ctx.trace.push({ type: 'skipped', at: startedAt, layer: layer.name as 'cache', why: 'disabled' });
    }

    let source: AnswerSource;
    let content: string;
    try {
      const result = await runFallbackChain(layers, { signal });
      source = SOURCE_OF_LAYER[result.layer] ?? 'api';
      content = result.value;
    } catch (error) {
      if (signal.aborted) throw error;
      // Every layer failed or was off: the lesson's "friendly message", in the question's language.
      source = 'error';
      const c = ctx.lastError ?? classifyError(error);
      content = isChinese(message) ? c.userMessage.zh : c.userMessage.en;
    }
    const endedAt = this.clock.now();
    ctx.trace.push({ type: 'answer', at: endedAt, layer: layerOf(source), source });
    const record: RequestRecord = {
      id: ctx.id,
      message,
      source,
      content,
      startedAt,
      endedAt,
      latencyMs: endedAt - startedAt,
      attempts: ctx.attempts,
      trace: ctx.trace,
      ...(opts.runId ? { runId: opts.runId } : {}),
    };
    this.stats.record({ source, latencyMs: record.latencyMs, attempts: ctx.attempts, rejectedByBreaker: ctx.rejectedByBreaker, at: endedAt });
    if (this.requests.hasListeners) this.requests.emit(record);
    return record;
  }

  // ── layers ────────────────────────────────────────────────────────────

  private fromCache(message: string, ctx: RequestContext): string | undefined {
    const hit = this.cache.get(message);
    ctx.trace.push({ type: 'cache', at: this.clock.now(), layer: 'cache', hit: hit !== undefined });
    return hit;
  }

  private async fromPrimary(message: string, ctx: RequestContext, signal?: AbortSignal): Promise<string> {
    const call = () => this.retry.execute((attempt) => this.attempt('primary', message, ctx, attempt.signal ?? signal), { signal, context: ctx });
    try {
      const text = this.policy.breaker.enabled ? await this.breaker.execute(call) : await call();
      if (this.policy.cache.enabled) this.cache.set(message, text);
      return text;
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        ctx.rejectedByBreaker = true;
        ctx.trace.push({ type: 'breaker-rejected', at: this.clock.now(), layer: 'primary', breaker: this.breaker.state.kind });
      }
      throw error;
    }
  }

  private fromLocal(message: string, ctx: RequestContext, signal?: AbortSignal): Promise<string> {
    return this.attempt('local', message, ctx, signal);
  }

  /** One upstream call, recorded in the trace with its classified error. */
  private async attempt(layer: 'primary' | 'local', message: string, ctx: RequestContext, signal?: AbortSignal): Promise<string> {
    const at = this.clock.now();
    // The local model gets one try; the primary's attempts are numbered across retries.
    const attemptNo = layer === 'primary' ? ++ctx.attempts : 1;
    const client = layer === 'primary' ? this.options.primary : this.options.local;
    const model = layer === 'primary' ? (this.options.model ?? PRIMARY_MODEL) : (this.options.localModel ?? LOCAL_MODEL);
    const breaker = this.breaker.state.kind;
    try {
      const text = await callUpstream({
        client,
        model,
        message,
        timeoutMs: this.policy.retry.attemptTimeoutMs,
        clock: this.clock,
        stream: layer === 'primary',
        signal,
      });
      ctx.trace.push({ type: 'attempt', at, layer, attempt: attemptNo, durationMs: this.clock.now() - at, ok: true, breaker });
      return text;
    } catch (error) {
      const c = classifyError(error);
      ctx.lastError = c;
      ctx.trace.push({ type: 'attempt', at, layer, attempt: attemptNo, durationMs: this.clock.now() - at, ok: false, error: traceError(c, error), breaker });
      throw error;
    }
  }

  // ── wiring ────────────────────────────────────────────────────────────

  private buildRetry(): void {
    const r = this.policy.retry;
    this.budget = r.budget.enabled ? new RetryBudget({ maxTokens: r.budget.maxTokens, tokenRatio: r.budget.tokenRatio }) : undefined;
    this.retry = createRetryPolicy({
      maxRetries: r.maxRetries,
      backoff: r.strategy,
      backoffOptions: { baseMs: r.baseMs, capMs: r.capMs },
      honorRetryAfter: r.honorRetryAfter,
      retryBudget: this.budget,
      clock: this.clock,
      random: this.random,
    });
    this.resubscribe();
  }

  private buildBreaker(): void {
    if (this.halfOpenTimer !== undefined) this.clock.clearTimeout(this.halfOpenTimer);
    const b = this.policy.breaker;
    this.breaker = new CircuitBreaker({
      mode: b.mode,
      failureThreshold: b.failureThreshold,
      failureRateThreshold: b.failureRateThreshold,
      windowSize: b.windowSize,
      minimumCalls: Math.min(b.minimumCalls, b.windowSize),
      successThreshold: b.successThreshold,
      openMs: b.openMs,
      halfOpenMaxProbes: b.halfOpenMaxProbes,
      isFailure: countsAgainstBreaker,
      clock: this.clock,
    });
    if (this.retry) this.resubscribe();
  }

  private resubscribe(): void {
    this.subscriptions.forEach((s) => s.dispose());
    const r = this.policy.retry;
    this.subscriptions = [
      this.retry.onRetry((e) => {
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
          envelope: backoffEnvelope(r.strategy, e.attempt, { baseMs: r.baseMs, capMs: r.capMs }),
          formula: e.formula,
          errorKind: e.classification.kind,
          ...(e.classification.status !== undefined ? { status: e.classification.status } : {}),
        });
      }),
      this.retry.onGiveUp((e) => {
        const ctx = e.context as RequestContext;
        ctx.trace.push({ type: 'give-up', at: e.at, layer: 'primary', reason: e.reason, breaker: this.breaker.state.kind });
      }),
      this.breaker.onTransition((t) => {
        if (t.to === 'open') {
          this.stats.recordBreakerOpen();
          // Reading the state once the timeout is due makes the breaker announce HALF_OPEN even with no traffic.
          if (this.halfOpenTimer !== undefined) this.clock.clearTimeout(this.halfOpenTimer);
          this.halfOpenTimer = this.clock.setTimeout(() => void this.breaker.state, this.policy.breaker.openMs);
        }
        this.transitions.emit(t);
      }),
    ];
  }
}

/**
 * Which failures count against the breaker: the upstream's health, not the
 * request's own faults. A 400 or 422 says "this request is wrong", and a caller's
 * abort says nothing about the upstream; neither should open the breaker.
 */
function countsAgainstBreaker(error: unknown): boolean {
  const kind = classifyError(error).kind;
  return !(kind === 'aborted' || kind === 'bad-request' || kind === 'context-length' || kind === 'unprocessable');
}

function traceError(c: ErrorClassification, error: unknown): TraceError {
  return {
    kind: c.kind,
    ...(c.status !== undefined ? { status: c.status } : {}),
    ...(c.code !== undefined ? { code: c.code } : {}),
    sdkClass: c.sdkClass,
    message: redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 300),
    retryable: c.retryable,
    why: c.why,
  };
}

function layerOf(source: AnswerSource) {
  return source === 'api' ? 'primary' : source === 'local' ? 'local' : source === 'cache' ? 'cache' : 'canned';
}
