import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { chatCompletionChunk, sseData, splitText, usageChunk, type CompletionParts } from './openai-shapes';
import { bodyEnding, piecesFor, type RenderedStream, type StreamEnd } from './stream-plan';

/**
 * A Chat Completions stream, as OpenAI (and DeepSeek and DashScope) send it:
 * a role chunk, content pieces of 8 code points per choice, a chunk with the
 * `finish_reason`, an optional usage chunk, then `data: [DONE]`. Each
 * {@link StreamEnd} changes only the tail.
 */

/** Options of {@link chatStream}. */
export interface ChatStreamOptions {
  /** `stream_options.include_usage`: `"usage": null` on every chunk, then a usage chunk. */
  includeUsage?: boolean;
}

/** The events of a chat stream that ends as `end` says. */
export function chatStream(parts: CompletionParts, end: StreamEnd, o: ChatStreamOptions = {}): RenderedStream {
  const n = parts.n ?? 1;
  const usageNull = o.includeUsage === true;
  const chunk = (delta: ChatCompletionChunk.Choice.Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null, index = 0) =>
    sseData(chatCompletionChunk(parts, delta, finish, { index, usageNull }));
  const reply = parts.reply ?? { kind: 'text' as const, content: parts.content };
  const events: string[] = [];
  let finish: ChatCompletionChunk.Choice['finish_reason'];

  if (reply.kind === 'tool_calls') {
    // Tool calls: the call's id and name first, then its arguments in pieces.
    const call = reply.calls[0]!;
    const pieces = splitText(call.arguments, 16);
    const sent = pieces.slice(0, piecesFor(end, pieces.length));
    for (let index = 0; index < n; index++) {
      events.push(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }, null, index));
    }
    for (const piece of sent) for (let index = 0; index < n; index++) events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null, index));
    finish = 'tool_calls';
  } else {
    const pieces = splitText(reply.content);
    const sent = pieces.slice(0, piecesFor(end, pieces.length));
    for (let index = 0; index < n; index++) events.push(chunk({ role: 'assistant', content: '', refusal: null }, null, index));
    for (const piece of sent) for (let index = 0; index < n; index++) events.push(chunk({ content: piece }, null, index));
    finish = end.kind === 'incomplete' ? 'length' : 'stop';
  }

  switch (end.kind) {
    case 'cut':
    case 'no-end':
      break;
    case 'error-event':
    case 'failed':
      // What OpenAI sends when generation fails mid-stream: an error object where a chunk should be.
      events.push(sseData({ error: { message: end.error.message, type: end.error.type, param: end.error.param ?? null, code: end.error.code } }));
      break;
    case 'complete':
    case 'incomplete':
      for (let index = 0; index < n; index++) events.push(chunk({}, finish, index));
      if (o.includeUsage) events.push(sseData(usageChunk(parts)));
      events.push(sseData('[DONE]'));
  }
  return { events, ending: bodyEnding(end) };
}
