import { z } from 'zod';
import { BACKOFF_IDS } from '@/lib/resilience/backoff';

/**
 * Which OpenAI API the sandbox's own service calls the primary model with:
 * Chat Completions (the lesson's, and the default) or the Responses API, whose
 * stream is typed events ending in `response.completed`, `response.incomplete`
 * or `response.failed`. The local model always gets Chat Completions.
 */
export const API_IDS = ['chat.completions', 'responses'] as const;
export type ApiId = (typeof API_IDS)[number];

/**
 * The policy a student tunes in the dashboard. Every field is bounded, so a
 * hostile PUT can neither crash the service nor make it wait for a year.
 * Defaults reproduce the lesson's `RobustAIService` demo: 3 attempts
 * (`max_retries=3` there counts attempts, so 2 retries), `2^i × (0.5 + U)` jitter,
 * a breaker that opens after 3 failures for 30 s.
 */
export const policySchema = z
  .object({
    /** The API the primary is called with. Default `chat.completions`. */
    api: z.enum(API_IDS),
    retry: z
      .object({
        /** Retries after the first attempt (0–10). Default 2: the lesson's 3 attempts. */
        maxRetries: z.number().int().min(0).max(10),
        strategy: z.enum(BACKOFF_IDS),
        /** Base delay in ms (0–60 000). Default 1000. */
        baseMs: z.number().min(0).max(60_000),
        /** Cap on any delay in ms (0–600 000). Default 60 000. */
        capMs: z.number().min(0).max(600_000),
        /** Use the server's Retry-After instead of the backoff when it is valid. Default true (the lesson ignores it). */
        honorRetryAfter: z.boolean(),
        /** Per-attempt deadline in ms on the sandbox clock (100–120 000). Default 10 000 (the lesson's `timeout=10`). */
        attemptTimeoutMs: z.number().int().min(100).max(120_000),
        /**
         * The SDK's own retries under the service's (its `maxRetries`, 0–5). Default 0, as the
         * service owns retries; raise it to watch the layers multiply (3 attempts × 3 = 9 calls).
         */
        sdkMaxRetries: z.number().int().min(0).max(5),
        /** gRPC-style token bucket shared by this session's requests. Off by default, as in the lesson. */
        budget: z
          .object({
            enabled: z.boolean(),
            maxTokens: z.number().min(1).max(1000),
            tokenRatio: z.number().min(0).max(1),
          })
          .strict(),
      })
      .strict(),
    breaker: z
      .object({
        enabled: z.boolean(),
        mode: z.enum(['consecutive', 'failure-rate']),
        /** Failures in a row that open the breaker (consecutive mode). */
        failureThreshold: z.number().int().min(1).max(100),
        /** Failure ratio that opens it (failure-rate mode). */
        failureRateThreshold: z.number().gt(0).max(1),
        windowSize: z.number().int().min(1).max(1000),
        minimumCalls: z.number().int().min(1).max(1000),
        /** Half-open successes needed to close. */
        successThreshold: z.number().int().min(1).max(100),
        /** How long the breaker stays open, in ms of sandbox time. */
        openMs: z.number().int().min(100).max(3_600_000),
        halfOpenMaxProbes: z.number().int().min(1).max(100),
      })
      .strict(),
    cache: z
      .object({
        enabled: z.boolean(),
        /** Time to live of a cached answer in ms. Default 5 min. */
        ttlMs: z.number().int().min(1000).max(86_400_000),
        maxEntries: z.number().int().min(1).max(1000),
      })
      .strict(),
    fallback: z
      .object({
        /** Layer 3: the local model (LOCAL_LLM_BASE_URL, mocked in the sandbox). */
        local: z.boolean(),
        /** Layer 4: the canned reply. */
        canned: z.boolean(),
      })
      .strict(),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = {
  api: 'chat.completions',
  retry: {
    maxRetries: 2,
    strategy: 'lesson-multiplicative',
    baseMs: 1000,
    capMs: 60_000,
    honorRetryAfter: true,
    attemptTimeoutMs: 10_000,
    sdkMaxRetries: 0,
    budget: { enabled: false, maxTokens: 10, tokenRatio: 0.1 },
  },
  breaker: {
    enabled: true,
    mode: 'consecutive',
    failureThreshold: 3,
    failureRateThreshold: 0.5,
    windowSize: 10,
    minimumCalls: 10,
    successThreshold: 1,
    openMs: 30_000,
    halfOpenMaxProbes: 1,
  },
  cache: { enabled: true, ttlMs: 300_000, maxEntries: 200 },
  fallback: { local: true, canned: true },
};

/** A deep-partial policy patch, as sent by the dashboard's controls. */
export const policyPatchSchema = z
  .object({
    api: policySchema.shape.api.optional(),
    retry: policySchema.shape.retry.partial().extend({ budget: policySchema.shape.retry.shape.budget.partial().optional() }).strict().optional(),
    breaker: policySchema.shape.breaker.partial().strict().optional(),
    cache: policySchema.shape.cache.partial().strict().optional(),
    fallback: policySchema.shape.fallback.partial().strict().optional(),
  })
  .strict();
export type PolicyPatch = z.infer<typeof policyPatchSchema>;

/** Apply a patch and re-validate the whole, so cross-field limits hold too. */
export function applyPolicyPatch(policy: Policy, patch: PolicyPatch): Policy {
  return policySchema.parse({
    api: patch.api ?? policy.api,
    retry: { ...policy.retry, ...patch.retry, budget: { ...policy.retry.budget, ...patch.retry?.budget } },
    breaker: { ...policy.breaker, ...patch.breaker },
    cache: { ...policy.cache, ...patch.cache },
    fallback: { ...policy.fallback, ...patch.fallback },
  });
}
