/**
 * What is wrong with a request body, before any dialect renders it. The
 * validators speak OpenAI's words (their messages are the API's own), and each
 * profile decides the status and shape: OpenAI and Qwen a 400, DeepSeek a 400
 * for a body it cannot parse and a 422 for bad parameters, Anthropic a 400
 * `invalid_request_error`.
 */
import { bodyText } from './request-body';

/** One problem with a request. */
export interface RequestProblem {
  message: string;
  /** The offending parameter, e.g. `messages[0].role`. */
  param: string | null;
  /** OpenAI's code for it, e.g. `invalid_type`. */
  code: string | null;
  /** `parse`: the body is not a JSON object at all; `param`: a parameter is missing or wrong. */
  kind: 'parse' | 'param';
}

/** A validated value, or the problem. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: RequestProblem };

/** A problem with a parameter. */
export const problem = (message: string, param: string | null, code: string | null, kind: RequestProblem['kind'] = 'param'): { ok: false; problem: RequestProblem } => ({
  ok: false,
  problem: { message, param, code, kind },
});

/** The JSON type name OpenAI's messages use: `a string`, `an object`, `an array`, `a decimal`… */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

/** A plain object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Check an optional number parameter against a range, with OpenAI's messages:
 * "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead."
 * @returns the problem, or `undefined` when the value is absent or fine.
 */
export function checkNumber(body: Record<string, unknown>, name: string, min: number, max: number, integer = false): RequestProblem | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const what = integer ? 'integer' : 'decimal';
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    return problem(`Invalid type for '${name}': expected ${integer ? 'an integer' : 'a decimal'}, but got ${jsonTypeName(value)} instead.`, name, 'invalid_type').problem;
  }
  if (value < min) return problem(`Invalid '${name}': ${what} below minimum value. Expected a value >= ${min}, but got ${value} instead.`, name, `${what}_below_min_value`).problem;
  if (value > max) return problem(`Invalid '${name}': ${what} above maximum value. Expected a value <= ${max}, but got ${value} instead.`, name, `${what}_above_max_value`).problem;
  return undefined;
}

/** Check an optional boolean parameter ("Invalid type for 'stream': expected a boolean, but got a string instead."). */
export function checkBoolean(body: Record<string, unknown>, name: string): RequestProblem | undefined {
  const value = body[name];
  if (value === undefined || value === null || typeof value === 'boolean') return undefined;
  return problem(`Invalid type for '${name}': expected a boolean, but got ${jsonTypeName(value)} instead.`, name, 'invalid_type').problem;
}

/** "Invalid value: 'x'. Supported values are: 'a', 'b', and 'c'." */
export function unsupportedValue(value: unknown, supported: readonly string[], param: string): { ok: false; problem: RequestProblem } {
  const list = supported.map((s) => `'${s}'`);
  const joined = list.length > 1 ? `${list.slice(0, -1).join(', ')}, and ${list.at(-1)}` : list.join('');
  return problem(`Invalid value: '${String(value).slice(0, 100)}'. Supported values are: ${joined}.`, param, 'invalid_value');
}

/**
 * Parse a body as JSON (read once per request, shared by the chain's handlers:
 * ./request-body.ts).
 */
export async function readJsonBody(request: Request): Promise<Checked<Record<string, unknown>>> {
  let body: unknown;
  try {
    body = JSON.parse(await bodyText(request));
  } catch {
    return problem(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
      null,
      null,
      'parse',
    );
  }
  if (!isRecord(body)) return problem('Invalid body: expected a JSON object.', null, 'invalid_type', 'parse');
  return { ok: true, value: body };
}
