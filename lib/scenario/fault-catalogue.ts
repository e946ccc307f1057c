import type { Text } from '@/lib/resilience/text';
import type { FaultId } from './fault-ids';

/**
 * What each fault of the catalogue *is*, as product data: its name, what it
 * simulates and what a good client should do, the openai SDK class a client
 * sees, and the HTTP status sent. The dashboard, the validation and the
 * endpoint's docs read this; how each fault *behaves* lives in `mocks/faults.ts`.
 */
export interface FaultInfo {
  label: Text;
  /** One line: what it simulates and what a good client should do. */
  description: Text;
  /** The openai JS SDK error a client sees (with `maxRetries: 0`). Classify with `instanceof`, not by this name. */
  sdkError: string;
  /** HTTP status sent, or `null` when there is none (network faults, stream faults after a 200). */
  status: number | null;
}

/** The catalogue, keyed by fault id (checked with `satisfies`, so a missing or misspelt id fails to compile). */
export const FAULT_INFO = {
  'rate-limit': {
    label: { zh: '限流 429', en: 'Rate limit 429' },
    description: {
      zh: '429 rate_limit_exceeded，Retry-After: 2 秒。应等待服务器给出的时间再重试。',
      en: '429 rate_limit_exceeded with Retry-After: 2 s. Wait as long as the server says, then retry.'
    },
    sdkError: 'RateLimitError',
    status: 429,
  },
  'rate-limit-date': {
    label: { zh: '限流（HTTP 日期）', en: 'Rate limit (HTTP date)' },
    description: {
      zh: '429，Retry-After 是约 3 秒后的 HTTP 日期。客户端要会解析日期格式。',
      en: '429 with Retry-After as an HTTP date ~3 s ahead. Clients must parse the date form too.'
    },
    sdkError: 'RateLimitError',
    status: 429,
  },
  'rate-limit-long': {
    label: { zh: '限流（等待 120 秒）', en: 'Rate limit (120 s)' },
    description: {
      zh: '429，Retry-After: 120，超过 60 秒。应放弃或降级，而不是挂起请求两分钟。',
      en: '429 with Retry-After: 120, over 60 s. Give up or fall back rather than hang for two minutes.'
    },
    sdkError: 'RateLimitError',
    status: 429,
  },
  'rate-limit-negative': {
    label: { zh: '限流（负数 Retry-After）', en: 'Rate limit (negative)' },
    description: {
      zh: '429，Retry-After: -5。无效值应忽略，改用自己的退避。',
      en: '429 with Retry-After: -5. Ignore the invalid value and use your own backoff.'
    },
    sdkError: 'RateLimitError',
    status: 429,
  },
  'rate-limit-garbage': {
    label: { zh: '限流（无法解析）', en: 'Rate limit (garbage)' },
    description: {
      zh: "429，Retry-After: 'soon'。无法解析时应回退到自己的退避。",
      en: "429 with Retry-After: 'soon'. Unparseable: fall back to your own backoff."
    },
    sdkError: 'RateLimitError',
    status: 429,
  },
  'quota': {
    label: { zh: '额度用尽 429', en: 'Quota exceeded 429' },
    description: {
      zh: '429 insufficient_quota：账户没钱了。重试无用，应立即降级并报警。',
      en: '429 insufficient_quota: the account is out of credit. Retrying cannot help; fall back and alert.'
    },
    sdkError: 'RateLimitError',
    status: 429,
  },
  'rate-limit-window': {
    label: { zh: '每分钟限额（倒计时）', en: 'Per-minute window (countdown)' },
    description: {
      zh: '真实的每分钟请求数和 token 数限额（默认 10 次、20000 token，按沙盒时间）。每个响应都带 x-ratelimit-* 头；用完后 429 的 retry-after 正是到窗口重置的时间。',
      en: 'Real per-minute request and token limits (default 10 requests and 20 000 tokens, on sandbox time). Every response carries x-ratelimit-* headers; once spent, the 429 says in retry-after exactly how long until the window resets.',
    },
    sdkError: 'RateLimitError (once the window is spent)',
    status: 429,
  },
  'token-rate-limit': {
    label: { zh: 'token 限流 429（TPM）', en: 'Token rate limit 429 (TPM)' },
    description: {
      zh: '429：每分钟 token 超限。等一会儿就好；但通义千问用的 code 是 insufficient_quota，和 OpenAI 的"没钱了"一模一样。',
      en: '429: tokens per minute exceeded. A short wait clears it; but Qwen sends the code insufficient_quota, exactly OpenAI\'s "out of money".',
    },
    sdkError: 'RateLimitError',
    status: 429,
  },
  'slow-down': {
    label: { zh: '降速 429（slow_down）', en: 'Slow down 429' },
    description: {
      zh: '429 slow_down（type rate_limit_error）：流量增长过快，即使没到限额。不只要等，还要降低请求速率、平滑加速。',
      en: '429 slow_down (type rate_limit_error): traffic grew too fast, even within your limits. Do not just wait: lower your rate and ramp up smoothly.',
    },
    sdkError: 'RateLimitError',
    status: 429,
  },
  'server-500': {
    label: { zh: '服务器错误 500', en: 'Server error 500' },
    description: {
      zh: '500 server_error。暂时性故障，带抖动的退避后重试。',
      en: '500 server_error. Transient: retry with jittered backoff.'
    },
    sdkError: 'InternalServerError',
    status: 500,
  },
  'bad-gateway-502': {
    label: { zh: '网关错误 502', en: 'Bad gateway 502' },
    description: {
      zh: '502：上游网关出错。暂时性故障，退避后重试。',
      en: '502 from a gateway in front of the API. Transient: back off and retry.'
    },
    sdkError: 'InternalServerError',
    status: 502,
  },
  'unavailable-503': {
    label: { zh: '服务不可用 503', en: 'Unavailable 503' },
    description: {
      zh: '503：服务过载。退避重试；持续失败时让熔断器打开。',
      en: '503: overloaded. Back off; if it persists, let the breaker open.'
    },
    sdkError: 'InternalServerError',
    status: 503,
  },
  'overloaded-503': {
    label: { zh: '服务器过载 503', en: 'Server overloaded 503' },
    description: {
      zh: '503 server_is_overloaded：模型暂时没有容量。退避重试；Anthropic 用 529 overloaded_error 表示同一件事。',
      en: '503 server_is_overloaded: the model has no capacity right now. Back off and retry; Anthropic says the same with 529 overloaded_error.',
    },
    sdkError: 'InternalServerError',
    status: 503,
  },
  'gateway-timeout-504': {
    label: { zh: '网关超时 504', en: 'Gateway timeout 504' },
    description: {
      zh: '504：网关等上游超时。可重试，但请求可能已在服务端执行。',
      en: '504: the gateway gave up waiting. Retryable, but the work may have run server-side.'
    },
    sdkError: 'InternalServerError',
    status: 504,
  },
  'request-timeout-408': {
    label: { zh: '请求超时 408', en: 'Request timeout 408' },
    description: {
      zh: '408：服务器等请求超时。SDK 会重试；JS SDK 抛基类 APIError。',
      en: '408: the server timed out reading the request. The SDK retries it; the JS SDK raises the base APIError.'
    },
    sdkError: 'APIError',
    status: 408,
  },
  'conflict-409': {
    label: { zh: '冲突 409', en: 'Conflict 409' },
    description: {
      zh: '409：资源冲突（如并发的同一请求）。SDK 默认会重试。',
      en: '409: a conflicting request is in flight. The SDK retries it by default.'
    },
    sdkError: 'ConflictError',
    status: 409,
  },
  'timeout': {
    label: { zh: '超时（永不响应）', en: 'Timeout (never answers)' },
    description: {
      zh: '服务器永不响应。必须设置超时（如 10 秒），超时后重试或降级。',
      en: 'The server never answers. Always set a timeout (e.g. 10 s), then retry or fall back.'
    },
    sdkError: 'APIConnectionTimeoutError',
    status: null,
  },
  'connection-reset': {
    label: { zh: '连接被重置', en: 'Connection reset' },
    description: {
      zh: '连接被重置（ECONNRESET），没有 HTTP 状态。可重试的网络错误。',
      en: 'The connection is reset (ECONNRESET), no HTTP status. A retryable network error.'
    },
    sdkError: 'APIConnectionError',
    status: null,
  },
  'slow': {
    label: { zh: '响应缓慢', en: 'Slow' },
    description: {
      zh: '先等待 latencyMs（默认 3 秒）再正常回答。超时设置太短会把慢请求变成失败。',
      en: 'Waits latencyMs (default 3 s), then answers normally. Too short a timeout turns slow into failed.'
    },
    sdkError: 'none (APIConnectionTimeoutError if the deadline is shorter)',
    status: 200,
  },
  'keep-alive-hold': {
    label: { zh: '挂起连接（keep-alive）', en: 'Held connection (keep-alive)' },
    description: {
      zh: 'DeepSeek 高峰时的做法：立即回 200，然后只发 SSE 注释 ": keep-alive"（非流式发空行），latencyMs（默认 10 分钟）后断开。空闲超时永远不会触发，只有总超时能结束它。',
      en: 'DeepSeek under load: a 200 at once, then only ": keep-alive" SSE comments (blank lines when not streaming) until latencyMs (default 10 min), then the connection closes. An idle timeout never fires; only a total deadline ends it.',
    },
    sdkError: 'TypeError: terminated (or your own deadline)',
    status: 200,
  },
  'auth-401': {
    label: { zh: '密钥无效 401', en: 'Invalid key 401' },
    description: {
      zh: '401 invalid_api_key。永久错误：不要重试，检查配置。',
      en: '401 invalid_api_key. Permanent: do not retry; fix the configuration.'
    },
    sdkError: 'AuthenticationError',
    status: 401,
  },
  'forbidden-403': {
    label: { zh: '无权限 403', en: 'Forbidden 403' },
    description: {
      zh: '403：所在地区或账户无权访问。永久错误，不要重试。',
      en: '403: region or account not allowed. Permanent: do not retry.'
    },
    sdkError: 'PermissionDeniedError',
    status: 403,
  },
  'model-not-found-404': {
    label: { zh: '模型不存在 404', en: 'Model not found 404' },
    description: {
      zh: '404 model_not_found。永久错误：改模型名，或降级到别的模型。',
      en: '404 model_not_found. Permanent: fix the model name or fall back to another model.'
    },
    sdkError: 'NotFoundError',
    status: 404,
  },
  'context-length-400': {
    label: { zh: '上下文过长 400', en: 'Context too long 400' },
    description: {
      zh: '400 context_length_exceeded。重试无用：缩短消息后再发。',
      en: '400 context_length_exceeded. Retrying is useless: shorten the messages first.'
    },
    sdkError: 'BadRequestError',
    status: 400,
  },
  'unprocessable-422': {
    label: { zh: '无法处理 422', en: 'Unprocessable 422' },
    description: {
      zh: '422：请求格式正确但无法处理。永久错误，不要重试。',
      en: '422: well-formed but cannot be processed. Permanent: do not retry.'
    },
    sdkError: 'UnprocessableEntityError',
    status: 422,
  },
  'content-filter': {
    label: { zh: '内容审核 400', en: 'Content filter 400' },
    description: {
      zh: '400：输入被内容审核拦截（通义千问 DataInspectionFailed、DeepSeek "Content Exists Risk"）。像是请求写错了，其实要改的是内容，重试无用。',
      en: '400: the input was blocked by moderation (Qwen DataInspectionFailed, DeepSeek "Content Exists Risk"). It looks like a malformed request; the fix is the content, and retrying cannot help.',
    },
    sdkError: 'BadRequestError',
    status: 400,
  },
  'stream-cut': {
    label: { zh: '流中断', en: 'Stream cut' },
    description: {
      zh: '流式响应发出几块后连接断开（TypeError: terminated）。保留已收到的文本，整体按失败处理；非流式请求表现为连接重置。',
      en: 'The stream dies after a few chunks (TypeError: terminated). Keep the partial text, treat the call as failed. Non-stream requests see a connection reset.'
    },
    sdkError: 'TypeError: terminated (not an SDK error)',
    status: 200,
  },
  'stream-no-done': {
    label: { zh: '流无结束标记', en: 'Stream without [DONE]' },
    description: {
      zh: '流正常关闭，但只有一半内容、没有 [DONE]、finish_reason 为 null。客户端必须自己发现截断；非流式请求正常回答。',
      en: 'The stream closes cleanly with half the text, no [DONE] and finish_reason null. Detect the truncation yourself. Non-stream requests are answered normally.'
    },
    sdkError: 'none (finish_reason null)',
    status: 200,
  },
  'stream-error-event': {
    label: { zh: '流中错误事件', en: 'Error event mid-stream' },
    description: {
      zh: '200 之后流里出现 data: {"error": …}。SDK 抛无状态码的 APIError；非流式请求得到 500。',
      en: 'After a 200, the stream carries data: {"error": …}. The SDK raises an APIError with no status; non-stream requests get a 500.'
    },
    sdkError: 'APIError',
    status: 200,
  },
  'stream-failed': {
    label: { zh: '流中失败（response.failed）', en: 'Stream failed (response.failed)' },
    description: {
      zh: '200 之后生成失败：Responses API 发 response.failed（error.code server_error），Chat Completions 发 data: {"error": …}，Anthropic 发 event: error。SDK 不一定抛错，要自己检查结束事件；非流式请求得到 500。',
      en: 'Generation fails after the 200: the Responses API sends response.failed (error.code server_error), Chat Completions data: {"error": …}, Anthropic event: error. The SDK may not throw: check the final event yourself. Non-stream requests get a 500.',
    },
    sdkError: 'none for response.failed (check the event); APIError for chat',
    status: 200,
  },
  'stream-failed-rate-limit': {
    label: { zh: '流中限流（rate_limit_exceeded）', en: 'Rate limited mid-stream' },
    description: {
      zh: '200 之后才被限流：response.failed 的 error.code 是 rate_limit_exceeded。要按限流处理（等待后重试），而不是当成断流；非流式请求得到 429。',
      en: 'Rate limited after the 200: response.failed with error.code rate_limit_exceeded. Treat it as a rate limit (wait, then retry), not as a broken stream. Non-stream requests get a 429.',
    },
    sdkError: 'none for response.failed (check the event); APIError for chat',
    status: 200,
  },
  'stream-incomplete': {
    label: { zh: '回答不完整', en: 'Incomplete answer' },
    description: {
      zh: '回答在中途被截断：Responses API 的 response.incomplete（reason max_output_tokens）、Chat 的 finish_reason "length"、Anthropic 的 stop_reason "max_tokens"。不是错误状态，但答案不完整；原样重试无用。',
      en: 'The answer stops short: the Responses API\'s response.incomplete (reason max_output_tokens), chat\'s finish_reason "length", Anthropic\'s stop_reason "max_tokens". No error status, but the answer is partial; resending the same request does not help.',
    },
    sdkError: 'none (finish_reason length / status incomplete)',
    status: 200,
  },
} as const satisfies Record<FaultId, FaultInfo>;

/** One fault's catalogue entry, with its id. */
export function faultInfo(id: FaultId): FaultInfo & { id: FaultId } {
  return { id, ...FAULT_INFO[id] };
}
