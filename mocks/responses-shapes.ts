import type { Response as OpenAIResponse, ResponseOutputItem, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses';
import { replyText, type Reply } from './chat-reply';
import { approxTokens, sseEvent, splitText } from './openai-shapes';
import type { WireError } from './profiles';
import { bodyEnding, piecesFor, type RenderedStream, type StreamEnd } from './stream-plan';

/**
 * The Responses API (`POST /v1/responses`), typed against the SDK's own
 * types. A stream is typed events, each with a `sequence_number` from 0, and
 * no `[DONE]`: it ends in `response.completed`, `response.incomplete` or
 * `response.failed`, or a top-level `error` event (REFERENCE §8).
 */

/** What one response is made of. */
export interface ResponseParts {
  /** `resp_…` */
  id: string;
  /** `msg_…` or `fc_…`: the output item's id. */
  itemId: string;
  /** Unix seconds. */
  createdAt: number;
  model: string;
  reply: Reply;
  /** Prompt text, for the usage estimate. */
  prompt: string;
  instructions: string | null;
  maxOutputTokens: number | null;
  temperature: number | null;
}

/** The body without `output_text`: the SDK adds that convenience field itself. */
export type ResponseBody = Omit<OpenAIResponse, 'output_text'>;

type Status = 'in_progress' | 'completed' | 'incomplete' | 'failed';

function usage(p: ResponseParts, text: string): ResponseUsage {
  const input = approxTokens(p.prompt);
  const output = approxTokens(text);
  return { input_tokens: input, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 }, output_tokens: output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: input + output };
}

function outputItem(p: ResponseParts, text: string, status: 'in_progress' | 'completed' | 'incomplete'): ResponseOutputItem {
  if (p.reply.kind === 'tool_calls') {
    const call = p.reply.calls[0]!;
    return { type: 'function_call', id: p.itemId, call_id: call.id, name: call.name, arguments: text, status };
  }
  return { type: 'message', id: p.itemId, role: 'assistant', status, content: status === 'in_progress' && text === '' ? [] : [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
}

/** A `response` object in a given state. `text` is what was generated so far. */
export function responseBody(p: ResponseParts, status: Status, text: string, extra: { error?: WireError; incomplete?: string } = {}): ResponseBody {
  const done = status !== 'in_progress';
  return {
    id: p.id,
    object: 'response',
    created_at: p.createdAt,
    status,
    error: extra.error ? { code: extra.error.code as NonNullable<OpenAIResponse['error']>['code'], message: extra.error.message } : null,
    incomplete_details: extra.incomplete ? { reason: extra.incomplete as 'max_output_tokens' } : null,
    instructions: p.instructions,
    max_output_tokens: p.maxOutputTokens,
    metadata: {},
    model: p.model,
    output: done || text !== '' ? [outputItem(p, text, status === 'completed' ? 'completed' : status === 'in_progress' ? 'in_progress' : 'incomplete')] : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    temperature: p.temperature ?? 1,
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    ...(done ? { usage: usage(p, text) } : {}),
  };
}

/** The events of a streamed response that ends as `end` says. */
export function responseStream(p: ResponseParts, end: StreamEnd): RenderedStream {
  let seq = 0;
  const events: string[] = [];
  const push = (event: Record<string, unknown> & { type: ResponseStreamEvent['type'] }) => events.push(sseEvent(event.type, { ...event, sequence_number: seq++ }));
  const full = replyText(p.reply);
  const pieces = splitText(full, p.reply.kind === 'tool_calls' ? 16 : undefined);
  const sent = pieces.slice(0, piecesFor(end, pieces.length));
  const text = sent.join('');
  const tool = p.reply.kind === 'tool_calls';
  const at = { item_id: p.itemId, output_index: 0 };

  push({ type: 'response.created', response: responseBody(p, 'in_progress', '') });
  push({ type: 'response.in_progress', response: responseBody(p, 'in_progress', '') });
  push({ type: 'response.output_item.added', output_index: 0, item: outputItem(p, '', 'in_progress') });
  if (!tool) push({ type: 'response.content_part.added', ...at, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
  for (const delta of sent) {
    push(tool ? { type: 'response.function_call_arguments.delta', ...at, delta } : { type: 'response.output_text.delta', ...at, content_index: 0, delta, logprobs: [] });
  }
  switch (end.kind) {
    case 'cut':
    case 'no-end':
      break;
    case 'error-event':
      push({ type: 'error', code: end.error.code ?? end.error.type, message: end.error.message, param: null });
      break;
    case 'failed':
      push({ type: 'response.failed', response: responseBody(p, 'failed', text, { error: end.error }) });
      break;
    case 'complete':
    case 'incomplete': {
      const status = end.kind === 'complete' ? 'completed' : 'incomplete';
      const final = end.kind === 'complete' ? full : text;
      if (tool) push({ type: 'response.function_call_arguments.done', ...at, arguments: final, name: p.reply.kind === 'tool_calls' ? p.reply.calls[0]!.name : '' });
      else {
        push({ type: 'response.output_text.done', ...at, content_index: 0, text: final, logprobs: [] });
        push({ type: 'response.content_part.done', ...at, content_index: 0, part: { type: 'output_text', text: final, annotations: [], logprobs: [] } });
      }
      push({ type: 'response.output_item.done', output_index: 0, item: outputItem(p, final, status) });
      push(
        end.kind === 'complete'
          ? { type: 'response.completed', response: responseBody(p, 'completed', final) }
          : { type: 'response.incomplete', response: responseBody(p, 'incomplete', final, { incomplete: 'max_output_tokens' }) },
      );
    }
  }
  return { events, ending: bodyEnding(end) };
}
