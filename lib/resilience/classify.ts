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
  /** OpenAI error code from the body, e.g. `insufficient_quota`. */
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

/** A stream that closed without `data: [DONE]` (finish_reason null): the SDK ends it silently. */
export class StreamTruncatedError extends Error {
  readonly isStreamTruncated = true as const;
  override readonly name: string = 'StreamTruncatedError';
  /** @param partialText the text received before the stream stopped. Default `''`. */
  constructor(readonly partialText = '') {
    super('The stream ended without [DONE] (finish_reason null)');
  }
}

const isObject = (e: unknown): e is Record<string, unknown> => typeof e === 'object' && e !== null;
/** True for {@link AttemptTimeoutError} (checks the brand). */
export const isAttemptTimeoutError = (e: unknown): e is AttemptTimeoutError => isObject(e) && e.isAttemptTimeout === true;
/** True for {@link StreamTruncatedError} (checks the brand). */
export const isStreamTruncatedError = (e: unknown): e is StreamTruncatedError => isObject(e) && e.isStreamTruncated === true;

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

function kindForStatus(status: number, code: string | undefined, type: string | undefined): ErrorKind {
  if (status >= 500) return 'server';
  switch (status) {
    case 400: return code === 'context_length_exceeded' ? 'context-length' : 'bad-request';
    case 401: return 'auth';
    case 403: return 'permission';
    case 404: return 'not-found';
    case 408: return 'request-timeout';
    case 409: return 'conflict';
    case 422: return 'unprocessable';
    // Improvement: the SDK retries every 429, but `insufficient_quota` means "out of money", not "slow down".
    case 429: return code === 'insufficient_quota' || type === 'insufficient_quota' ? 'quota' : 'rate-limit';
    default: return 'unknown';
  }
}

interface Identified {
  kind: ErrorKind;
  sdkClass: string;
  status?: number;
  code?: string;
  headers?: HeadersLike;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Decide the kind. Order matters: SDK subclasses before their parents. */
function identify(error: unknown): Identified {
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

  // An HTTP error. Duck-typed on a numeric `status` too, so an APIError from a second copy of
  // the SDK (ESM and CJS both loaded) or another HTTP client is still classified by its status.
  const status = typeof error.status === 'number' ? error.status : undefined;
  const body = isObject(error.error) ? error.error : undefined;
  const code = str(error.code) ?? str(body?.code);
  const headers = isObject(error.headers) ? (error.headers as HeadersLike) : undefined;
  if (status !== undefined && status >= 100) {
    const type = str(error.type) ?? str(body?.type);
    return { kind: kindForStatus(status, code, type), sdkClass: sdkClassForStatus(status), status, code, headers };
  }
  // A base APIError without a status: the SDK raises it for a `data: {"error": …}` event mid-stream.
  if (error instanceof APIError) return { kind: 'stream', sdkClass: 'APIError', code, headers };

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
 * - 429 `insufficient_quota` → `quota`, not retryable (the SDK would retry it).
 * - The `x-should-retry: true|false` response header overrides `retryable`, as in the SDK.
 * - A caller's abort (`APIUserAbortError`, DOM `AbortError`, {@link AbortedError}) is never retryable.
 * - A valid `retry-after-ms`/`Retry-After` (≤ 60 s) is reported as `retryAfterMs`.
 *
 * @param options.now epoch ms for HTTP-date `Retry-After`. Default `Date.now`.
 */
export function classifyError(error: unknown, options: { now?: () => number } = {}): ErrorClassification {
  const id = identify(error);
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
