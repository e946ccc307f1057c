import { isRecord, problem, unsupportedValue, type Checked } from './request-problem';

/**
 * Tools, `tool_choice` and `response_format`: the parts of a request that ask
 * for structured output. Validated as the real API does (its 400s), and
 * normalised, so the answer builder only sees what it can honour.
 */

/** A function tool the model may call. */
export interface ToolSpec {
  name: string;
  /** JSON schema of the arguments; `{}` when none was given. */
  parameters: Record<string, unknown>;
}

/** Which tool, if any, the model must call. */
export type ToolChoice = 'none' | 'auto' | 'required' | { name: string };

/** The output format asked for. */
export type OutputFormat = { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; name: string; schema: Record<string, unknown> };

/** What a request asks for beyond plain text. */
export interface Structured {
  tools: ToolSpec[];
  toolChoice: ToolChoice;
  format: OutputFormat;
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Read `tools` and `tool_choice`. `shape` is where a tool keeps its name:
 * `nested` for Chat Completions (`{ type, function: { name, parameters } }`),
 * `flat` for the Responses API (`{ type, name, parameters }`).
 */
export function readTools(body: Record<string, unknown>, shape: 'nested' | 'flat'): Checked<Pick<Structured, 'tools' | 'toolChoice'>> {
  const tools: ToolSpec[] = [];
  if (body.tools !== undefined && body.tools !== null) {
    if (!Array.isArray(body.tools)) return problem(`Invalid type for 'tools': expected an array, but got ${isRecord(body.tools) ? 'an object' : `a ${typeof body.tools}`} instead.`, 'tools', 'invalid_type');
    for (const [i, tool] of body.tools.entries()) {
      const at = `tools[${i}]`;
      if (!isRecord(tool)) return problem(`Invalid type for '${at}': expected an object.`, at, 'invalid_type');
      if (tool.type !== 'function') return unsupportedValue(tool.type, ['function', 'custom'], `${at}.type`);
      const fn = shape === 'nested' ? tool.function : tool;
      const fnAt = shape === 'nested' ? `${at}.function` : at;
      if (!isRecord(fn)) return problem(`Missing required parameter: '${fnAt}'.`, fnAt, 'missing_required_parameter');
      if (typeof fn.name !== 'string') return problem(`Missing required parameter: '${fnAt}.name'.`, `${fnAt}.name`, 'missing_required_parameter');
      if (!NAME.test(fn.name)) {
        return problem(`Invalid '${fnAt}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, `${fnAt}.name`, 'invalid_value');
      }
      if (fn.parameters !== undefined && !isRecord(fn.parameters)) return problem(`Invalid type for '${fnAt}.parameters': expected an object.`, `${fnAt}.parameters`, 'invalid_type');
      tools.push({ name: fn.name, parameters: (fn.parameters as Record<string, unknown> | undefined) ?? {} });
    }
  }
  const raw = body.tool_choice;
  let toolChoice: ToolChoice = tools.length > 0 ? 'auto' : 'none';
  if (raw !== undefined && raw !== null) {
    if (tools.length === 0) return problem("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice', null);
    if (typeof raw === 'string') {
      if (raw !== 'none' && raw !== 'auto' && raw !== 'required') return unsupportedValue(raw, ['none', 'auto', 'required'], 'tool_choice');
      toolChoice = raw;
    } else if (isRecord(raw) && raw.type === 'function') {
      const name = shape === 'nested' ? (isRecord(raw.function) ? raw.function.name : undefined) : raw.name;
      if (typeof name !== 'string' || !tools.some((t) => t.name === name)) {
        return problem(`Invalid value for 'tool_choice': no function named '${String(name)}' was specified in the 'tools' parameter.`, 'tool_choice', 'invalid_value');
      }
      toolChoice = { name };
    } else {
      return problem("Invalid type for 'tool_choice': expected one of 'none', 'auto', 'required' or an object naming a function.", 'tool_choice', 'invalid_type');
    }
  }
  return { ok: true, value: { tools, toolChoice } };
}

/**
 * Read an output format: Chat Completions' `response_format`, or the Responses
 * API's `text.format` (whose `json_schema` fields sit at the top level).
 */
export function readFormat(raw: unknown, param: string, shape: 'nested' | 'flat'): Checked<OutputFormat> {
  if (raw === undefined || raw === null) return { ok: true, value: { type: 'text' } };
  if (!isRecord(raw)) return problem(`Invalid type for '${param}': expected an object.`, param, 'invalid_type');
  if (raw.type === 'text' || raw.type === 'json_object') return { ok: true, value: { type: raw.type } };
  if (raw.type !== 'json_schema') return unsupportedValue(raw.type, ['json_object', 'json_schema', 'text'], `${param}.type`);
  const spec = shape === 'nested' ? raw.json_schema : raw;
  const specAt = shape === 'nested' ? `${param}.json_schema` : param;
  if (!isRecord(spec)) return problem(`Missing required parameter: '${specAt}'.`, specAt, 'missing_required_parameter');
  if (typeof spec.name !== 'string') return problem(`Missing required parameter: '${specAt}.name'.`, `${specAt}.name`, 'missing_required_parameter');
  if (!NAME.test(spec.name)) return problem(`Invalid '${specAt}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, `${specAt}.name`, 'invalid_value');
  if (spec.schema !== undefined && !isRecord(spec.schema)) return problem(`Invalid type for '${specAt}.schema': expected an object.`, `${specAt}.schema`, 'invalid_type');
  return { ok: true, value: { type: 'json_schema', name: spec.name, schema: (spec.schema as Record<string, unknown> | undefined) ?? {} } };
}

/** JSON mode needs the word "json" somewhere in the messages, or the API refuses (a real 400). */
export function checkJsonMentioned(format: OutputFormat, prompt: string): Checked<true> {
  if (format.type !== 'json_object' || /json/i.test(prompt)) return { ok: true, value: true };
  return problem("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages', null);
}
