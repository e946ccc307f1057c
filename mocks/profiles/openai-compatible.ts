import { formatResetDuration } from '../openai-shapes';
import type { HeaderInput, WireError, WireProfile } from './types';

/**
 * The three OpenAI-compatible wire formats. All send
 * `{ "error": { message, type, param, code } }`; they differ in ids, headers
 * and how they answer a malformed request.
 */

/** OpenAI's rate-limit headers, sent on every response (REFERENCE §8). */
export function openAiRateLimitHeaders(h: HeaderInput): Record<string, string> {
  const w = h.window;
  return {
    'x-ratelimit-limit-requests': String(w.limitRequests),
    'x-ratelimit-remaining-requests': String(Math.max(0, w.remainingRequests)),
    'x-ratelimit-reset-requests': formatResetDuration(w.resetMs),
    'x-ratelimit-limit-tokens': String(w.limitTokens),
    'x-ratelimit-remaining-tokens': String(Math.max(0, w.remainingTokens)),
    'x-ratelimit-reset-tokens': formatResetDuration(w.resetMs),
  };
}

const openAiBody = (e: WireError) => ({ error: { message: e.message, type: e.type, param: e.param ?? null, code: e.code } });

/** OpenAI: `req_` ids, `openai-*` and `x-ratelimit-*` headers, a 400 for any malformed request. */
export const OPENAI_WIRE: WireProfile = {
  id: 'openai',
  requestId: (ids) => ids.request(),
  completionId: (ids) => ids.completion(),
  headers: (h) => ({
    'x-request-id': h.requestId,
    'openai-processing-ms': String(Math.round(h.processingMs)),
    'openai-version': '2020-10-01',
    ...openAiRateLimitHeaders(h),
  }),
  errorBody: openAiBody,
  problem: (p) => ({ status: 400, type: 'invalid_request_error', code: p.code, param: p.param, message: p.message }),
};

/**
 * DeepSeek: UUID ids, no rate-limit headers (it documents none). A body it
 * cannot parse is a 400 "Invalid Format"; a bad parameter is a 422 "Invalid
 * Parameters", where OpenAI would send a 400.
 */
export const DEEPSEEK_WIRE: WireProfile = {
  id: 'deepseek',
  requestId: (ids) => ids.uuid(),
  completionId: (ids) => ids.uuid(),
  headers: (h) => ({ 'x-request-id': h.requestId }),
  errorBody: openAiBody,
  problem: (p) =>
    p.kind === 'parse'
      ? { status: 400, type: 'invalid_request_error', code: 'invalid_request_error', param: null, message: `Invalid Format: ${p.message}` }
      : { status: 422, type: 'invalid_request_error', code: 'invalid_request_error', param: p.param, message: `Invalid Parameters: ${p.message}` },
};

/**
 * DashScope's compatible mode: `chatcmpl-<uuid>` ids, and `id` and
 * `request_id` beside `error` in every error body.
 */
export const QWEN_WIRE: WireProfile = {
  id: 'qwen',
  requestId: (ids) => ids.uuid(),
  completionId: (ids) => `chatcmpl-${ids.uuid()}`,
  headers: (h) => ({ 'x-request-id': h.requestId }),
  errorBody: (e, requestId) => ({ ...openAiBody(e), id: `chatcmpl-${requestId}`, request_id: requestId }),
  problem: (p) => ({ status: 400, type: 'invalid_request_error', code: p.code ?? 'invalid_parameter_error', param: p.param, message: p.message }),
};
