import type { ErrorKind } from '@/lib/resilience/classify';
import type { Text } from '@/lib/resilience/text';
import type { FaultId } from '../fault-ids';

/**
 * The vocabulary of provider profiles: who a dialect belongs to, and what one
 * provider sends for one abstract fault. Types only, so the dashboard can
 * import the tables without pulling in any SDK.
 */

/** The providers whose dialects the fault endpoint speaks. */
export const PROVIDER_IDS = ['openai', 'deepseek', 'qwen', 'anthropic'] as const;
/** One provider dialect. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Type guard for untrusted strings. */
export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

/**
 * Where a rendering's status, code and message come from:
 * - `docs`: the provider's own error documentation;
 * - `observed`: real responses quoted in public issue threads (the docs name the status only);
 * - `equivalent`: the provider documents no such error; the sandbox sends its closest one.
 */
export type RenderingSource = 'docs' | 'observed' | 'equivalent';

/** What one provider sends for one HTTP-level fault. */
export interface ProviderError {
  status: number;
  /** `error.type` in the body (Anthropic's only field besides the message). */
  type: string;
  /** `error.code` (OpenAI-compatible bodies); `null` when the provider sends none. */
  code: string | null;
  /** Message template: `{model}` is replaced by the requested model. */
  message: string;
  param?: string | null;
  /** What a provider-aware classifier concludes (lib/resilience/classify.ts, tested against it). */
  kind: ErrorKind;
  source: RenderingSource;
  /** Why this rendering matters, when it teaches something. */
  note?: Text;
}

/** The faults a provider renders as an error body (over HTTP, or as a mid-stream error event). */
export const ERROR_FAULTS = [
  'rate-limit',
  'rate-limit-date',
  'rate-limit-long',
  'rate-limit-negative',
  'rate-limit-garbage',
  'rate-limit-window',
  'token-rate-limit',
  'slow-down',
  'quota',
  'server-500',
  'bad-gateway-502',
  'unavailable-503',
  'overloaded-503',
  'gateway-timeout-504',
  'request-timeout-408',
  'conflict-409',
  'auth-401',
  'forbidden-403',
  'model-not-found-404',
  'context-length-400',
  'unprocessable-422',
  'content-filter',
  'stream-error-event',
  'stream-failed',
  'stream-failed-rate-limit',
] as const satisfies readonly FaultId[];
/** A fault with a per-provider error rendering. */
export type ErrorFaultId = (typeof ERROR_FAULTS)[number];

/** Type guard: does this fault have an error rendering? */
export function isErrorFault(id: FaultId): id is ErrorFaultId {
  return (ERROR_FAULTS as readonly string[]).includes(id);
}

/** One provider's renderings of every error fault. */
export type ProviderErrorTable = Readonly<Record<ErrorFaultId, ProviderError>>;

/** A provider's identity and how its dialect is reached. */
export interface ProviderProfile {
  id: ProviderId;
  /** Brand name, the same in both languages. */
  name: string;
  /** Path appended to `/api/sandbox/{scenario}` to get this dialect's base URL. */
  basePath: '/v1' | '/deepseek/v1' | '/qwen/v1' | '/anthropic';
  /** The provider's real base URL, for the snippets. */
  realBaseUrl: string;
  /** The official SDK a student calls it with. */
  sdk: 'openai' | '@anthropic-ai/sdk';
  /** A model name the provider serves. */
  model: string;
  /** Which rate-limit headers every response carries. */
  rateLimitHeaders: 'openai' | 'anthropic' | 'none';
  /** The provider's error and rate-limit documentation. */
  docs: { errors: string; rateLimits: string };
  /** What is peculiar about this dialect, in one or two sentences. */
  note: Text;
}
