import { z } from 'zod';
import { FAULT_IDS } from './fault-ids';

/**
 * The scenario model: which faults each layer of the lesson's fallback chain
 * (the primary API and the local model) injects, and when. Plain data, so the
 * dashboard, the OpenAI-compatible endpoint, the presets and the tests share it.
 * Every number is bounded: a scenario arrives from an untrusted PUT.
 */

/** Longest sandbox time a timeline rule can mention: one day, in ms. */
export const MAX_TIMELINE_MS = 86_400_000;
/** Most rules per layer. */
export const MAX_RULES = 16;

/**
 * When a rule fires:
 * - `always`: every call;
 * - `probability`: each call with probability `p` (0–1), drawn from the seeded random,
 *   so the same seed gives the same sequence of faults;
 * - `first-n`: the first `n` calls to the layer (0–10 000), counted since the scenario was set;
 * - `timeline`: while sandbox time (ms since the session started) is in `[fromMs, toMs)`.
 */
export const faultModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always') }).strict(),
  z.object({ kind: z.literal('probability'), p: z.number().min(0).max(1) }).strict(),
  z.object({ kind: z.literal('first-n'), n: z.number().int().min(0).max(10_000) }).strict(),
  z
    .object({
      kind: z.literal('timeline'),
      fromMs: z.number().min(0).max(MAX_TIMELINE_MS),
      toMs: z.number().min(0).max(MAX_TIMELINE_MS),
    })
    .strict()
    .refine((m) => m.fromMs < m.toMs, { message: 'fromMs must be before toMs', path: ['toMs'] }),
]);
export type FaultMode = z.infer<typeof faultModeSchema>;

/**
 * One fault and when it fires. `shouldRetry` adds `x-should-retry: true|false`,
 * which overrides the openai SDK's own retry decision. `latencyMs` is the added
 * delay of the `slow` fault (default 3000) and how long `keep-alive-hold` holds
 * the connection (default 600 000, DeepSeek's ten minutes), 0–600 000 ms.
 * `rpm` and `tpm` are the per-minute request and token limits of
 * `rate-limit-window` (defaults {@link DEFAULT_WINDOW_RPM} and {@link DEFAULT_WINDOW_TPM}).
 */
export const faultRuleSchema = z
  .object({
    fault: z.enum(FAULT_IDS),
    mode: faultModeSchema,
    shouldRetry: z.boolean().optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    rpm: z.number().int().min(1).max(100_000).optional(),
    tpm: z.number().int().min(1).max(100_000_000).optional(),
  })
  .strict();
export type FaultRule = z.infer<typeof faultRuleSchema>;

/** One layer's rules, in order: the first active rule wins; none active means healthy. */
export const layerScenarioSchema = z.object({ rules: z.array(faultRuleSchema).max(MAX_RULES) }).strict();
export type LayerScenario = z.infer<typeof layerScenarioSchema>;

/** The whole scenario: both layers and the seed of the probability draws (an unsigned 32-bit integer). */
export const scenarioSchema = z
  .object({
    primary: layerScenarioSchema,
    local: layerScenarioSchema,
    seed: z.number().int().min(0).max(0xffff_ffff),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;

/** A layer with no faults. */
export const HEALTHY_LAYER: LayerScenario = Object.freeze({ rules: [] }) as LayerScenario;

/** Default latency of the `slow` fault, in ms. */
export const DEFAULT_SLOW_LATENCY_MS = 3000;

/** Default hold of `keep-alive-hold`, in ms: DeepSeek closes a request that has not started inference after 10 minutes. */
export const DEFAULT_KEEP_ALIVE_HOLD_MS = 600_000;

/** Default requests per minute of `rate-limit-window`: ten calls, then a 429. */
export const DEFAULT_WINDOW_RPM = 10;

/** Default tokens per minute of `rate-limit-window` (estimated from message and answer length). */
export const DEFAULT_WINDOW_TPM = 20_000;

/** Result of {@link parseScenario}. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Format zod issues as one readable line: `primary.rules.0.fault: Invalid option…; seed: …`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** Validate an untrusted scenario (e.g. a request body). Never throws. */
export function parseScenario(input: unknown): ParseResult<Scenario> {
  const result = scenarioSchema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: formatIssues(result.error) };
}

/** Validate an untrusted layer scenario. Never throws. */
export function parseLayerScenario(input: unknown): ParseResult<LayerScenario> {
  const result = layerScenarioSchema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: formatIssues(result.error) };
}
