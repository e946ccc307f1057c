import type { HeaderInput, WireProfile } from './types';

/**
 * Anthropic's wire format: `{"type":"error","error":{type,message},"request_id"}`,
 * the id in a `request-id` header, and `anthropic-ratelimit-*` headers whose
 * reset is an RFC 3339 *time*, not a duration as OpenAI's is.
 */

/** Anthropic's rate-limit headers (requests and tokens), sent on every response. */
export function anthropicRateLimitHeaders(h: HeaderInput): Record<string, string> {
  const w = h.window;
  // Whole seconds, like the real headers; the reset is a point in time on the sandbox's wall clock.
  const reset = new Date(Math.ceil((h.wallNow + w.resetMs) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return {
    'anthropic-ratelimit-requests-limit': String(w.limitRequests),
    'anthropic-ratelimit-requests-remaining': String(Math.max(0, w.remainingRequests)),
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': String(w.limitTokens),
    'anthropic-ratelimit-tokens-remaining': String(Math.max(0, w.remainingTokens)),
    'anthropic-ratelimit-tokens-reset': reset,
  };
}

/** Anthropic: `req_011…` and `msg_01…` ids, `request-id` and `anthropic-ratelimit-*` headers. */
export const ANTHROPIC_WIRE: WireProfile = {
  id: 'anthropic',
  requestId: (ids) => `req_011C${ids.base62(20)}`,
  completionId: (ids) => `msg_01${ids.base62(22)}`,
  headers: (h) => ({ 'request-id': h.requestId, ...anthropicRateLimitHeaders(h) }),
  errorBody: (e, requestId) => ({ type: 'error', error: { type: e.type, message: e.message }, request_id: requestId }),
  problem: (p) => ({ status: 400, type: 'invalid_request_error', code: null, param: p.param, message: p.message }),
};
