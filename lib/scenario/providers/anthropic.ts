import type { ProviderError, ProviderErrorTable, ProviderProfile } from './types';

/**
 * Anthropic's Messages API: `{"type":"error","error":{type,message},"request_id"}`
 * with no `code`; the `error.type` carries the meaning. Its errors page lists
 * 400 invalid_request_error, 401 authentication_error, 402 billing_error,
 * 403 permission_error, 404 not_found_error, 413 request_too_large,
 * 429 rate_limit_error, 500 api_error, 504 timeout_error and 529
 * overloaded_error; rate limits come as `anthropic-ratelimit-*` headers with
 * RFC 3339 reset times, plus `retry-after` on a 429. A stream can fail after
 * its 200 with `event: error`.
 */
export const ANTHROPIC_PROFILE: ProviderProfile = {
  id: 'anthropic',
  name: 'Anthropic',
  basePath: '/anthropic',
  realBaseUrl: 'https://api.anthropic.com',
  sdk: '@anthropic-ai/sdk',
  model: 'claude-sonnet-4-5',
  rateLimitHeaders: 'anthropic',
  docs: {
    errors: 'https://docs.anthropic.com/en/api/errors',
    rateLimits: 'https://docs.anthropic.com/en/api/rate-limits',
  },
  note: {
    zh: '过载是 529 overloaded_error（不是 503），欠费是 402 billing_error；流式响应在 200 之后还可能来一个 event: error。',
    en: 'Overload is 529 overloaded_error (not 503), no credit is 402 billing_error; a stream may still send event: error after its 200.',
  },
};

/** Anthropic has no `code`: the type says it all. */
const e = (status: number, type: string, message: string, rest: Partial<ProviderError> & Pick<ProviderError, 'kind'>): ProviderError => ({
  status,
  type,
  code: null,
  message,
  source: 'docs',
  ...rest,
});

const RATE_LIMIT = e(429, 'rate_limit_error', 'This request would exceed the rate limit for your organization of {limit} requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.', {
  kind: 'rate-limit',
});
const API_ERROR = e(500, 'api_error', 'Internal server error', { kind: 'server' });
const OVERLOADED = e(529, 'overloaded_error', 'Overloaded', {
  kind: 'server',
  note: { zh: '529 不是标准状态码：只认 500–503 的代码会漏掉它（SDK 抛 OverloadedError）。', en: '529 is not a standard status: code that only knows 500–503 misses it (the SDK raises OverloadedError).' },
});
const INVALID = (message: string, rest: Partial<ProviderError> & Pick<ProviderError, 'kind'>) => e(400, 'invalid_request_error', message, rest);

/** Anthropic's renderings. */
export const ANTHROPIC_ERRORS: ProviderErrorTable = {
  'rate-limit': RATE_LIMIT,
  'rate-limit-date': RATE_LIMIT,
  'rate-limit-long': RATE_LIMIT,
  'rate-limit-negative': RATE_LIMIT,
  'rate-limit-garbage': RATE_LIMIT,
  'rate-limit-window': RATE_LIMIT,
  'token-rate-limit': e(429, 'rate_limit_error', 'This request would exceed the rate limit for your organization of {limit} input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.', {
    kind: 'rate-limit',
  }),
  'slow-down': e(429, 'rate_limit_error', 'Your organization\'s usage increased too sharply and hit an acceleration limit. Please ramp up your traffic gradually.', {
    kind: 'rate-limit',
    source: 'equivalent',
    note: { zh: '加速限制与普通限流同一个 type，只能从 message 分辨。', en: 'Acceleration limits share the type of ordinary rate limits; only the message tells them apart.' },
  }),
  quota: e(402, 'billing_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.', {
    kind: 'quota',
  }),
  'server-500': API_ERROR,
  'bad-gateway-502': e(502, 'api_error', 'Bad gateway', { kind: 'server', source: 'equivalent' }),
  'unavailable-503': OVERLOADED,
  'overloaded-503': OVERLOADED,
  'gateway-timeout-504': e(504, 'timeout_error', 'Request timed out', { kind: 'server' }),
  'request-timeout-408': e(504, 'timeout_error', 'Request timed out', {
    kind: 'server',
    note: { zh: 'Anthropic 的超时是 504 timeout_error。', en: 'Anthropic reports a timeout as 504 timeout_error.' },
  }),
  'conflict-409': e(409, 'conflict_error', 'A conflicting request is already in progress.', { kind: 'conflict', source: 'equivalent' }),
  'auth-401': e(401, 'authentication_error', 'invalid x-api-key', { kind: 'auth', source: 'observed' }),
  'forbidden-403': e(403, 'permission_error', 'Your API key does not have permission to use the specified resource.', { kind: 'permission' }),
  'model-not-found-404': e(404, 'not_found_error', 'model: {model}', { kind: 'not-found', source: 'observed' }),
  'context-length-400': INVALID('prompt is too long: 210000 tokens > 200000 maximum', { kind: 'context-length', source: 'observed' }),
  'unprocessable-422': INVALID('messages.0.content: Input should be a valid list', {
    kind: 'bad-request',
    source: 'equivalent',
    note: { zh: 'Anthropic 没有 422：无法处理的参数也是 400。', en: 'Anthropic has no 422: unusable parameters are a 400 too.' },
  }),
  'content-filter': INVALID('Output blocked by content filtering policy', { kind: 'content-filter', source: 'observed' }),
  'stream-error-event': OVERLOADED,
  'stream-failed': API_ERROR,
  'stream-failed-rate-limit': RATE_LIMIT,
};
