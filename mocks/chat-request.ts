import type { OpenAIErrorObject } from './openai-shapes';

/**
 * Reading a `POST /chat/completions` body the way the real API does: reject
 * what it rejects, with the same error shapes, and pick out the question.
 */

/** The fields of a chat request the mock looks at. */
export interface ChatRequest {
  model: string;
  stream: boolean;
  /** `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Text of the last user message: the question the mock answers. */
  question: string;
  /** All message text joined, for the prompt token estimate. */
  prompt: string;
}

/** Either a usable request or the 400 error the API would send. */
export type ChatRequestResult = { ok: true; value: ChatRequest } | { ok: false; error: OpenAIErrorObject };

const invalid = (message: string, param: string | null, code: string | null): ChatRequestResult => ({
  ok: false,
  error: { message, type: 'invalid_request_error', param, code },
});

/** Text of a message's `content`: a string, or the text parts of an array. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : '',
    )
    .join('');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parse and validate a chat request body. Reads a clone, because MSW hands every
 * handler the same `Request` and a body can be read only once.
 */
export async function readChatRequest(request: Request): Promise<ChatRequestResult> {
  let body: unknown;
  try {
    body = JSON.parse(await request.clone().text());
  } catch {
    return invalid(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
      null,
      null,
    );
  }
  if (!isRecord(body)) return invalid('Invalid body: expected a JSON object.', null, 'invalid_type');
  if (typeof body.model !== 'string' || body.model === '') {
    return invalid('You must provide a model parameter.', 'model', 'missing_required_parameter');
  }
  if (body.messages === undefined) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(body.messages)) return invalid("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
  if (body.messages.length === 0) {
    return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  }
  const messages: Record<string, unknown>[] = [];
  for (const [i, m] of body.messages.entries()) {
    if (!isRecord(m) || typeof m.role !== 'string') {
      return invalid(`Missing required parameter: 'messages[${i}].role'.`, `messages[${i}].role`, 'missing_required_parameter');
    }
    messages.push(m);
  }
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  return {
    ok: true,
    value: {
      model: body.model,
      stream: body.stream === true,
      includeUsage: streamOptions.include_usage === true,
      question: textOf(lastUser?.content),
      prompt: messages.map((m) => textOf(m.content)).join('\n'),
    },
  };
}

/** Cheap check used by the streaming faults: is this a `stream: true` request? Never throws. */
export async function isStreamRequest(request: Request): Promise<boolean> {
  const result = await readChatRequest(request);
  return result.ok && result.value.stream;
}
