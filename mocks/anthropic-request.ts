import { isRecord, readJsonBody, type RequestProblem } from './request-problem';
import type { Structured, ToolChoice, ToolSpec } from './structured-request';

/**
 * Reading a `POST /v1/messages` body as Anthropic's API does. Its messages
 * come from its validator: `max_tokens: Field required`,
 * `messages.0.role: Input should be 'user' or 'assistant'`.
 */

/** The fields of a Messages API request the mock looks at. */
export interface MessagesRequest extends Structured {
  model: string;
  stream: boolean;
  maxTokens: number;
  /** Text of the last user message. */
  question: string;
  /** System prompt and all message text, for the token estimate. */
  prompt: string;
  /** `tool` when the last user turn carries a `tool_result`. */
  lastRole: string;
}

const bad = (message: string, param: string | null = null): { ok: false; error: RequestProblem } => ({ ok: false, error: { message, param, code: null, kind: 'param' } });

/** Text of Anthropic content: a string, or the `text` of its blocks. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b: unknown) => (isRecord(b) && typeof b.text === 'string' ? b.text : isRecord(b) && typeof b.content === 'string' ? b.content : '')).join('');
}

function readAnthropicTools(body: Record<string, unknown>): { ok: true; tools: ToolSpec[]; choice: ToolChoice } | { ok: false; error: RequestProblem } {
  const tools: ToolSpec[] = [];
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return bad('tools: Input should be a valid list', 'tools');
    for (const [i, t] of body.tools.entries()) {
      if (!isRecord(t) || typeof t.name !== 'string') return bad(`tools.${i}.name: Field required`, `tools.${i}.name`);
      if (!isRecord(t.input_schema)) return bad(`tools.${i}.input_schema: Field required`, `tools.${i}.input_schema`);
      tools.push({ name: t.name, parameters: t.input_schema });
    }
  }
  const raw = body.tool_choice;
  if (raw === undefined) return { ok: true, tools, choice: tools.length ? 'auto' : 'none' };
  if (!isRecord(raw)) return bad('tool_choice: Input should be a valid dictionary', 'tool_choice');
  switch (raw.type) {
    case 'auto':
      return { ok: true, tools, choice: 'auto' };
    case 'any':
      return { ok: true, tools, choice: 'required' };
    case 'none':
      return { ok: true, tools, choice: 'none' };
    case 'tool':
      if (typeof raw.name !== 'string' || !tools.some((t) => t.name === raw.name)) return bad(`tool_choice.name: Tool '${String(raw.name)}' not found in tools`, 'tool_choice.name');
      return { ok: true, tools, choice: { name: raw.name } };
    default:
      return bad("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'", 'tool_choice.type');
  }
}

/** Parse and validate a Messages API body. Never throws. */
export async function readMessagesRequest(request: Request): Promise<{ ok: true; value: MessagesRequest } | { ok: false; error: RequestProblem }> {
  const parsed = await readJsonBody(request);
  if (!parsed.ok) return { ok: false, error: { ...parsed.problem, message: 'There was an issue with your request body: it is not valid JSON.' } };
  const body = parsed.value;
  if (typeof body.model !== 'string' || body.model === '') return bad('model: Field required', 'model');
  if (body.max_tokens === undefined) return bad('max_tokens: Field required', 'max_tokens');
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens)) return bad('max_tokens: Input should be a valid integer', 'max_tokens');
  if (body.max_tokens < 1) return bad('max_tokens: Input should be greater than or equal to 1', 'max_tokens');
  if (body.messages === undefined) return bad('messages: Field required', 'messages');
  if (!Array.isArray(body.messages)) return bad('messages: Input should be a valid list', 'messages');
  if (body.messages.length === 0) return bad('messages: List should have at least 1 item after validation, not 0', 'messages');
  for (const [i, m] of body.messages.entries()) {
    if (!isRecord(m)) return bad(`messages.${i}: Input should be a valid dictionary`, `messages.${i}`);
    if (m.role !== 'user' && m.role !== 'assistant') return bad(`messages.${i}.role: Input should be 'user' or 'assistant'`, `messages.${i}.role`);
    if (typeof m.content !== 'string' && !Array.isArray(m.content)) return bad(`messages.${i}.content: Field required`, `messages.${i}.content`);
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') return bad('stream: Input should be a valid boolean', 'stream');
  if (body.temperature !== undefined && (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 1)) {
    return bad('temperature: Input should be less than or equal to 1', 'temperature');
  }
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) return bad('system: Input should be a valid string', 'system');
  const tools = readAnthropicTools(body);
  if (!tools.ok) return tools;
  const messages = body.messages as Record<string, unknown>[];
  const last = messages.at(-1)!;
  const toolResult = Array.isArray(last.content) && last.content.some((b: unknown) => isRecord(b) && b.type === 'tool_result');
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  return {
    ok: true,
    value: {
      model: body.model,
      stream: body.stream === true,
      maxTokens: body.max_tokens,
      question: textOf(lastUser?.content),
      prompt: [textOf(body.system), ...messages.map((m) => textOf(m.content))].join('\n'),
      lastRole: toolResult ? 'tool' : String(last.role),
      tools: tools.tools,
      toolChoice: tools.choice,
      format: { type: 'text' },
    },
  };
}
