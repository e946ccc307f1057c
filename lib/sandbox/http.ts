import type { z } from 'zod';
import { MAX_BODY_BYTES, type ApiErrorBody } from '@/lib/contract';
import type { BusyError } from './admission';

/** A JSON response. */
export const json = (data: unknown, init?: ResponseInit): Response => Response.json(data, init);

/** An error response in the sandbox's one shape, `{ error: { message, issues? } }`. */
export function apiError(status: number, message: string, headers?: Record<string, string>, issues?: ApiErrorBody['error']['issues']): Response {
  const body: ApiErrorBody = { error: { message, ...(issues?.length ? { issues } : {}) } };
  return Response.json(body, { status, ...(headers ? { headers } : {}) });
}

/** A 429 for a full gate: the process is protecting the other sessions. */
export function busy(error: BusyError): Response {
  return apiError(429, error.message, { 'retry-after': String(error.retryAfterS) });
}

/** A 400 that says what is wrong. Never a 500 for bad input. */
export function badRequest(message: string, issues?: ApiErrorBody['error']['issues']): Response {
  return apiError(400, message, undefined, issues);
}

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Validate any value with a zod schema, turning issues into a readable 400. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what = 'body'): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues.slice(0, 10).map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  const first = issues[0]!;
  return { ok: false, response: badRequest(`Invalid ${what}: ${first.path}: ${first.message}`, issues) };
}

/**
 * Read and validate a JSON body: too large, not JSON, or the wrong shape each
 * get a 400 naming the problem. The body is read in chunks and abandoned past
 * `maxBytes`, so a huge upload cannot fill memory.
 */
export async function readJson<T>(request: Request, schema: z.ZodType<T>, maxBytes = MAX_BODY_BYTES): Promise<Parsed<T>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return { ok: false, response: badRequest(`Body too large: ${declared} bytes (max ${maxBytes}).`) };
  let text = '';
  if (request.body) {
    const reader = request.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, response: badRequest(`Body too large: more than ${maxBytes} bytes.`) };
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  }
  if (text.trim() === '') return { ok: false, response: badRequest('Body is empty: expected a JSON object.') };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, response: badRequest(`Body is not valid JSON: ${(error as Error).message}`) };
  }
  return validate(schema, value);
}
