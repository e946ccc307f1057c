import { jsonInstance } from './json-instance';
import type { IdSource } from './ids';
import type { Structured } from './structured-request';

/**
 * What the mock model "says" to one request: plain text, JSON in the asked
 * format, or a tool call. Shared by Chat Completions, the Responses API and
 * Anthropic's Messages API, so all three answer a structured request alike.
 */

/** One function call the model makes. */
export interface ToolCall {
  /** `call_…` (OpenAI) or `toolu_…` (Anthropic). */
  id: string;
  name: string;
  /** The arguments as a JSON string, valid against the tool's parameters schema. */
  arguments: string;
}

/** The model's reply. */
export type Reply = { kind: 'text'; content: string } | { kind: 'tool_calls'; calls: ToolCall[] };

/** What {@link replyFor} needs from a request. */
export interface ReplyInput extends Structured {
  /** Role of the last message: after a tool result the model answers in text. */
  lastRole: string;
  question: string;
}

/**
 * Decide the reply. With tools, `auto` calls the first tool when the last
 * message is the user's and answers in text once a tool result came back, so
 * a student's agent loop ends; `required` and a named function always call.
 * @param answer the mock's text answer to the question.
 * @param idPrefix `call_` for OpenAI dialects, `toolu_` for Anthropic.
 */
export function replyFor(input: ReplyInput, answer: string, ids: IdSource, now: number, idPrefix = 'call_'): Reply {
  const { tools, toolChoice } = input;
  const forced = typeof toolChoice === 'object' ? tools.find((t) => t.name === toolChoice.name) : undefined;
  const tool = forced ?? (toolChoice === 'required' || (toolChoice === 'auto' && input.lastRole === 'user') ? tools[0] : undefined);
  if (tool) {
    // A tool without a parameters schema takes an empty object.
    const args = Object.keys(tool.parameters).length === 0 ? {} : jsonInstance(tool.parameters, { text: input.question, now });
    return { kind: 'tool_calls', calls: [{ id: `${idPrefix}${ids.base62(24)}`, name: tool.name, arguments: JSON.stringify(args) }] };
  }
  switch (input.format.type) {
    case 'json_object':
      return { kind: 'text', content: JSON.stringify({ answer }) };
    case 'json_schema':
      return { kind: 'text', content: JSON.stringify(jsonInstance(input.format.schema, { text: answer, now })) };
    default:
      return { kind: 'text', content: answer };
  }
}

/** The reply's text, for token estimates and for dialects that carry one string. */
export function replyText(reply: Reply): string {
  return reply.kind === 'text' ? reply.content : reply.calls.map((c) => c.arguments).join('');
}
