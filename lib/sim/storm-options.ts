/**
 * What one run of the retry-storm model takes: plain JSON (it crosses to a Web
 * Worker and comes from the CLI), every field optional with a documented
 * default, and one validator that explains every bad value.
 */

/** Backoffs the storm model offers (the ones that need no per-client memory). Same formulas as lib/resilience/backoff.ts. */
export const STORM_BACKOFF_IDS = ['none', 'constant', 'exponential', 'full', 'equal'] as const;
/** One of {@link STORM_BACKOFF_IDS}. */
export type StormBackoffId = (typeof STORM_BACKOFF_IDS)[number];

/** Retry budgets: none, gRPC `retryThrottling`, or Brooker's adaptive token bucket (2022). */
export const STORM_BUDGET_KINDS = ['none', 'grpc', 'brooker'] as const;
/** One of {@link STORM_BUDGET_KINDS}. */
export type StormBudgetKind = (typeof STORM_BUDGET_KINDS)[number];

/** A client's retry budget (a token bucket). See lib/sim/storm-budget.ts for the exact rules. */
export interface StormBudgetOptions {
  /** `grpc` or `brooker` (`none` = no budget). */
  kind: StormBudgetKind;
  /** Bucket size in tokens; the bucket starts full. Default 10 (gRPC's example). */
  maxTokens?: number;
  /** Tokens a success earns. Default 0.1 (gRPC's example; Brooker's 10%). */
  tokenRatio?: number;
}

/** The retry circuit breaker (Brooker 2022): first tries always go out; retries stop while recent attempts mostly fail. */
export interface StormBreakerOptions {
  /** Stop retrying while failures / attempts in the window ≥ this. Default 0.5 (Hystrix, opossum, resilience4j). */
  threshold?: number;
  /** Rolling window in ms, kept in 10 slots. Default 10 000 (Hystrix, opossum). */
  windowMs?: number;
  /** Fewer attempts than this in the window never stop retries. Default 20 (Hystrix). */
  minSamples?: number;
}

/** The trigger: the server's capacity dips to `capacityFactor × capacity` from `atS` for `durationS` seconds. */
export interface StormTrigger {
  /** Start of the dip, in s from the start of the run. */
  atS: number;
  /** Length of the dip in s. */
  durationS: number;
  /** Capacity during the dip, as a fraction of normal (0 = the server stops). */
  capacityFactor: number;
}

/** Options of {@link simulateStorm}. */
export interface StormOptions {
  /** Seed: the same options and seed give the same run, deep-equal. Default 1. */
  seed?: number;
  /** Simulated time in s. Default 300. */
  durationS?: number;
  /** First tries per second, arriving as a Poisson process (open loop: they keep coming). Default 1000. */
  rate?: number;
  /** Requests per second the server completes (FIFO, one at a time). Default 1250. */
  capacity?: number;
  /** Probability that the server fails an attempt it serves in time, independently. Default 0. */
  failureRate?: number;
  /** Client timeout per attempt in ms: an attempt still queued after this counts as failed. Default 1000. */
  timeoutMs?: number;
  /** Attempts per layer (first try included), e.g. 3 = the lesson's `max_retries=3`. Default 3. */
  attempts?: number;
  /** Retry layers stacked on each other (app over SDK = 2): up to attempts^layers calls per request. Default 1. */
  layers?: number;
  /** Wait before each retry (0-based retry index, as in the lesson). Default none. */
  backoff?: { id: StormBackoffId; baseMs?: number; capMs?: number };
  /** The outermost (app) layer's retry budget. Default none. */
  budget?: StormBudgetOptions;
  /** The outermost (app) layer's retry circuit breaker. Default off. */
  breaker?: StormBreakerOptions;
  /** A capacity dip. Default none. */
  trigger?: StormTrigger;
  /** Independent clients, each with its own budget and breaker; request i belongs to client i mod clients. Default 1. */
  clients?: number;
  /** The server's queue holds at most this many seconds of work (`queueLimitS × capacity` requests); more is rejected at once. Default 10. */
  queueLimitS?: number;
  /** Width of a time-series bin in ms. Default 1000. */
  binMs?: number;
  /** "After the dip" figures start this many s after the dip ends (recovery takes time). Default 60. */
  recoveryGraceS?: number;
}

/** Every option filled in. */
export interface ResolvedStormOptions {
  seed: number;
  durationS: number;
  rate: number;
  capacity: number;
  failureRate: number;
  timeoutMs: number;
  attempts: number;
  layers: number;
  backoff: { id: StormBackoffId; baseMs: number; capMs: number };
  budget: { kind: StormBudgetKind; maxTokens: number; tokenRatio: number };
  /** `null` when off. */
  breaker: Required<StormBreakerOptions> | null;
  /** `null` when there is no dip. */
  trigger: StormTrigger | null;
  clients: number;
  queueLimitS: number;
  binMs: number;
  recoveryGraceS: number;
}

/** The defaults, in the resolved shape. */
export const STORM_DEFAULTS: ResolvedStormOptions = {
  seed: 1,
  durationS: 300,
  rate: 1000,
  capacity: 1250,
  failureRate: 0,
  timeoutMs: 1000,
  attempts: 3,
  layers: 1,
  backoff: { id: 'none', baseMs: 100, capMs: 10_000 },
  budget: { kind: 'none', maxTokens: 10, tokenRatio: 0.1 },
  breaker: null,
  trigger: null,
  clients: 1,
  queueLimitS: 10,
  binMs: 1000,
  recoveryGraceS: 60,
};

/** Defaults of the breaker when it is on. */
export const STORM_BREAKER_DEFAULTS: Required<StormBreakerOptions> = { threshold: 0.5, windowMs: 10_000, minSamples: 20 };

/** Bounds that keep a run finite and a browser tab responsive. */
export const STORM_LIMITS = {
  durationS: { min: 1, max: 3600 },
  rate: { min: 1, max: 20_000 },
  capacity: { min: 1, max: 100_000 },
  timeoutMs: { min: 1, max: 600_000 },
  attempts: { min: 1, max: 10 },
  layers: { min: 1, max: 4 },
  /** attempts^layers at most. */
  callsPerRequest: 256,
  /** rate × durationS at most (per-request state is kept in typed arrays). */
  requests: 5_000_000,
  /** Backoff cap in ms at most (the retry calendar is a ring of 1 ms slots). */
  capMs: 600_000,
  clients: 100_000,
  maxTokens: 1_000_000,
  /** durationS × 1000 / binMs at most. */
  bins: 100_000,
  /** queueLimitS × capacity at most. */
  queue: 50_000_000,
} as const;

/** Fill in every default. Does not validate: call {@link validateStormOptions} first. */
export function resolveStormOptions(o: StormOptions = {}): ResolvedStormOptions {
  const d = STORM_DEFAULTS;
  const budgetKind = o.budget?.kind ?? 'none';
  return {
    seed: o.seed ?? d.seed,
    durationS: o.durationS ?? d.durationS,
    rate: o.rate ?? d.rate,
    capacity: o.capacity ?? d.capacity,
    failureRate: o.failureRate ?? d.failureRate,
    timeoutMs: o.timeoutMs ?? d.timeoutMs,
    attempts: o.attempts ?? d.attempts,
    layers: o.layers ?? d.layers,
    backoff: { id: o.backoff?.id ?? d.backoff.id, baseMs: o.backoff?.baseMs ?? d.backoff.baseMs, capMs: o.backoff?.capMs ?? d.backoff.capMs },
    budget: { kind: budgetKind, maxTokens: o.budget?.maxTokens ?? d.budget.maxTokens, tokenRatio: o.budget?.tokenRatio ?? d.budget.tokenRatio },
    breaker: o.breaker ? { ...STORM_BREAKER_DEFAULTS, ...definedOnly(o.breaker) } : null,
    trigger: o.trigger ? { ...o.trigger } : null,
    clients: o.clients ?? d.clients,
    queueLimitS: o.queueLimitS ?? d.queueLimitS,
    binMs: o.binMs ?? d.binMs,
    recoveryGraceS: o.recoveryGraceS ?? d.recoveryGraceS,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Every problem with `input`, as readable messages (empty when valid). Never throws, whatever the input. */
export function validateStormOptions(input: StormOptions): string[] {
  const errors: string[] = [];
  if (typeof input !== 'object' || input === null) return ['options must be an object'];
  const o = resolveStormOptions(input);
  const L = STORM_LIMITS;
  const num = (name: string, v: unknown, min: number, max: number, integer = false) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v)))
      errors.push(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${String(v)}`);
  };
  num('seed', o.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  num('durationS', o.durationS, L.durationS.min, L.durationS.max);
  num('rate', o.rate, L.rate.min, L.rate.max);
  num('capacity', o.capacity, L.capacity.min, L.capacity.max);
  num('failureRate', o.failureRate, 0, 1);
  num('timeoutMs', o.timeoutMs, L.timeoutMs.min, L.timeoutMs.max);
  num('attempts', o.attempts, L.attempts.min, L.attempts.max, true);
  num('layers', o.layers, L.layers.min, L.layers.max, true);
  num('clients', o.clients, 1, L.clients, true);
  num('queueLimitS', o.queueLimitS, 0, 3600);
  num('binMs', o.binMs, 1, 3_600_000, true);
  num('recoveryGraceS', o.recoveryGraceS, 0, L.durationS.max);
  if (errors.length > 0) return errors; // the products below need valid numbers
  if (o.attempts ** o.layers > L.callsPerRequest)
    errors.push(`attempts^layers must be at most ${L.callsPerRequest}, got ${o.attempts}^${o.layers} = ${o.attempts ** o.layers}`);
  if (o.rate * o.durationS > L.requests) errors.push(`rate × durationS must be at most ${L.requests} requests, got ${o.rate * o.durationS}`);
  if ((o.durationS * 1000) / o.binMs > L.bins) errors.push(`durationS × 1000 / binMs must be at most ${L.bins} bins`);
  if (o.queueLimitS * o.capacity > L.queue) errors.push(`queueLimitS × capacity must be at most ${L.queue} requests`);

  if (!(STORM_BACKOFF_IDS as readonly string[]).includes(o.backoff.id))
    errors.push(`backoff.id must be one of ${STORM_BACKOFF_IDS.join(', ')}, got ${String(o.backoff.id)}`);
  num('backoff.baseMs', o.backoff.baseMs, 0, L.capMs);
  num('backoff.capMs', o.backoff.capMs, 0, L.capMs);

  if (!(STORM_BUDGET_KINDS as readonly string[]).includes(o.budget.kind))
    errors.push(`budget.kind must be one of ${STORM_BUDGET_KINDS.join(', ')}, got ${String(o.budget.kind)}`);
  num('budget.maxTokens', o.budget.maxTokens, 1, L.maxTokens);
  num('budget.tokenRatio', o.budget.tokenRatio, 0, 1000);

  if (o.breaker) {
    num('breaker.threshold', o.breaker.threshold, 0, 1);
    num('breaker.windowMs', o.breaker.windowMs, 10, 3_600_000);
    num('breaker.minSamples', o.breaker.minSamples, 1, 1_000_000_000, true);
  }
  if (o.trigger) {
    num('trigger.atS', o.trigger.atS, 0, o.durationS);
    num('trigger.durationS', o.trigger.durationS, 0, o.durationS);
    num('trigger.capacityFactor', o.trigger.capacityFactor, 0, 1);
  }
  return errors;
}
