import { setMaxListeners } from 'node:events';
import type OpenAI from 'openai';
import type { Policy, RequestRecord } from '@/lib/contract';
import { isChinese } from '@/lib/i18n/han';
import { isBrokenCircuitError, type BreakerState } from '@/lib/resilience/circuit-breaker';
import { classifyError, type ErrorClassification } from '@/lib/resilience/classify';
import { AbortedError, systemClock, type Clock } from '@/lib/resilience/clock';
import { EventEmitter } from '@/lib/resilience/events';
import { runFallbackChain, type FallbackLayer } from '@/lib/resilience/fallback';
import { systemRandom, type Random } from '@/lib/resilience/random';
import { StatsCollector, type AnswerSource, type StatsSnapshot } from '@/lib/resilience/stats';
import { LOCAL_MODEL, PRIMARY_MODEL } from '@/lib/scenario/models';
import { callUpstream } from './attempt';
import { cannedReply } from './canned';
import { PolicyRuntime } from './policy-runtime';
import type { HiddenCall } from './sdk-retry-layer';
import { finishRecord, newRequestContext, traceError, type RequestContext } from './trace-recorder';

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
  /** Default {@link systemClock}. */
  clock?: Clock;
  /** Epoch ms now, for HTTP-date Retry-After. Default `Date.now`; a sandbox passes its epoch at start + sandbox time. */
  wallClock?: () => number;
  /** Default `Math.random`. */
  random?: Random;
  /** Ids for new requests. Default 1, 2, 3, … per service; a session passes its own so ids survive a reset. */
  nextId?: () => number;
  /** Called when a request starts or ends (a paced clock's sign of life). Default: nothing. */
  onActivity?: () => void;
  /**
   * Who makes the SDK's own retries (`policy.retry.sdkMaxRetries`): `'replayed'` — a layer under
   * the mock client's fetch (lib/sandbox/sdk-retry-layer.ts) that reports each call to
   * {@link RobustAIService.recordHiddenCall}; `'sdk'` — the real SDK (real mode), unseen. Default `'sdk'`.
   */
  sdkRetries?: 'replayed' | 'sdk';
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
  private readonly classify: (error: unknown) => ErrorClassification;
  private readonly runtime: PolicyRuntime;
  private readonly stats = new StatsCollector();
  private ids = 0;
  private readonly nextId: () => number;
  /** Aborted by {@link dispose}: every sleep, attempt and fallback of this service's requests listens to it. */
  private readonly lifetime = new AbortController();
  /** Requests in flight by id, so a hidden SDK call can be written into its request's trace. */
  private readonly contexts = new Map<number, RequestContext>();
  private running = 0;
  private runningInteractive = 0;
  private readonly requests = new EventEmitter<RequestRecord>();
  /** A request finished (any source). */
  readonly onRequest = this.requests.event;
  /** A retry was scheduled: its delay, the formula and the strategy's envelope. */
  readonly onRetry;
  /** The breaker changed state, with the reason. */
  readonly onTransition;

  constructor(private readonly options: RobustAIServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.nextId = options.nextId ?? (() => ++this.ids);
    // Every request in flight listens to the lifetime signal (its sleeps, its attempts): a burst has
    // hundreds, which is by design, not the leak Node's default limit of 10 listeners warns about.
    setMaxListeners(0, this.lifetime.signal);
    const wallClock = options.wallClock ?? Date.now;
    this.classify = (error) => classifyError(error, { now: wallClock });
    this.runtime = new PolicyRuntime({
      policy: options.policy,
      clock: this.clock,
      wallClock,
      random: options.random ?? systemRandom,
    });
    this.onRetry = this.runtime.onRetry;
    this.onTransition = this.runtime.onTransition;
    this.runtime.onTransition((t) => {
      if (t.to === 'open') this.stats.recordBreakerOpen();
    });
  }

  /** Apply a new policy to the next request. The breaker and cache keep their state unless their own settings changed. */
  setPolicy(policy: Policy): void {
    this.runtime.apply(policy);
  }

  /** Breaker state now (applies a due open → half-open transition). */
  get breakerState(): BreakerState {
    return this.runtime.breaker.state;
  }

  /** The lesson's stats plus percentiles. */
  get statsSnapshot(): StatsSnapshot {
    return this.stats.snapshot();
  }

  /**
   * A call the SDK retry layer made for attempt `tag` (`"{request id}.{attempt}"`): counted,
   * and shown in the request's waterfall when it is a hidden retry.
   */
  recordHiddenCall(tag: string | null, call: HiddenCall): void {
    const [id, attempt] = (tag ?? '').split('.').map(Number);
    const ctx = this.contexts.get(id!);
    if (!ctx || !attempt) return;
    ctx.upstreamCalls++;
    ctx.trace.push({
      type: 'sdk-call',
      at: call.at,
      layer: 'primary',
      attempt,
      n: call.n,
      ...(call.status !== undefined ? { status: call.status } : {}),
      ...(call.retryInMs !== undefined ? { retryInMs: call.retryInMs } : {}),
    });
  }

  /** Requests in flight. */
  get inFlight(): number {
    return this.running;
  }

  /** Requests in flight that a person is waiting for (not part of a run). */
  get interactiveInFlight(): number {
    return this.runningInteractive;
  }

  /** Cancel every request in flight (they reject with an abort), stop timers. */
  dispose(): void {
    this.lifetime.abort(new Error('The sandbox was reset or closed while this request was in flight.'));
    this.runtime.dispose();
  }

  /** Answer one message through the four layers. Never throws, except with an abort: the caller's, or {@link dispose}'s. */
  async chat(message: string, opts: { signal?: AbortSignal; runId?: string } = {}): Promise<RequestRecord> {
    const interactive = opts.runId === undefined;
    // A sign of life before the request counts as in flight: an idle session's clock catches up to its pace first.
    this.options.onActivity?.();
    this.running++;
    if (interactive) this.runningInteractive++;
    try {
      return await this.answer(message, opts);
    } finally {
      this.running--;
      if (interactive) this.runningInteractive--;
      this.options.onActivity?.();
    }
  }

  private async answer(message: string, opts: { signal?: AbortSignal; runId?: string }): Promise<RequestRecord> {
    // Always a signal of this request's own, even with no caller signal (a run's requests): everything
    // downstream (undici's Request, sleeps, streams) hangs listeners on it, and on the service's
    // lifetime signal they would pile up for as long as the session lives.
    const linked = linkSignals(this.lifetime.signal, opts.signal);
    const signal = linked.signal;
    try {
      if (signal.aborted) throw new AbortedError(signal.reason);
      const startedAt = this.clock.now();
      const ctx = newRequestContext(this.nextId());
      this.contexts.set(ctx.id, ctx);
      try {
        return await this.chain(message, ctx, signal, startedAt, opts.runId);
      } finally {
        this.contexts.delete(ctx.id);
      }
    } finally {
      linked.dispose();
    }
  }

  private async chain(message: string, ctx: RequestContext, signal: AbortSignal, startedAt: number, runId: string | undefined): Promise<RequestRecord> {
    const p = this.runtime.policy;
    const layers: FallbackLayer<string>[] = [
      { name: 'cache', enabled: p.cache.enabled, run: () => this.fromCache(message, ctx) },
      { name: 'primary', run: (s) => this.fromPrimary(message, ctx, s) },
      { name: 'local', enabled: p.fallback.local, run: (s) => this.attempt('local', message, ctx, s) },
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
      const c = ctx.lastError ?? this.classify(error);
      content = isChinese(message) ? c.userMessage.zh : c.userMessage.en;
    }
    const endedAt = this.clock.now();
    const record = finishRecord(ctx, { message, source, content, startedAt, endedAt, ...(runId ? { runId } : {}) });
    this.stats.record({ source, latencyMs: record.latencyMs, attempts: ctx.attempts, upstreamCalls: record.upstreamCalls, rejectedByBreaker: ctx.rejectedByBreaker, at: endedAt });
    if (this.requests.hasListeners) this.requests.emit(record);
    return record;
  }

  // ── layers ────────────────────────────────────────────────────────────

  private fromCache(message: string, ctx: RequestContext): string | undefined {
    const hit = this.runtime.cache.get(message);
    ctx.trace.push({ type: 'cache', at: this.clock.now(), layer: 'cache', hit: hit !== undefined });
    return hit;
  }

  private async fromPrimary(message: string, ctx: RequestContext, signal?: AbortSignal): Promise<string> {
    const { retry, breaker, policy, cache } = this.runtime;
    const call = () => retry.execute((attempt) => this.attempt('primary', message, ctx, attempt.signal ?? signal), { signal, context: ctx });
    try {
      const text = policy.breaker.enabled ? await breaker.execute(call) : await call();
      if (policy.cache.enabled) cache.set(message, text);
      return text;
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        ctx.rejectedByBreaker = true;
        ctx.trace.push({ type: 'breaker-rejected', at: this.clock.now(), layer: 'primary', breaker: breaker.state.kind });
      }
      throw error;
    }
  }

  private sdkRetryOptions(id: number, attempt: number): { tag: string } | { sdkMaxRetries: number } {
    return this.options.sdkRetries === 'replayed' ? { tag: `${id}.${attempt}` } : { sdkMaxRetries: this.runtime.policy.retry.sdkMaxRetries };
  }

  /** The policy in force. */
  get policy(): Policy {
    return this.runtime.policy;
  }

  /** One upstream call, recorded in the trace with its classified error. */
  private async attempt(layer: 'primary' | 'local', message: string, ctx: RequestContext, signal?: AbortSignal): Promise<string> {
    const at = this.clock.now();
    // The local model gets one try; the primary's attempts are numbered across retries.
    const attemptNo = layer === 'primary' ? ++ctx.attempts : 1;
    const primary = layer === 'primary';
    const breaker = this.runtime.breaker.state.kind;
    try {
      const text = await callUpstream({
        client: primary ? this.options.primary : this.options.local,
        model: primary ? (this.options.model ?? PRIMARY_MODEL) : (this.options.localModel ?? LOCAL_MODEL),
        message,
        timeoutMs: this.runtime.policy.retry.attemptTimeoutMs,
        clock: this.clock,
        stream: primary,
        // The policy's API switch applies to the primary; a local model (LM Studio, Ollama) speaks Chat Completions.
        api: primary ? this.runtime.policy.api : 'chat.completions',
        signal,
        ...(primary ? this.sdkRetryOptions(ctx.id, attemptNo) : {}),
      });
      ctx.trace.push({ type: 'attempt', at, layer, attempt: attemptNo, durationMs: this.clock.now() - at, ok: true, breaker });
      return text;
    } catch (error) {
      const c = this.classify(error);
      ctx.lastError = c;
      ctx.trace.push({ type: 'attempt', at, layer, attempt: attemptNo, durationMs: this.clock.now() - at, ok: false, error: traceError(c, error), breaker });
      throw error;
    }
  }
}

/**
 * One signal that aborts when `a` or `b` (if given) does, unlinked again by
 * `dispose`. What `AbortSignal.any` does, without its per-call cost and its
 * long-lived bookkeeping on the service's lifetime signal (every chat of a class goes through here).
 */
function linkSignals(a: AbortSignal, b: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const fromA = () => controller.abort(a.reason);
  const fromB = () => controller.abort(b?.reason);
  if (a.aborted) fromA();
  else if (b?.aborted) fromB();
  a.addEventListener('abort', fromA, { once: true });
  b?.addEventListener('abort', fromB, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      a.removeEventListener('abort', fromA);
      b?.removeEventListener('abort', fromB);
    },
  };
}
