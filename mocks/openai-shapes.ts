import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Model } from 'openai/resources/models';
import { seededRandom } from '@/lib/resilience/random';

/**
 * Builders for the bodies and headers the real OpenAI API sends, typed against
 * the SDK's own types, so the mock cannot drift from what clients parse.
 * Pure functions: ids, times and counts all come in as arguments.
 */

/** The `error` object inside every OpenAI error body. */
export interface OpenAIErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** `{ error: { message, type, param, code } }`, the body of every OpenAI error response. */
export function errorBody(error: OpenAIErrorObject): { error: OpenAIErrorObject } {
  return { error };
}

/** Rough token count: about 4 characters (code points) per token, like OpenAI's rule of thumb. 0 for ''. */
export function approxTokens(text: string): number {
  return Math.ceil(Array.from(text).length / 4);
}

/** Deterministic ids: the n-th id of a seed is always the same string. */
export interface IdSource {
  /** `chatcmpl-` + 29 base62 characters, like a real completion id. */
  completion(): string;
  /** `req_` + 32 hex characters, like a real `x-request-id`. */
  request(): string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A counter-based id source. Ids are derived from `(seed, counter)` with a
 * private PRNG, so making ids never consumes draws from the scenario's random
 * source (which would shift the seeded fault sequence).
 * @param seed any integer. Default 0.
 */
export function createIdSource(seed = 0): IdSource {
  let n = 0;
  const draw = (alphabet: string, length: number): string => {
    const random = seededRandom((seed ^ Math.imul(++n, 0x9e3779b1)) >>> 0);
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
    return out;
  };
  return {
    completion: () => `chatcmpl-${draw(BASE62, 29)}`,
    request: () => `req_${draw('0123456789abcdef', 32)}`,
  };
}

/** What a completion is made of. */
export interface CompletionParts {
  id: string;
  /** Unix time in seconds. */
  created: number;
  model: string;
  content: string;
  /** Text of the prompt, only used to estimate `prompt_tokens`. */
  prompt: string;
}

/** The `usage` block: token counts estimated with {@link approxTokens}. */
export function usageFor(prompt: string, content: string): NonNullable<ChatCompletion['usage']> {
  const prompt_tokens = approxTokens(prompt);
  const completion_tokens = approxTokens(content);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** A non-streaming `chat.completion` body with `finish_reason: 'stop'`. */
export function chatCompletion(p: CompletionParts): ChatCompletion {
  return {
    id: p.id,
    object: 'chat.completion',
    created: p.created,
    model: p.model,
    system_fingerprint: 'fp_sandbox',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: p.content, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageFor(p.prompt, p.content),
  };
}

/** One `chat.completion.chunk` of a stream. */
export function chatCompletionChunk(
  p: Pick<CompletionParts, 'id' | 'created' | 'model'>,
  delta: ChatCompletionChunk.Choice.Delta,
  finishReason: ChatCompletionChunk.Choice['finish_reason'] = null,
): ChatCompletionChunk {
  return {
    id: p.id,
    object: 'chat.completion.chunk',
    created: p.created,
    model: p.model,
    system_fingerprint: 'fp_sandbox',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

/** The trailing usage-only chunk sent when `stream_options.include_usage` is set. */
export function usageChunk(p: CompletionParts): ChatCompletionChunk {
  return { ...chatCompletionChunk(p, {}), choices: [], usage: usageFor(p.prompt, p.content) };
}

/** One server-sent event line: `data: <json>\n\n`, or the `data: [DONE]\n\n` terminator. */
export function sseData(data: unknown | '[DONE]'): string {
  return `data: ${data === '[DONE]' ? '[DONE]' : JSON.stringify(data)}\n\n`;
}

/** Split text into pieces of `size` code points (never splitting a surrogate pair). Default 8. */
export function splitText(text: string, size = 8): string[] {
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}

/** A `GET /models` body. `created` in Unix seconds. */
export function modelsList(ids: readonly string[], created: number): { object: 'list'; data: Model[] } {
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created, owned_by: 'sandbox' })) };
}

/** Format a duration like OpenAI's `x-ratelimit-reset-*` headers: `20ms`, `1s`, `6m0s`. */
export function formatResetDuration(ms: number): string {
  const t = Math.max(0, Math.round(ms));
  if (t < 1000) return `${t}ms`;
  const s = Math.round(t / 100) / 10;
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)}s`;
}

/** Inputs of {@link standardHeaders}. */
export interface StandardHeaderInput {
  requestId: string;
  /** Server-side time in ms reported as `openai-processing-ms`. */
  processingMs: number;
  /** Requests allowed per minute. */
  limitRequests: number;
  remainingRequests: number;
  /** Time until the request window refills, in ms. */
  resetRequestsMs: number;
  /** Tokens allowed per minute. Default 200 000. */
  limitTokens?: number;
  /** Default: `limitTokens`. */
  remainingTokens?: number;
  /** Default: `resetRequestsMs`. */
  resetTokensMs?: number;
}

/** The headers OpenAI sends on every response (success or error). */
export function standardHeaders(h: StandardHeaderInput): Record<string, string> {
  const limitTokens = h.limitTokens ?? 200_000;
  return {
    'x-request-id': h.requestId,
    'openai-processing-ms': String(Math.round(h.processingMs)),
    'openai-version': '2020-10-01',
    'x-ratelimit-limit-requests': String(h.limitRequests),
    'x-ratelimit-remaining-requests': String(Math.max(0, h.remainingRequests)),
    'x-ratelimit-reset-requests': formatResetDuration(h.resetRequestsMs),
    'x-ratelimit-limit-tokens': String(limitTokens),
    'x-ratelimit-remaining-tokens': String(Math.max(0, h.remainingTokens ?? limitTokens)),
    'x-ratelimit-reset-tokens': formatResetDuration(h.resetTokensMs ?? h.resetRequestsMs),
  };
}
