import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AbortedError } from './clock';
import type { Text } from './text';
import { parseRetryAfter, readHeader, type HeadersLike } from './retry-after';

/**
 * Error classification: the lesson's §1.2 "retryable or not" table, made
 * precise. We classify with `instanceof`, `status` and `code`, never with
 * `constructor.name` (a production build minifies it to `"_"`), and we improve
 * on the lesson and the SDK in a few places, each commented below.
 */

/** What went wrong, in the categories a retry decision needs. */
export type ErrorKind =
  | 'rate-limit'
  | 'quota'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'bad-request'
  | 'context-length'
  | 'unprocessable'
  | 'content-filter'
  | 'slow-down'
  | 'incomplete'
  | 'conflict'
  | 'request-timeout'
  | 'aborted'
  | 'stream'
  | 'circuit-open'
  | 'unknown';


/** The verdict on one error. */
export interface ErrorClassification {
  kind: ErrorKind;
  retryable: boolean;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Error code from the body, e.g. `insufficient_quota` (for Anthropic, which has no code: the error type). */
  code?: string;
  /** The openai SDK class a student would catch, e.g. `RateLimitError`. Derived from `instanceof`/status, never from `constructor.name`. */
  sdkClass: string;
  /** A valid server hint in ms (`retry-after-ms` / `Retry-After`, at most 60 s). */
  retryAfterMs?: number;
  /** One line: why this is (not) retried. For teaching. */
  why: Text;
  /** The lesson's "friendly message" for end users. */
  userMessage: Text;
}

/**
 * Our own deadline for one attempt fired (headers *and* body; see lib/sandbox/attempt.ts).
 * Branded, so it is recognised even if two copies of this module are loaded (HMR, bundles).
 */
export class AttemptTimeoutError extends Error {
  readonly isAttemptTimeout = true as const;
  override readonly name: string = 'AttemptTimeoutError';
  /** @param timeoutMs the deadline that fired, in ms. */
  constructor(readonly timeoutMs: number) {
    super(`Attempt timed out after ${timeoutMs} ms`);
  }
}

/** A stream that closed without its end marker (`[DONE]`, `response.completed`, `message_stop`): the SDK ends it silently. */
export class StreamTruncatedError extends Error {
  readonly isStreamTruncated = true as const;
  override readonly name: string = 'StreamTruncatedError';
  /**
   * @param partialText the text received before the stream stopped. Default `''`.
   * @param missing what never arrived. Default `'[DONE] (finish_reason null)'`.
   */
  constructor(
    readonly partialText = '',
    missing = '[DONE] (finish_reason null)',
  ) {
    super(`The stream ended without ${missing}`);
  }
}

/**
 * A complete answer that the API itself marks as cut short: `finish_reason: 'length'`,
 * a Responses API `response.incomplete`, Anthropic's `stop_reason: 'max_tokens'`.
 * Sending the same request again gets the same cut, so it is not retried.
 */
export class IncompleteResponseError extends Error {
  readonly isIncompleteResponse = true as const;
  override readonly name: string = 'IncompleteResponseError';
  /**
   * @param reason the API's reason, e.g. `max_output_tokens` or `content_filter`.
   * @param partialText the text received. Default `''`.
   */
  constructor(
    readonly reason: string,
    readonly partialText = '',
  ) {
    super(`The response is incomplete (${reason})`);
  }
}

/**
 * A stream that failed after its 200 with an event the SDK does not throw for:
 * a Responses API `response.failed` (its `response.error.code`) or top-level `error` event.
 */
export class StreamFailedError extends Error {
  readonly isStreamFailed = true as const;
  override readonly name: string = 'StreamFailedError';
  /**
   * @param code the error code sent, e.g. `server_error` or `rate_limit_exceeded`; `null` when none.
   * @param detail the message sent.
   * @param event which event carried it.
   * @param partialText the text received before it. Default `''`.
   */
  constructor(
    readonly code: string | null,
    detail: string,
    readonly event: 'response.failed' | 'error',
    readonly partialText = '',
  ) {
    super(`The stream failed with ${event}${code ? ` (${code})` : ''}: ${detail}`);
  }
}

const isObject = (e: unknown): e is Record<string, unknown> => typeof e === 'object' && e !== null;
/** True for {@link AttemptTimeoutError} (checks the brand). */
export const isAttemptTimeoutError = (e: unknown): e is AttemptTimeoutError => isObject(e) && e.isAttemptTimeout === true;
/** True for {@link StreamTruncatedError} (checks the brand). */
export const isStreamTruncatedError = (e: unknown): e is StreamTruncatedError => isObject(e) && e.isStreamTruncated === true;
/** True for {@link IncompleteResponseError} (checks the brand). */
export const isIncompleteResponseError = (e: unknown): e is IncompleteResponseError => isObject(e) && e.isIncompleteResponse === true;
/** True for {@link StreamFailedError} (checks the brand). */
export const isStreamFailedError = (e: unknown): e is StreamFailedError => isObject(e) && e.isStreamFailed === true;

type KindInfo = { retryable: boolean; why: Text; user: Text };
const k = (retryable: boolean, whyZh: string, whyEn: string, userZh: string, userEn: string): KindInfo =>
  Object.freeze({ retryable, why: Object.freeze({ zh: whyZh, en: whyEn }), user: Object.freeze({ zh: userZh, en: userEn }) });

/** Per kind: the default decision, why, and what the end user reads. */
export const ERROR_KINDS: Readonly<Record<ErrorKind, KindInfo>> = {
  'rate-limit': k(true, '限流是暂时的：等一会儿（有 Retry-After 就按它）再试', 'Rate limits are temporary: wait (as long as Retry-After says) and retry', '请求过快，请稍后重试', 'Too many requests, please retry shortly'),
  quota: k(false, '额度用尽不会自己恢复，重试只是浪费（SDK 却会重试它）', 'An exhausted quota does not recover by itself; retrying only wastes time (the SDK retries it anyway)', '账户余额不足，请检查账单', 'Account quota exceeded, please check billing'),
  server: k(true, '服务器暂时故障：退避后重试', 'A transient server failure: back off and retry', '服务暂时不可用，请稍后重试', 'The service is temporarily unavailable, please retry later'),
  timeout: k(true, '超时可能只是一时变慢：重试，但要有上限', 'A timeout may be a one-off slowdown: retry, within limits', '请求超时，请稍后重试', 'The request timed out, please retry'),
  connection: k(true, '网络抖动通常是暂时的：重试', 'Network blips are usually transient: retry', '网络连接失败，请检查网络', 'Network connection failed'),
  auth: k(false, '密钥错了，重试多少次都一样：去改配置', 'A wrong key stays wrong however often you retry: fix the configuration', 'API密钥无效', 'Invalid API key'),
  permission: k(false, '没有权限，重试无用', 'No permission; retrying cannot help', '权限不足', 'Permission denied'),
  'not-found': k(false, '模型或资源不存在，重试无用', 'The model or resource does not exist; retrying cannot help', '模型不存在或无权访问', 'Model not found or not accessible'),
  'bad-request': k(false, '请求本身有误，重发也一样出错', 'The request itself is wrong; resending fails the same way', '请求参数错误', 'Invalid request parameters'),
  'context-length': k(false, '消息超过上下文长度：先缩短再发', 'The messages exceed the context window: shorten them first', '消息过长，请缩短后重试', 'Message too long, please shorten it'),
  unprocessable: k(false, '请求无法处理，重试无用', 'The request cannot be processed; retrying cannot help', '请求无法处理', 'The request could not be processed'),
  'content-filter': k(false, '内容审核拦截：同样的输入永远失败，要改输入', 'Blocked by moderation: the same input fails every time; change the input', '内容未通过审核，请修改后重试', 'The content was blocked by moderation, please rephrase'),
  'slow-down': k(true, '要降速：额度之内也会被拒，退避更久、平滑加速再重试', 'Slow down: refused even within your limits; back off longer and ramp up smoothly', '请求增长过快，请稍后重试', 'Traffic grew too fast, please retry shortly'),
  incomplete: k(false, '回答被截断（如达到输出上限）：原样重发只会得到同样的截断', 'The answer was cut short (e.g. the output limit): resending gets the same cut', '回答不完整，请缩短问题或提高输出上限', 'The answer is incomplete; shorten the question or raise the output limit'),
  conflict: k(true, '冲突多半是同一请求在并发：稍后重试（SDK 也重试 409）', 'A conflict is usually a concurrent duplicate: retry shortly (the SDK retries 409 too)', '请求冲突，请稍后重试', 'Request conflict, please retry shortly'),
  'request-timeout': k(true, '服务器等请求超时（408）：可以重试', 'The server timed out reading the request (408): retryable', '请求超时，请稍后重试', 'The request timed out, please retry'),
  aborted: k(false, '调用方主动取消：绝不重试', 'The caller cancelled: never retry', '请求已取消', 'Request cancelled'),
  stream: k(true, '流在中途断了：整个请求重来', 'The stream broke midway: redo the whole request', '回复中断，请重试', 'The reply was interrupted, please retry'),
  'circuit-open': k(false, '熔断器已打开：快速失败，不要重试', 'The circuit breaker is open: fail fast, do not retry', '系统繁忙，请稍后重试', 'The system is busy, please try again later'),
  unknown: k(false, '未知错误：不重试，免得放大问题', 'Unknown error: not retried, so a bug is not amplified', '系统错误，请联系管理员', 'System error, please contact the administrator'),
};

const SHOULD_RETRY_WHY: Record<'true' | 'false', Text> = {
  true: { zh: '服务器用 x-should-retry: true 要求重试', en: 'The server asked for a retry with x-should-retry: true' },
  false: { zh: '服务器用 x-should-retry: false 要求不要重试', en: 'The server asked not to retry with x-should-retry: false' },
};

/** Node/undici error codes that mean "the connection failed" or "timed out" below HTTP. */
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** What `fetch` rejects with on a network failure: Node (undici), Chrome, Firefox, Safari. */
const FETCH_FAILED = new Set(['fetch failed', 'Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']);

/** The SDK class `APIError.generate` picks for a status (REFERENCE §2). */
export function sdkClassForStatus(status: number): string {
  switch (status) {
    case 400: return 'BadRequestError';
    case 401: return 'AuthenticationError';
    case 403: return 'PermissionDeniedError';
    case 404: return 'NotFoundError';
    case 409: return 'ConflictError';
    case 422: return 'UnprocessableEntityError';
    case 429: return 'RateLimitError';
    default: return status >= 500 ? 'InternalServerError' : 'APIError';
  }
}

/** The class `@anthropic-ai/sdk` 1.x picks for a status: it has more than openai's (402, 408, 413, 503, 504, 529…). */
export function anthropicSdkClassForStatus(status: number): string {
  const extra: Record<number, string> = {
    402: 'PaymentRequiredError', 408: 'RequestTimeoutError', 412: 'PreconditionFailedError', 413: 'ContentTooLargeError',
    431: 'RequestHeaderFieldsTooLargeError', 499: 'ClientClosedRequestError', 501: 'NotImplementedError',
    503: 'ServiceUnavailableError', 504: 'GatewayTimeoutError', 529: 'OverloadedError',
  };
  return extra[status] ?? sdkClassForStatus(status);
}

/** Which provider's dialect an error comes from: a few codes mean different things per provider. Default `openai`. */
export type ClassifyProvider = 'openai' | 'deepseek' | 'qwen' | 'anthropic';

/** Read from the body before the status: the status alone misleads (Qwen's 400 Arrearage is a billing problem). */
const CODE_KINDS: Record<string, ErrorKind> = {
  Arrearage: 'quota',
  billing_error: 'quota',
  data_inspection_failed: 'content-filter',
  DataInspectionFailed: 'content-filter',
  invalid_prompt: 'content-filter',
  slow_down: 'slow-down',
  limit_burst_rate: 'slow-down',
  context_length_exceeded: 'context-length',
  model_not_found: 'not-found',
};

/** Providers that put the meaning only in the message (DeepSeek's codes are all `invalid_request_error`). */
const MESSAGE_KINDS: Array<[RegExp, ErrorKind]> = [
  [/content exists risk|content filtering policy|inappropriate content/i, 'content-filter'],
  [/maximum context length|prompt is too long|range of input length/i, 'context-length'],
  [/^model not exist/i, 'not-found'],
];

interface Body {
  status: number;
  code: string | undefined;
  type: string | undefined;
  message: string | undefined;
}

function kindForStatus({ status, code, type, message }: Body, provider: ClassifyProvider): ErrorKind {
  // Improvement: the SDK retries every 429, but `insufficient_quota` means "out of money", not "slow down".
  // Except on Qwen, whose per-minute token throttle (Throttling.AllocationQuota) borrows that very code.
  if (code === 'insufficient_quota' || type === 'insufficient_quota') return provider === 'qwen' ? 'rate-limit' : 'quota';
  const byCode = (code && CODE_KINDS[code]) || (type && CODE_KINDS[type]);
  if (byCode) return byCode;
  if (status === 402) return 'quota'; // DeepSeek's insufficient balance, Anthropic's billing_error
  if (status >= 400 && status < 500 && message) {
    const hit = MESSAGE_KINDS.find(([pattern]) => pattern.test(message));
    if (hit) return hit[1];
  }
  if (status >= 500) return 'server'; // includes Anthropic's 529 overloaded_error
  switch (status) {
    case 400: return 'bad-request';
    case 401: return 'auth';
    case 403: return 'permission';
    case 404: return 'not-found';
    case 408: return 'request-timeout';
    case 409: return 'conflict';
    case 422: return 'unprocessable';
    case 429: return 'rate-limit';
    default: return 'unknown';
  }
}

/** A mid-stream error event (no status): rate limits keep their meaning, anything else broke the stream. */
function kindForStreamError(code: string | undefined, type: string | undefined): ErrorKind {
  const limited = ['rate_limit_exceeded', 'rate_limit_error', 'limit_requests', 'requests', 'tokens'];
  return (code && limited.includes(code)) || (type && limited.includes(type)) ? 'rate-limit' : 'stream';
}

interface Identified {
  kind: ErrorKind;
  sdkClass: string;
  status?: number;
  code?: string;
  headers?: HeadersLike;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Names the Anthropic SDK sets explicitly on its errors (they survive minification, unlike `constructor.name`). */
const ANTHROPIC_TRANSPORT: Record<string, ErrorKind> = { APIUserAbortError: 'aborted', APIConnectionTimeoutError: 'timeout', APIConnectionError: 'connection' };

/** Decide the kind. Order matters: SDK subclasses before their parents. */
function identify(error: unknown, provider: ClassifyProvider): Identified {
  if (!isObject(error)) return { kind: 'unknown', sdkClass: typeof error };
  // The breaker's rejection, recognised by its brand (no import: circuit-breaker.ts may import us).
  if (error.isBrokenCircuit === true) return { kind: 'circuit-open', sdkClass: error.name === 'IsolatedCircuitError' ? 'IsolatedCircuitError' : 'BrokenCircuitError' };
  // A caller's abort is never retried, whichever layer reports it.
  if (error instanceof APIUserAbortError) return { kind: 'aborted', sdkClass: 'APIUserAbortError' };
  if (error instanceof AbortedError || error.name === 'AbortError') return { kind: 'aborted', sdkClass: 'AbortError' };
  if (isAttemptTimeoutError(error)) return { kind: 'timeout', sdkClass: 'AttemptTimeoutError' };
  // APIConnectionTimeoutError extends APIConnectionError: test it first.
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout', sdkClass: 'APIConnectionTimeoutError' };
  if (error instanceof APIConnectionError) return { kind: 'connection', sdkClass: 'APIConnectionError' };
  if (isStreamTruncatedError(error)) return { kind: 'stream', sdkClass: 'StreamTruncatedError' };
  if (isIncompleteResponseError(error)) return { kind: 'incomplete', sdkClass: 'IncompleteResponseError', code: error.reason };
  if (isStreamFailedError(error)) {
    return { kind: kindForStreamError(error.code ?? undefined, undefined), sdkClass: 'StreamFailedError', ...(error.code ? { code: error.code } : {}) };
  }

  // An HTTP error. Duck-typed on a numeric `status` too, so an APIError from a second copy of
  // the SDK (ESM and CJS both loaded), the Anthropic SDK or another HTTP client is still classified.
  const status = typeof error.status === 'number' ? error.status : undefined;
  const body = isObject(error.error) ? error.error : undefined;
  // Anthropic's body wraps the error once more: { type: 'error', error: { type, message } }.
  const anthropic = body?.type === 'error' && isObject(body.error);
  const inner = anthropic && isObject(body.error) ? body.error : body;
  const type = anthropic ? str(inner?.type) : (str(error.type) ?? str(inner?.type));
  // Anthropic has no code: its error type is the closest thing, and what a student would log.
  const code = str(error.code) ?? str(inner?.code) ?? (anthropic ? type : undefined);
  const message = str(inner?.message);
  const headers = isObject(error.headers) ? (error.headers as HeadersLike) : undefined;
  if (status !== undefined && status >= 100) {
    const sdkClass = anthropic || provider === 'anthropic' ? anthropicSdkClassForStatus(status) : sdkClassForStatus(status);
    return { kind: kindForStatus({ status, code, type, message }, provider), sdkClass, status, code, headers };
  }
  // No status: an error event mid-stream. openai raises a base APIError for `data: {"error": …}`,
  // the Anthropic SDK for `event: error` (its body is the whole { type: 'error', error } object).
  if (error instanceof APIError || anthropic) return { kind: kindForStreamError(code, type), sdkClass: 'APIError', code, headers };
  const transport = typeof error.name === 'string' ? ANTHROPIC_TRANSPORT[error.name] : undefined;
  if (transport && error instanceof Error) return { kind: transport, sdkClass: error.name };

  // Raw errors the SDK does not wrap: a socket cut mid-stream is `TypeError: terminated` (REFERENCE §2).
  const causeCode = isObject(error.cause) ? str(error.cause.code) : undefined;
  if (error instanceof TypeError) {
    if (error.message === 'terminated') return { kind: 'stream', sdkClass: 'TypeError', code: causeCode };
    if (FETCH_FAILED.has(error.message)) {
      return { kind: causeCode && TIMEOUT_CODES.has(causeCode) ? 'timeout' : 'connection', sdkClass: 'TypeError', code: causeCode };
    }
  }
  if (error.name === 'TimeoutError') return { kind: 'timeout', sdkClass: 'TimeoutError' }; // AbortSignal.timeout()
  const sysCode = code ?? causeCode;
  if (sysCode && TIMEOUT_CODES.has(sysCode)) return { kind: 'timeout', sdkClass: 'Error', code: sysCode };
  if (sysCode && CONNECTION_CODES.has(sysCode)) return { kind: 'connection', sdkClass: 'Error', code: sysCode };
  return { kind: 'unknown', sdkClass: error instanceof Error ? 'Error' : 'object', code };
}

/**
 * Classify any thrown value: what happened, whether a retry can help, and
 * what to tell the user.
 *
 * - 429 `insufficient_quota` → `quota`, not retryable (the SDK would retry it); on Qwen the
 *   same code is its per-minute token throttle, so pass `provider: 'qwen'` to get `rate-limit`.
 * - The body's code is read before the status: Qwen's 400 `Arrearage` and DeepSeek's and
 *   Anthropic's 402 are `quota`; moderation is `content-filter`; `slow_down` is `slow-down`.
 * - The `x-should-retry: true|false` response header overrides `retryable`, as in the SDK.
 * - A caller's abort (`APIUserAbortError`, DOM `AbortError`, {@link AbortedError}) is never retryable.
 * - A valid `retry-after-ms`/`Retry-After` (≤ 60 s) is reported as `retryAfterMs`.
 *
 * @param options.now epoch ms for HTTP-date `Retry-After`. Default `Date.now`.
 * @param options.provider whose dialect the error is in. Default `openai`.
 */
export function classifyError(error: unknown, options: { now?: () => number; provider?: ClassifyProvider } = {}): ErrorClassification {
  const id = identify(error, options.provider ?? 'openai');
  const info = ERROR_KINDS[id.kind];
  const c: ErrorClassification = { kind: id.kind, retryable: info.retryable, sdkClass: id.sdkClass, why: info.why, userMessage: info.user };
  if (id.status !== undefined) c.status = id.status;
  if (id.code !== undefined) c.code = id.code;
  if (id.headers) {
    // The server knows best, except that nothing overrides a caller's abort.
    const shouldRetry = readHeader(id.headers, 'x-should-retry');
    if ((shouldRetry === 'true' || shouldRetry === 'false') && id.kind !== 'aborted') {
      c.retryable = shouldRetry === 'true';
      if (c.retryable !== info.retryable) c.why = SHOULD_RETRY_WHY[shouldRetry];
    }
    const retryAfter = parseRetryAfter(id.headers, options);
    if (retryAfter.ok) c.retryAfterMs = retryAfter.ms;
  }
  return c;
}
