/**
 * lib/resilience — the lesson's patterns as a small, framework-free library.
 *
 * Read in this order, beside lesson 19:
 *   clock / random      time and randomness, injected (§ everything: tests and fast-forward need it)
 *   classify            which errors are worth retrying (§1.2), done right for the JS SDK
 *   backoff             fixed, exponential, jittered delays as pure functions (§3.1–3.4, Brooker 2015)
 *   retry               the retry loop with Retry-After, a time budget and a retry budget (§3.4)
 *   circuit-breaker     closed → open → half-open (§4)
 *   fallback            cache → primary → local model → canned (§5)
 *   latency-histogram   percentiles in fixed memory, shared by server and dashboard
 *   stats               the demo's monitoring numbers
 */
export * from './clock';
export * from './virtual-clock';
export * from './scaled-clock';
export * from './random';
export * from './events';
export * from './classify';
export * from './backoff';
export * from './http-date';
export * from './retry-after';
export * from './retry-budget';
export * from './retry';
export * from './breaker-trip-rules';
export * from './circuit-breaker';
export * from './breaker-presets';
export * from './fallback';
export * from './ttl-lru-cache';
export * from './latency-histogram';
export * from './stats';
export * from './text';
export * from './paced-clock';
export * from './pacer';
