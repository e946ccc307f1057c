import { checkBoolean, checkNumber, isRecord, problem, readJsonBody, unsupportedValue, type Checked, type RequestProblem } from './request-problem';
import { checkJsonMentioned, readFormat, readTools, type Structured } from './structured-request';

/**
 * Reading a `POST /chat/completions` body the way the real API does: reject
 * what it rejects, with the same messages, and pick out what the mock needs.
 */

/** The fields of a chat request the mock looks at. */
export interface ChatRequest extends Structured {
  model: string;
  stream: boolean;
  /** `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Text of the last user message: the question the mock answers. */
  question: string;
  /** All message text joined, for the prompt token estimate. */
  prompt: string;
  /** Choices to return (`n`, 1–128). Default 1. */
  n: number;
  /** Role of the last message: after a `tool` result, the model answers in text. */
  lastRole: string;
  /** `max_completion_tokens` or `max_tokens`, when given. */
  maxTokens?: number;
}

/** Either a usable request or what is wrong with it. */
export type ChatRequestResult = { ok: true; value: ChatRequest } | { ok: false; error: RequestProblem };

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'] as const;

/** Text of a message's `content`: a string, or the text parts of an array. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

const fail = (c: { ok: false; problem: RequestProblem }): ChatRequestResult => ({ ok: false, error: c.problem });

function checkMessages(raw: unknown): Checked<Record<string, unknown>[]> {
  if (raw === undefined) return problem("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(raw)) return problem("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
  if (raw.length === 0) return problem("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  const messages: Record<string, unknown>[] = [];
  let toolCallsSeen = false;
  for (const [i, m] of raw.entries()) {
    if (!isRecord(m) || m.role === undefined) return problem(`Missing required parameter: 'messages[${i}].role'.`, `messages[${i}].role`, 'missing_required_parameter');
    if (typeof m.role !== 'string' || !(ROLES as readonly string[]).includes(m.role)) return unsupportedValue(m.role, ROLES, `messages[${i}].role`);
    if (m.role !== 'assistant' && m.content === undefined) return problem(`Missing required parameter: 'messages[${i}].content'.`, `messages[${i}].content`, 'missing_required_parameter');
    if (m.role === 'assistant' && Array.isArray(m.tool_calls) && m.tool_calls.length > 0) toolCallsSeen = true;
    if (m.role === 'tool' && !toolCallsSeen) {
      return problem("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${i}].role`, null);
    }
    messages.push(m);
  }
  return { ok: true, value: messages };
}

/** Parse and validate a chat request body. Never throws. */
export async function readChatRequest(request: Request): Promise<ChatRequestResult> {
  const parsed = await readJsonBody(request);
  if (!parsed.ok) return fail(parsed);
  const body = parsed.value;
  if (typeof body.model !== 'string' || body.model === '') return fail(problem('You must provide a model parameter.', 'model', 'missing_required_parameter'));
  const messages = checkMessages(body.messages);
  if (!messages.ok) return fail(messages);
  const bad =
    checkBoolean(body, 'stream') ??
    checkNumber(body, 'temperature', 0, 2) ??
    checkNumber(body, 'top_p', 0, 1) ??
    checkNumber(body, 'n', 1, 128, true) ??
    checkNumber(body, 'max_tokens', 1, 1_000_000, true) ??
    checkNumber(body, 'max_completion_tokens', 1, 1_000_000, true) ??
    checkNumber(body, 'presence_penalty', -2, 2) ??
    checkNumber(body, 'frequency_penalty', -2, 2);
  if (bad) return { ok: false, error: bad };
  const tools = readTools(body, 'nested');
  if (!tools.ok) return fail(tools);
  const format = readFormat(body.response_format, 'response_format', 'nested');
  if (!format.ok) return fail(format);
  const prompt = messages.value.map((m) => textOf(m.content)).join('\n');
  const json = checkJsonMentioned(format.value, prompt);
  if (!json.ok) return fail(json);
  const lastUser = [...messages.value].reverse().find((m) => m.role === 'user');
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  const maxTokens = (body.max_completion_tokens ?? body.max_tokens) as number | undefined;
  return {
    ok: true,
    value: {
      model: body.model,
      stream: body.stream === true,
      includeUsage: streamOptions.include_usage === true,
      question: textOf(lastUser?.content),
      prompt,
      n: typeof body.n === 'number' ? body.n : 1,
      lastRole: String(messages.value.at(-1)!.role),
      ...(typeof maxTokens === 'number' ? { maxTokens } : {}),
      ...tools.value,
      format: format.value,
    },
  };
}

/** Cheap check used by the streaming faults: is this a `stream: true` request? Never throws. */
export async function isStreamRequest(request: Request): Promise<boolean> {
  const parsed = await readJsonBody(request);
  return parsed.ok && parsed.value.stream === true;
}
