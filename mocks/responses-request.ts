import { textOf } from './chat-request';
import { checkBoolean, checkNumber, isRecord, problem, readJsonBody, unsupportedValue, type Checked, type RequestProblem } from './request-problem';
import { readFormat, readTools, type Structured } from './structured-request';

/**
 * Reading a `POST /responses` body (the Responses API) as the real API does.
 * `input` is a string or a list of items (messages, tool outputs); tools are
 * flat (`{ type, name, parameters }`) and the output format is `text.format`.
 */

/** The fields of a Responses API request the mock looks at. */
export interface ResponsesRequest extends Structured {
  model: string;
  stream: boolean;
  /** Text of the last user input: the question the mock answers. */
  question: string;
  /** All input text joined, for the prompt token estimate. */
  prompt: string;
  /** `tool` after a `function_call_output` item, else the last item's role. */
  lastRole: string;
  instructions: string | null;
  maxOutputTokens: number | null;
  temperature: number | null;
}

const ROLES = ['assistant', 'system', 'developer', 'user'] as const;

type Item = { role: string; text: string };

function readInput(raw: unknown): Checked<Item[]> {
  if (raw === undefined || raw === null) return problem("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  if (typeof raw === 'string') return { ok: true, value: [{ role: 'user', text: raw }] };
  if (!Array.isArray(raw)) return problem("Invalid type for 'input': expected a string or an array of input items.", 'input', 'invalid_type');
  if (raw.length === 0) return problem("Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'input', 'empty_array');
  const items: Item[] = [];
  for (const [i, item] of raw.entries()) {
    if (!isRecord(item)) return problem(`Invalid type for 'input[${i}]': expected an object.`, `input[${i}]`, 'invalid_type');
    if (item.type === 'function_call_output') {
      items.push({ role: 'tool', text: typeof item.output === 'string' ? item.output : '' });
      continue;
    }
    if (item.type === 'function_call' || item.type === 'reasoning') {
      items.push({ role: 'assistant', text: '' });
      continue;
    }
    if (item.role === undefined) return problem(`Missing required parameter: 'input[${i}].role'.`, `input[${i}].role`, 'missing_required_parameter');
    if (typeof item.role !== 'string' || !(ROLES as readonly string[]).includes(item.role)) return unsupportedValue(item.role, ROLES, `input[${i}].role`);
    if (item.content === undefined) return problem(`Missing required parameter: 'input[${i}].content'.`, `input[${i}].content`, 'missing_required_parameter');
    items.push({ role: item.role, text: textOf(item.content) });
  }
  return { ok: true, value: items };
}

/** Parse and validate a Responses API body. Never throws. */
export async function readResponsesRequest(request: Request): Promise<{ ok: true; value: ResponsesRequest } | { ok: false; error: RequestProblem }> {
  const parsed = await readJsonBody(request);
  if (!parsed.ok) return { ok: false, error: parsed.problem };
  const body = parsed.value;
  if (typeof body.model !== 'string' || body.model === '') return { ok: false, error: problem("Missing required parameter: 'model'.", 'model', 'missing_required_parameter').problem };
  const input = readInput(body.input);
  if (!input.ok) return { ok: false, error: input.problem };
  const bad = checkBoolean(body, 'stream') ?? checkNumber(body, 'temperature', 0, 2) ?? checkNumber(body, 'top_p', 0, 1) ?? checkNumber(body, 'max_output_tokens', 16, 1_000_000, true);
  if (bad) return { ok: false, error: bad };
  if (body.instructions !== undefined && body.instructions !== null && typeof body.instructions !== 'string') {
    return { ok: false, error: problem("Invalid type for 'instructions': expected a string.", 'instructions', 'invalid_type').problem };
  }
  const tools = readTools(body, 'flat');
  if (!tools.ok) return { ok: false, error: tools.problem };
  const format = readFormat(isRecord(body.text) ? body.text.format : undefined, 'text.format', 'flat');
  if (!format.ok) return { ok: false, error: format.problem };
  const lastUser = [...input.value].reverse().find((item) => item.role === 'user');
  return {
    ok: true,
    value: {
      model: body.model,
      stream: body.stream === true,
      question: lastUser?.text ?? '',
      prompt: [typeof body.instructions === 'string' ? body.instructions : '', ...input.value.map((item) => item.text)].join('\n'),
      lastRole: input.value.at(-1)!.role,
      instructions: typeof body.instructions === 'string' ? body.instructions : null,
      maxOutputTokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
      temperature: typeof body.temperature === 'number' ? body.temperature : null,
      ...tools.value,
      format: format.value,
    },
  };
}
