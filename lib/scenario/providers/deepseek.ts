import type { ProviderError, ProviderErrorTable, ProviderProfile } from './types';

/**
 * DeepSeek's OpenAI-compatible dialect. Its error-codes page lists 400 Invalid
 * Format, 401 Authentication Fails, 402 Insufficient Balance, 422 Invalid
 * Parameters, 429 Rate Limit Reached, 500 Server Error and 503 Server
 * Overloaded; the messages are those titles. Real bodies quoted in public
 * issues carry `type`/`code` values that say little (a 402 with
 * `"code": "invalid_request_error"`), so a classifier must go by status.
 * It sends no `x-ratelimit-*` headers: "DeepSeek API does NOT constrain
 * user's rate limit"; under load it holds the connection instead.
 */
export const DEEPSEEK_PROFILE: ProviderProfile = {
  id: 'deepseek',
  name: 'DeepSeek',
  basePath: '/deepseek/v1',
  realBaseUrl: 'https://api.deepseek.com/v1',
  sdk: 'openai',
  model: 'deepseek-chat',
  rateLimitHeaders: 'none',
  docs: {
    errors: 'https://api-docs.deepseek.com/quick_start/error_codes',
    rateLimits: 'https://api-docs.deepseek.com/quick_start/rate_limit',
  },
  note: {
    zh: '余额不足是 402（SDK 抛基类 APIError），参数错误是 422；高峰时不报错而是挂着连接发 keep-alive，只有总超时能救你。',
    en: 'No balance is a 402 (the SDK raises the base APIError), bad parameters a 422; under load it does not fail but holds the connection with keep-alives, which only a total deadline ends.',
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

const RATE_LIMIT = e(429, 'rate_limit_error', 'rate_limit_exceeded', 'Rate Limit Reached', { kind: 'rate-limit' });
const SERVER_ERROR = e(500, 'api_error', 'internal_server_error', 'Server Error', { kind: 'server' });
const OVERLOADED = e(503, 'api_error', 'service_unavailable', 'Server Overloaded', { kind: 'server' });
const INVALID = (message: string, rest: Partial<ProviderError> & Pick<ProviderError, 'kind'>) => e(400, 'invalid_request_error', 'invalid_request_error', message, rest);

/** DeepSeek's renderings. */
export const DEEPSEEK_ERRORS: ProviderErrorTable = {
  'rate-limit': RATE_LIMIT,
  'rate-limit-date': RATE_LIMIT,
  'rate-limit-long': RATE_LIMIT,
  'rate-limit-negative': RATE_LIMIT,
  'rate-limit-garbage': RATE_LIMIT,
  'rate-limit-window': { ...RATE_LIMIT, source: 'equivalent' },
  'token-rate-limit': { ...RATE_LIMIT, source: 'equivalent' },
  'slow-down': {
    ...RATE_LIMIT,
    source: 'equivalent',
    note: { zh: 'DeepSeek 只有一种 429，分不出"等一等"和"降速"。', en: 'DeepSeek has one 429 only: "wait" and "slow down" look the same.' },
  },
  quota: e(402, 'unknown_error', 'invalid_request_error', 'Insufficient Balance', {
    kind: 'quota',
    source: 'observed',
    note: {
      zh: '402 不在 openai SDK 的类表里，抛的是基类 APIError；code 还写着 invalid_request_error。只能看状态码。',
      en: 'The openai SDK has no class for 402, so it raises the base APIError, and the code says invalid_request_error. Only the status tells you.',
    },
  }),
  'server-500': SERVER_ERROR,
  'bad-gateway-502': e(502, 'api_error', 'bad_gateway', 'Bad Gateway', { kind: 'server', source: 'equivalent' }),
  'unavailable-503': OVERLOADED,
  'overloaded-503': OVERLOADED,
  'gateway-timeout-504': e(504, 'api_error', 'gateway_timeout', 'Gateway Timeout', { kind: 'server', source: 'equivalent' }),
  'request-timeout-408': e(408, 'invalid_request_error', 'request_timeout', 'Request Timeout', { kind: 'request-timeout', source: 'equivalent' }),
  'conflict-409': e(409, 'invalid_request_error', 'conflict', 'Conflict', { kind: 'conflict', source: 'equivalent' }),
  'auth-401': e(401, 'authentication_error', 'invalid_request_error', 'Authentication Fails, Your api key: ****ndbox is invalid', { kind: 'auth', source: 'observed' }),
  'forbidden-403': e(403, 'permission_error', 'invalid_request_error', 'Forbidden', { kind: 'permission', source: 'equivalent' }),
  'model-not-found-404': INVALID('Model Not Exist', {
    kind: 'not-found',
    source: 'observed',
    note: { zh: '模型不存在是 400 而不是 404：SDK 抛 BadRequestError。', en: 'An unknown model is a 400, not a 404: the SDK raises BadRequestError.' },
  }),
  'context-length-400': INVALID(
    "This model's maximum context length is 65536 tokens. However, you requested 70012 tokens (70012 in the messages, 0 in the completion). Please reduce the length of the messages or completion.",
    { kind: 'context-length', source: 'observed' },
  ),
  'unprocessable-422': e(422, 'invalid_request_error', 'invalid_request_error', 'Failed to deserialize the JSON body into the target type: messages[0]: missing field `content` at line 1 column 52', {
    kind: 'unprocessable',
    source: 'observed',
    note: { zh: 'DeepSeek 用 422 表示参数错误（OpenAI 用 400）。', en: 'DeepSeek uses 422 for invalid parameters (OpenAI uses 400).' },
  }),
  'content-filter': INVALID('Content Exists Risk', {
    kind: 'content-filter',
    source: 'observed',
    note: { zh: '审核拦截只写在 message 里，code 与普通参数错误一样。', en: 'Moderation shows only in the message; the code is that of any bad request.' },
  }),
  'stream-error-event': SERVER_ERROR,
  'stream-failed': SERVER_ERROR,
  'stream-failed-rate-limit': RATE_LIMIT,
};
