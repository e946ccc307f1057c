import { seededRandom } from '@/lib/resilience/random';
import { approxTokens } from './openai-shapes';
import { checkNumber, problem, readJsonBody, unsupportedValue, type RequestProblem } from './request-problem';

/**
 * `POST /embeddings`: deterministic unit vectors, one per input, so the same
 * text always embeds to the same point. The openai SDK asks for
 * `encoding_format: "base64"` by default and decodes it itself, so both forms
 * are served.
 */

/** The fields of an embeddings request the mock looks at. */
export interface EmbeddingsRequest {
  model: string;
  /** Each input as text (token arrays are joined with spaces). */
  inputs: string[];
  encoding: 'float' | 'base64';
  /** Vector length. Default 1536 (text-embedding-3-small). */
  dimensions: number;
}

/** Default vector length. */
export const DEFAULT_DIMENSIONS = 1536;

const INVALID_INPUT = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

/** Parse and validate an embeddings body. Never throws. */
export async function readEmbeddingsRequest(request: Request): Promise<{ ok: true; value: EmbeddingsRequest } | { ok: false; error: RequestProblem }> {
  const parsed = await readJsonBody(request);
  if (!parsed.ok) return { ok: false, error: parsed.problem };
  const body = parsed.value;
  if (typeof body.model !== 'string' || body.model === '') return { ok: false, error: problem('You must provide a model parameter.', 'model', 'missing_required_parameter').problem };
  const raw = body.input;
  const list: unknown[] = typeof raw === 'string' || (Array.isArray(raw) && raw.every((x) => typeof x === 'number')) ? [raw] : Array.isArray(raw) ? raw : [];
  const inputs: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && item !== '') inputs.push(item);
    else if (Array.isArray(item) && item.length > 0 && item.every((x) => Number.isInteger(x))) inputs.push(item.join(' '));
    else return { ok: false, error: problem(INVALID_INPUT, 'input', null).problem };
  }
  if (inputs.length === 0 || inputs.length > 2048) return { ok: false, error: problem(INVALID_INPUT, 'input', null).problem };
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') return { ok: false, error: unsupportedValue(format, ['float', 'base64'], 'encoding_format').problem };
  const bad = checkNumber(body, 'dimensions', 1, 3072, true);
  if (bad) return { ok: false, error: bad };
  return { ok: true, value: { model: body.model, inputs, encoding: format, dimensions: typeof body.dimensions === 'number' ? body.dimensions : DEFAULT_DIMENSIONS } };
}

/** FNV-1a of the text: the vector's seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A deterministic unit vector for `text`. */
export function embeddingFor(text: string, dimensions: number): Float32Array {
  const random = seededRandom(hash(text));
  const v = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    v[i] = random() * 2 - 1;
    norm += v[i]! * v[i]!;
  }
  const scale = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < dimensions; i++) v[i] = v[i]! * scale;
  return v;
}

/** The `list` body of an embeddings response. */
export function embeddingsBody(req: EmbeddingsRequest) {
  const data = req.inputs.map((text, index) => {
    const v = embeddingFor(text, req.dimensions);
    const embedding = req.encoding === 'base64' ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : Array.from(v);
    return { object: 'embedding' as const, index, embedding };
  });
  const tokens = req.inputs.reduce((sum, text) => sum + approxTokens(text), 0);
  return { object: 'list' as const, data, model: req.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
