import type { ProviderError, ProviderErrorTable, ProviderProfile } from './types';

/**
 * Qwen through DashScope's OpenAI-compatible mode (Alibaba Cloud Model
 * Studio). Codes and messages follow Model Studio's error-code page, which
 * lists each error as `status-NativeCode/compatible_code`; compatible mode
 * sends the compatible code in both `code` and `type`, and adds `id` and
 * `request_id` beside `error`.
 *
 * Two traps a status-only classifier falls into: `Arrearage` (an overdue
 * account) is a 400 that looks like a client bug, and the per-minute *token*
 * throttle `Throttling.AllocationQuota` arrives as 429 `insufficient_quota`
 * with OpenAI's "exceeded your current quota" wording, yet clears within a
 * minute: the same code that means "out of money" on OpenAI.
 */
export const QWEN_PROFILE: ProviderProfile = {
  id: 'qwen',
  name: 'Qwen (DashScope)',
  basePath: '/qwen/v1',
  realBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  sdk: 'openai',
  model: 'qwen-plus',
  rateLimitHeaders: 'none',
  docs: {
    errors: 'https://help.aliyun.com/zh/model-studio/error-code',
    rateLimits: 'https://help.aliyun.com/zh/model-studio/rate-limit',
  },
  note: {
    zh: '欠费（Arrearage）和内容审核（DataInspectionFailed）都是 400，看着像你的 bug；Throttling.AllocationQuota 用 insufficient_quota 这个 code，却一分钟内就会恢复。',
    en: 'An overdue account (Arrearage) and moderation (DataInspectionFailed) are both 400s that look like your bug; Throttling.AllocationQuota uses the code insufficient_quota, yet clears within a minute.',
  },
};

/** Compatible mode repeats the code as the type. */
const e = (status: number, code: string, message: string, rest: Partial<ProviderError> & Pick<ProviderError, 'kind'>): ProviderError => ({
  status,
  type: code,
  code,
  message,
  source: 'docs',
  ...rest,
});

const RATE_QUOTA = e(429, 'limit_requests', 'Requests rate limit exceeded, please try again later.', { kind: 'rate-limit' });
const INTERNAL = e(500, 'internal_error', 'An internal error has occured, please try again later or contact service support.', { kind: 'server' });
const INVALID = (message: string, rest: Partial<ProviderError> & Pick<ProviderError, 'kind'>) =>
  e(400, 'invalid_parameter_error', `<400> InternalError.Algo.InvalidParameter: ${message}`, { source: 'observed', ...rest });

/** Qwen's renderings. */
export const QWEN_ERRORS: ProviderErrorTable = {
  'rate-limit': RATE_QUOTA,
  'rate-limit-date': RATE_QUOTA,
  'rate-limit-long': RATE_QUOTA,
  'rate-limit-negative': RATE_QUOTA,
  'rate-limit-garbage': RATE_QUOTA,
  'rate-limit-window': RATE_QUOTA,
  'token-rate-limit': e(429, 'insufficient_quota', 'You exceeded your current quota, please check your plan and billing details.', {
    kind: 'rate-limit',
    note: {
      zh: 'Throttling.AllocationQuota：每分钟 token 超限。code 与 OpenAI 的"没钱了"相同，但等一分钟就好。',
      en: 'Throttling.AllocationQuota: the per-minute token limit. The code is OpenAI\'s "out of money", but a minute\'s wait clears it.',
    },
  }),
  'slow-down': e(429, 'limit_burst_rate', 'Request rate increased too quickly. To ensure system stability, please adjust your client logic to scale requests more smoothly over time.', {
    kind: 'slow-down',
    note: { zh: 'Throttling.BurstRate：没到限额也会触发，要平滑加速。', en: 'Throttling.BurstRate: fires below your limits; ramp up smoothly.' },
  }),
  quota: e(400, 'Arrearage', 'Access denied, please make sure your account is in good standing.', {
    kind: 'quota',
    note: { zh: '账户欠费是 400：看起来像请求写错了，其实要去充值。', en: 'An overdue account is a 400: it looks like a malformed request, but the fix is a payment.' },
  }),
  'server-500': INTERNAL,
  'bad-gateway-502': e(502, 'bad_gateway', 'Bad gateway.', { kind: 'server', source: 'equivalent' }),
  'unavailable-503': e(503, 'ModelUnavailable', 'Model is unavailable, please try again later.', { kind: 'server' }),
  'overloaded-503': e(503, 'ModelServingError', 'Too many requests. Your requests are being throttled due to system capacity limits. Please try again later.', {
    kind: 'server',
    note: { zh: '消息说 "Too many requests"，状态却是 503。', en: 'The message says "Too many requests", the status says 503.' },
  }),
  'gateway-timeout-504': e(504, 'gateway_timeout', 'Gateway timeout.', { kind: 'server', source: 'equivalent' }),
  'request-timeout-408': e(500, 'RequestTimeOut', 'Request timed out, please try again later.', {
    kind: 'server',
    note: { zh: '百炼的请求超时是 500，不是 408。', en: 'Model Studio reports a request timeout as a 500, not a 408.' },
  }),
  'conflict-409': e(409, 'Conflict', 'Conflict: a request with the same id is already in progress.', { kind: 'conflict', source: 'equivalent' }),
  'auth-401': e(401, 'invalid_api_key', 'Incorrect API key provided. ', { kind: 'auth' }),
  'forbidden-403': e(403, 'access_denied', 'Access denied.', { kind: 'permission' }),
  'model-not-found-404': e(404, 'model_not_found', 'The model `{model}` does not exist or you do not have access to it.', { kind: 'not-found' }),
  'context-length-400': INVALID('Range of input length should be [1, 129024]', { kind: 'context-length' }),
  'unprocessable-422': INVALID('Input should be a valid dictionary or instance of Message', {
    kind: 'bad-request',
    note: { zh: '百炼没有 422：无法处理的参数也是 400。', en: 'Model Studio has no 422: unusable parameters are a 400 too.' },
  }),
  'content-filter': e(400, 'data_inspection_failed', 'Input data may contain inappropriate content.', {
    kind: 'content-filter',
    note: { zh: '内容审核拦截：重试同样的输入永远失败，要改输入。', en: 'Moderation: the same input fails forever; change the input.' },
  }),
  'stream-error-event': INTERNAL,
  'stream-failed': INTERNAL,
  'stream-failed-rate-limit': RATE_QUOTA,
};
