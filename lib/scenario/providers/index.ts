import { ANTHROPIC_ERRORS, ANTHROPIC_PROFILE } from './anthropic';
import { DEEPSEEK_ERRORS, DEEPSEEK_PROFILE } from './deepseek';
import { OPENAI_ERRORS, OPENAI_PROFILE } from './openai';
import { QWEN_ERRORS, QWEN_PROFILE } from './qwen';
import { PROVIDER_IDS, type ErrorFaultId, type ProviderError, type ProviderErrorTable, type ProviderId, type ProviderProfile } from './types';

export * from './types';

/**
 * Provider profiles as data: a preset is written once, in abstract faults,
 * and each profile renders it in its own dialect. The mock upstream builds
 * the wire format from these tables (mocks/profiles), the dashboard shows
 * them side by side, and the classifier's tests check it agrees with every row.
 */

/** Every profile, keyed by id. */
export const PROVIDERS: Readonly<Record<ProviderId, ProviderProfile>> = {
  openai: OPENAI_PROFILE,
  deepseek: DEEPSEEK_PROFILE,
  qwen: QWEN_PROFILE,
  anthropic: ANTHROPIC_PROFILE,
};

/** Every profile's error renderings, keyed by provider then fault. */
export const PROVIDER_ERRORS: Readonly<Record<ProviderId, ProviderErrorTable>> = {
  openai: OPENAI_ERRORS,
  deepseek: DEEPSEEK_ERRORS,
  qwen: QWEN_ERRORS,
  anthropic: ANTHROPIC_ERRORS,
};

/** Profiles in the order the dashboard shows them. */
export const PROVIDER_LIST: readonly ProviderProfile[] = PROVIDER_IDS.map((id) => PROVIDERS[id]);

/** Values for the `{…}` placeholders of a message template. */
export interface RenderVars {
  model?: string;
  /** The limit that was hit (requests or tokens per minute). Default 500. */
  limit?: number;
  /** What was used of it. Default `limit`. */
  used?: number;
  /** What the request asked for. Default 1. */
  requested?: number;
  /** How long to wait, as text (e.g. `6s`). Default `20s`. */
  wait?: string;
}

/**
 * One provider's rendering of one fault, with its placeholders filled.
 * @param vars placeholder values; each has a default, so the text always reads.
 */
export function renderProviderError(provider: ProviderId, fault: ErrorFaultId, vars: RenderVars = {}): ProviderError {
  const row = PROVIDER_ERRORS[provider][fault];
  const limit = vars.limit ?? 500;
  const values: Record<string, string> = {
    model: vars.model ?? PROVIDERS[provider].model,
    limit: String(limit),
    used: String(vars.used ?? limit),
    requested: String(vars.requested ?? 1),
    wait: vars.wait ?? '20s',
  };
  return { ...row, message: row.message.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m) };
}

/**
 * This dialect's base URL for a scenario, as a path: e.g.
 * `/api/sandbox/healthy/deepseek/v1`. The Anthropic SDK appends `/v1/messages` itself.
 */
export function basePathFor(provider: ProviderId, scenario: string): string {
  return `/api/sandbox/${encodeURIComponent(scenario)}${PROVIDERS[provider].basePath}`;
}
