import type { Reply } from './chat-reply';
import { approxTokens, sseEvent, splitText } from './openai-shapes';
import type { WireError } from './profiles';
import { bodyEnding, piecesFor, type RenderedStream, type StreamEnd } from './stream-plan';

/**
 * Anthropic's Messages API (`POST /v1/messages`). A message is a list of
 * content blocks; a stream is `message_start`, `content_block_start`, `ping`,
 * `content_block_delta`s, `content_block_stop`, `message_delta` (the stop
 * reason) and `message_stop`, each as a named SSE event. Failures after the
 * 200 arrive as `event: error`. Typed locally (the SDK is a devDependency);
 * the tests parse every shape with `@anthropic-ai/sdk` itself.
 */

/** What one message is made of. */
export interface MessageParts {
  /** `msg_01…` */
  id: string;
  model: string;
  reply: Reply;
  /** Prompt text, for the usage estimate. */
  prompt: string;
}

type StopReason = 'end_turn' | 'max_tokens' | 'tool_use';

/** A content block of a message. */
export type ContentBlock = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

/** A complete `message` body. */
export interface MessageBody {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: null;
  usage: { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };
}

const usage = (p: MessageParts, text: string) => ({ input_tokens: approxTokens(p.prompt), output_tokens: approxTokens(text), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });

function blockOf(reply: Reply, text: string): ContentBlock {
  if (reply.kind === 'text') return { type: 'text', text };
  const call = reply.calls[0]!;
  return { type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.arguments) as unknown };
}

/** A non-streaming message; `cut` keeps half the text and stops with `max_tokens`. */
export function messageBody(p: MessageParts, cut = false): MessageBody {
  const text = p.reply.kind === 'text' ? p.reply.content : '';
  const shown = cut ? Array.from(text).slice(0, Math.max(1, Math.floor(Array.from(text).length / 2))).join('') : text;
  return {
    id: p.id,
    type: 'message',
    role: 'assistant',
    model: p.model,
    content: [blockOf(p.reply, shown)],
    stop_reason: p.reply.kind === 'tool_calls' ? 'tool_use' : cut ? 'max_tokens' : 'end_turn',
    stop_sequence: null,
    usage: usage(p, p.reply.kind === 'text' ? shown : p.reply.calls[0]!.arguments),
  };
}

/** Anthropic's error event body, as sent after a 200. */
export const anthropicErrorEvent = (e: WireError): string => sseEvent('error', { type: 'error', error: { type: e.type, message: e.message } });

/** The `ping` Anthropic sends to keep a stream alive. */
export const ANTHROPIC_PING = sseEvent('ping', { type: 'ping' });

/** The events of a streamed message that ends as `end` says. */
export function messageStream(p: MessageParts, end: StreamEnd): RenderedStream {
  const tool = p.reply.kind === 'tool_calls';
  const full = p.reply.kind === 'text' ? p.reply.content : p.reply.calls[0]!.arguments;
  const pieces = splitText(full, tool ? 16 : undefined);
  const sent = pieces.slice(0, piecesFor(end, pieces.length));
  const start: MessageBody = { ...messageBody(p), content: [], stop_reason: null, usage: { ...usage(p, ''), output_tokens: 1 } };
  const events = [
    sseEvent('message_start', { type: 'message_start', message: start }),
    sseEvent('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: p.reply.kind === 'text' ? { type: 'text', text: '' } : { type: 'tool_use', id: p.reply.calls[0]!.id, name: p.reply.calls[0]!.name, input: {} },
    }),
    ANTHROPIC_PING,
    ...sent.map((piece) =>
      sseEvent('content_block_delta', { type: 'content_block_delta', index: 0, delta: tool ? { type: 'input_json_delta', partial_json: piece } : { type: 'text_delta', text: piece } }),
    ),
  ];
  switch (end.kind) {
    case 'cut':
    case 'no-end':
      break;
    case 'error-event':
    case 'failed':
      events.push(anthropicErrorEvent(end.error));
      break;
    case 'complete':
    case 'incomplete': {
      const stop: StopReason = end.kind === 'incomplete' ? 'max_tokens' : tool ? 'tool_use' : 'end_turn';
      events.push(
        sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 }),
        sseEvent('message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: approxTokens(sent.join('')) } }),
        sseEvent('message_stop', { type: 'message_stop' }),
      );
    }
  }
  return { events, ending: bodyEnding(end) };
}

/** A `GET /v1/models` body in Anthropic's shape. */
export function anthropicModelsList(ids: readonly string[], createdAt: string) {
  return {
    data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: createdAt })),
    has_more: false,
    first_id: ids[0] ?? null,
    last_id: ids.at(-1) ?? null,
  };
}
