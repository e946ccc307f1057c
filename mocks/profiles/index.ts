import type { ProviderId } from '@/lib/scenario/providers';
import { ANTHROPIC_WIRE } from './anthropic';
import { DEEPSEEK_WIRE, OPENAI_WIRE, QWEN_WIRE } from './openai-compatible';
import type { WireProfile } from './types';

export type { HeaderInput, WireError, WireProfile } from './types';

/** Every provider's wire format, keyed by id. */
export const WIRE_PROFILES: Readonly<Record<ProviderId, WireProfile>> = {
  openai: OPENAI_WIRE,
  deepseek: DEEPSEEK_WIRE,
  qwen: QWEN_WIRE,
  anthropic: ANTHROPIC_WIRE,
};

/** True for the dialects that speak OpenAI's API (chat completions, responses, embeddings). */
export const isOpenAiCompatible = (id: ProviderId): boolean => id !== 'anthropic';
