import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Model } from 'openai/resources/models';
import { replyText, type Reply } from './chat-reply';

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

export { createIdSource, randomIdSeed, type IdSource } from './ids';

/** What a completion is made of. */
export interface CompletionParts {
  id: string;
  /** Unix time in seconds. */
  created: number;
  model: string;
  /** The text of a text reply (`''` for a tool call). */
  content: string;
  /** Text of the prompt, only used to estimate `prompt_tokens`. */
  prompt: string;
  /** The reply. Default: a text reply of `content`. */
  reply?: Reply;
  /** Choices (`n`). Default 1. */
  n?: number;
}

/** The `usage` block: token counts estimated with {@link approxTokens}. */
export function usageFor(prompt: string, content: string, n = 1): NonNullable<ChatCompletion['usage']> {
  const prompt_tokens = approxTokens(prompt);
  const completion_tokens = approxTokens(content) * n;
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

const replyOf = (p: CompletionParts): Reply => p.reply ?? { kind: 'text', content: p.content };

/** The wire form of tool calls in a message. */
const toolCallsOf = (reply: Extract<Reply, { kind: 'tool_calls' }>) =>
  reply.calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } }));

/**
 * A non-streaming `chat.completion` body: `n` identical choices, each a text
 * message (`finish_reason` `stop`, or `length` when cut short) or tool calls.
 */
export function chatCompletion(p: CompletionParts, finish: 'stop' | 'length' = 'stop'): ChatCompletion {
  const reply = replyOf(p);
  const message: ChatCompletion.Choice['message'] =
    reply.kind === 'text'
      ? { role: 'assistant', content: reply.content, refusal: null }
      : { role: 'assistant', content: null, refusal: null, tool_calls: toolCallsOf(reply) };
  return {
    id: p.id,
    object: 'chat.completion',
    created: p.created,
    model: p.model,
    system_fingerprint: 'fp_sandbox',
    choices: Array.from({ length: p.n ?? 1 }, (_, index) => ({
      index,
      message,
      logprobs: null,
      finish_reason: reply.kind === 'tool_calls' ? 'tool_calls' : finish,
    })),
    usage: usageFor(p.prompt, replyText(reply), p.n ?? 1),
  };
}

/**
 * One `chat.completion.chunk` of a stream. With `include_usage` every ordinary
 * chunk carries `"usage": null`, as the API sends it.
 */
export function chatCompletionChunk(
  p: Pick<CompletionParts, 'id' | 'created' | 'model'>,
  delta: ChatCompletionChunk.Choice.Delta,
  finishReason: ChatCompletionChunk.Choice['finish_reason'] = null,
  opts: { index?: number; usageNull?: boolean } = {},
): ChatCompletionChunk {
  return {
    id: p.id,
    object: 'chat.completion.chunk',
    created: p.created,
    model: p.model,
    system_fingerprint: 'fp_sandbox',
    choices: [{ index: opts.index ?? 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(opts.usageNull ? { usage: null } : {}),
  };
}

/** The trailing usage-only chunk sent when `stream_options.include_usage` is set. */
export function usageChunk(p: CompletionParts): ChatCompletionChunk {
  return { ...chatCompletionChunk(p, {}), choices: [], usage: usageFor(p.prompt, replyText(replyOf(p)), p.n ?? 1) };
}

/** One server-sent event line: `data: <json>\n\n`, or the `data: [DONE]\n\n` terminator. */
export function sseData(data: unknown | '[DONE]'): string {
  return `data: ${data === '[DONE]' ? '[DONE]' : JSON.stringify(data)}\n\n`;
}

/** A named server-sent event, as the Responses and Anthropic streams send them: `event: <name>\ndata: <json>\n\n`. */
export function sseEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Code points per streamed text piece. Real streams carry about one token per
 * chunk; 24 keeps a stream visibly incremental while the SDK's SSE parsing (the
 * largest cost of a mocked call) runs a third as often as at 8.
 */
export const STREAM_PIECE_CHARS = 24;

/** Split text into pieces of `size` code points (never splitting a surrogate pair). Default {@link STREAM_PIECE_CHARS}. */
export function splitText(text: string, size = STREAM_PIECE_CHARS): string[] {
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
