import type { ProviderError, ProviderErrorTable, ProviderProfile } from './types';

/**
 * OpenAI's dialect: `{ "error": { message, type, param, code } }`, request ids
 * in `x-request-id`, `x-ratelimit-*` headers on every response. Checked
 * against OpenAI's error-codes and rate-limits guides (REFERENCE §8); messages
 * are the API's own where they are well known.
 */
export const OPENAI_PROFILE: ProviderProfile = {
  id: 'openai',
  name: 'OpenAI',
  basePath: '/v1',
  realBaseUrl: 'https://api.openai.com/v1',
  sdk: 'openai',
  model: 'gpt-4o-mini',
  rateLimitHeaders: 'openai',
  docs: {
    errors: 'https://platform.openai.com/docs/guides/error-codes',
    rateLimits: 'https://platform.openai.com/docs/guides/rate-limits',
  },
  note: {
    zh: '三种 429 各有含义：rate_limit_exceeded 等一等，slow_down 要降速，insufficient_quota 永远别重试。',
    en: 'Its three 429s mean different things: rate_limit_exceeded says wait, slow_down says lower your rate, insufficient_quota says never retry.',
  },
};

const e = (status: number, type: string, code: string | null, message: string, rest: Partial<ProviderError> & Pick<ProviderError, 'kind'>): ProviderError => ({
  status,
  type,
  code,
  message,
  source: 'docs',
  ...rest,
});

const RATE_LIMIT = e(
  429,
  'requests',
  'rate_limit_exceeded',
  'Rate limit reached for {model} in organization org-sandbox on requests per min (RPM): Limit {limit}, Used {limit}, Requested 1. Please try again in {wait}.',
  { kind: 'rate-limit' },
);
const SERVER_ERROR = e(500, 'server_error', null, 'The server had an error while processing your request. Sorry about that!', { kind: 'server' });

/** OpenAI's renderings. */
export const OPENAI_ERRORS: ProviderErrorTable = {
  'rate-limit': RATE_LIMIT,
  'rate-limit-date': RATE_LIMIT,
  'rate-limit-long': RATE_LIMIT,
  'rate-limit-negative': RATE_LIMIT,
  'rate-limit-garbage': RATE_LIMIT,
  'rate-limit-window': RATE_LIMIT,
  'token-rate-limit': e(
    429,
    'tokens',
    'rate_limit_exceeded',
    'Rate limit reached for {model} in organization org-sandbox on tokens per min (TPM): Limit {limit}, Used {used}, Requested {requested}. Please try again in {wait}.',
    { kind: 'rate-limit' },
  ),
  'slow-down': e(
    429,
    'rate_limit_error',
    'slow_down',
    'Your request rate increased faster than we can serve it. Please reduce your rate of requests and ramp up gradually.',
    {
      kind: 'slow-down',
      note: { zh: '不是"等一等"而是"降速"：在 RPM/TPM 限额之内也会出现。', en: 'Not "wait" but "slow down": it fires even within your RPM/TPM limits.' },
    },
  ),
  quota: e(429, 'insufficient_quota', 'insufficient_quota', 'You exceeded your current quota, please check your plan and billing details.', {
    kind: 'quota',
    note: { zh: '429 却不该重试：SDK 照样重试它，所以要看错误码（error.code）。', en: 'A 429 that must not be retried: the SDK retries it anyway, so read the code.' },
  }),
  'server-500': SERVER_ERROR,
  'bad-gateway-502': e(502, 'server_error', 'bad_gateway', 'Bad gateway.', { kind: 'server', source: 'equivalent' }),
  'unavailable-503': e(503, 'server_error', null, 'The engine is currently overloaded, please try again later.', { kind: 'server' }),
  'overloaded-503': e(503, 'service_unavailable_error', 'server_is_overloaded', 'The server is currently overloaded. Please try again later.', { kind: 'server' }),
  'gateway-timeout-504': e(504, 'server_error', 'gateway_timeout', 'Gateway timeout.', { kind: 'server', source: 'equivalent' }),
  'request-timeout-408': e(408, 'invalid_request_error', 'request_timeout', 'Request timed out.', { kind: 'request-timeout', source: 'equivalent' }),
  'conflict-409': e(409, 'invalid_request_error', 'conflict', 'Another request with the same idempotency key is already in progress.', { kind: 'conflict', source: 'equivalent' }),
  'auth-401': e(401, 'invalid_request_error', 'invalid_api_key', 'Incorrect API key provided: sk-sandb****. You can find your API key at https://platform.openai.com/account/api-keys.', { kind: 'auth' }),
  'forbidden-403': e(403, 'request_forbidden', 'unsupported_country_region_territory', 'Country, region, or territory not supported', { kind: 'permission' }),
  'model-not-found-404': e(404, 'invalid_request_error', 'model_not_found', 'The model `{model}` does not exist or you do not have access to it.', { kind: 'not-found' }),
  'context-length-400': e(
    400,
    'invalid_request_error',
    'context_length_exceeded',
    "This model's maximum context length is 16385 tokens. However, your messages resulted in 17012 tokens. Please reduce the length of the messages.",
    { kind: 'context-length', param: 'messages' },
  ),
  'unprocessable-422': e(422, 'invalid_request_error', 'unprocessable_entity', 'The request was well-formed but could not be processed.', { kind: 'unprocessable', source: 'equivalent' }),
  'content-filter': e(400, 'invalid_request_error', 'invalid_prompt', 'Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again with a different prompt.', {
    kind: 'content-filter',
    source: 'observed',
  }),
  'stream-error-event': SERVER_ERROR,
  'stream-failed': { ...SERVER_ERROR, code: 'server_error' },
  'stream-failed-rate-limit': RATE_LIMIT,
};
