import { http, HttpResponse, type HttpHandler } from 'msw';
import { sleep } from '@/lib/resilience/clock';
import { whenAborted } from './abort';
import { readChatRequest } from './chat-request';
import type { FaultId } from './fault-ids';
import type { OpenAIErrorObject } from './openai-shapes';
import { createResponder, type Responder, type UpstreamContext } from './responder';
import { DEFAULT_SLOW_LATENCY_MS } from './scenario';
import { chatStreamEvents, terminatedError } from './sse';

export { FAULT_IDS, isFaultId, type FaultId } from './fault-ids';

/**
 * The fault catalogue, as data. Each fault is a named MSW resolver that is
 * prepended to the healthy handlers, so the first match wins (MSW's advice).
 * Bodies are OpenAI-shaped, so the SDK raises the same classes it raises in
 * production; `sdkError` names that class for the dashboard.
 */

/** A fault's context: the upstream's, plus the options of the rule that fired. */
export interface FaultContext extends UpstreamContext {
  /** Send `x-should-retry: true|false`, which overrides the SDK's own retry decision. Default: no header. */
  shouldRetry?: boolean;
  /** Added latency of the `slow` fault in ms on `clock`. Default 3000. */
  latencyMs?: number;
}

/** An MSW resolver: a Response, or `undefined` to fall through to the next handler. */
export type FaultResolver = (info: { request: Request }) => Promise<Response | undefined>;

/** A bilingual string. */
export interface Text {
  zh: string;
  en: string;
}

/** One entry of the catalogue. */
export interface FaultDef {
  id: FaultId;
  label: Text;
  /** One line: what it simulates and what a good client should do. */
  description: Text;
  /** The openai JS SDK error a client sees (with `maxRetries: 0`). Classify with `instanceof`, not by this name. */
  sdkError: string;
  /** HTTP status sent, or `null` when there is none (network faults, stream faults after a 200). */
  status: number | null;
  handler: (ctx: FaultContext) => FaultResolver;
}

const retryHeader = (ctx: FaultContext): Record<string, string> =>
  ctx.shouldRetry === undefined ? {} : { 'x-should-retry': String(ctx.shouldRetry) };

/** A fault that answers every request with one OpenAI error. */
function statusFault(
  status: number,
  error: (ctx: FaultContext, model: string) => OpenAIErrorObject,
  headers: (ctx: FaultContext, r: Responder) => Record<string, string> = () => ({}),
): FaultDef['handler'] {
  return (ctx) => {
    const r = createResponder(ctx);
    return async ({ request }) => {
      const parsed = await readChatRequest(request);
      const model = parsed.ok ? parsed.value.model : ctx.model;
      return r.error(status, error(ctx, model), { ...headers(ctx, r), ...retryHeader(ctx) });
    };
  };
}

const err = (message: string, type: string, code: string | null, param: string | null = null): OpenAIErrorObject => ({
  message,
  type,
  param,
  code,
});

/** A 429 `rate_limit_exceeded` with the given `Retry-After` headers. */
function rateLimit(retryAfter: (ctx: FaultContext) => Record<string, string>): FaultDef['handler'] {
  return statusFault(
    429,
    (_, model) =>
      err(
        `Rate limit reached for ${model} in organization org-sandbox on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again later.`,
        'requests',
        'rate_limit_exceeded',
      ),
    (ctx) => ({ 'x-ratelimit-remaining-requests': '0', ...retryAfter(ctx) }),
  );
}

const SERVER_ERROR = err('The server had an error while processing your request. Sorry about that!', 'server_error', null);

/** A streaming fault: `build` also decides what a `stream: false` request gets. */
function streamFault(
  build: (r: Responder, ctx: FaultContext, request: Request) => Promise<Response | undefined>,
): FaultDef['handler'] {
  return (ctx) => {
    const r = createResponder(ctx);
    return (info) => build(r, ctx, info.request);
  };
}

type Row = [FaultId, Text, Text, string, number | null, FaultDef['handler']];

const ROWS: Row[] = [
  ['rate-limit', { zh: '限流 429', en: 'Rate limit 429' },
    { zh: '429 rate_limit_exceeded，Retry-After: 2 秒。应等待服务器给出的时间再重试。', en: '429 rate_limit_exceeded with Retry-After: 2 s. Wait as long as the server says, then retry.' },
    'RateLimitError', 429, rateLimit(() => ({ 'retry-after': '2', 'retry-after-ms': '2000' }))],
  ['rate-limit-date', { zh: '限流（HTTP 日期）', en: 'Rate limit (HTTP date)' },
    { zh: '429，Retry-After 是约 3 秒后的 HTTP 日期。客户端要会解析日期格式。', en: '429 with Retry-After as an HTTP date ~3 s ahead. Clients must parse the date form too.' },
    'RateLimitError', 429,
    rateLimit((ctx) => ({ 'retry-after': new Date(Math.ceil(((ctx.now ?? Date.now)() + 3000) / 1000) * 1000).toUTCString() }))],
  ['rate-limit-long', { zh: '限流（等待 120 秒）', en: 'Rate limit (120 s)' },
    { zh: '429，Retry-After: 120，超过 60 秒。应放弃或降级，而不是挂起请求两分钟。', en: '429 with Retry-After: 120, over 60 s. Give up or fall back rather than hang for two minutes.' },
    'RateLimitError', 429, rateLimit(() => ({ 'retry-after': '120' }))],
  ['rate-limit-negative', { zh: '限流（负数 Retry-After）', en: 'Rate limit (negative)' },
    { zh: '429，Retry-After: -5。无效值应忽略，改用自己的退避。', en: '429 with Retry-After: -5. Ignore the invalid value and use your own backoff.' },
    'RateLimitError', 429, rateLimit(() => ({ 'retry-after': '-5' }))],
  ['rate-limit-garbage', { zh: '限流（无法解析）', en: 'Rate limit (garbage)' },
    { zh: "429，Retry-After: 'soon'。无法解析时应回退到自己的退避。", en: "429 with Retry-After: 'soon'. Unparseable: fall back to your own backoff." },
    'RateLimitError', 429, rateLimit(() => ({ 'retry-after': 'soon' }))],
  ['quota', { zh: '额度用尽 429', en: 'Quota exceeded 429' },
    { zh: '429 insufficient_quota：账户没钱了。重试无用，应立即降级并报警。', en: '429 insufficient_quota: the account is out of credit. Retrying cannot help; fall back and alert.' },
    'RateLimitError', 429,
    statusFault(429, () => err('You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota'))],
  ['server-500', { zh: '服务器错误 500', en: 'Server error 500' },
    { zh: '500 server_error。暂时性故障，带抖动的退避后重试。', en: '500 server_error. Transient: retry with jittered backoff.' },
    'InternalServerError', 500, statusFault(500, () => SERVER_ERROR)],
  ['bad-gateway-502', { zh: '网关错误 502', en: 'Bad gateway 502' },
    { zh: '502：上游网关出错。暂时性故障，退避后重试。', en: '502 from a gateway in front of the API. Transient: back off and retry.' },
    'InternalServerError', 502, statusFault(502, () => err('Bad gateway.', 'server_error', 'bad_gateway'))],
  ['unavailable-503', { zh: '服务不可用 503', en: 'Unavailable 503' },
    { zh: '503：服务过载。退避重试；持续失败时让熔断器打开。', en: '503: overloaded. Back off; if it persists, let the breaker open.' },
    'InternalServerError', 503,
    statusFault(503, () => err('The engine is currently overloaded, please try again later.', 'server_error', null))],
  ['gateway-timeout-504', { zh: '网关超时 504', en: 'Gateway timeout 504' },
    { zh: '504：网关等上游超时。可重试，但请求可能已在服务端执行。', en: '504: the gateway gave up waiting. Retryable, but the work may have run server-side.' },
    'InternalServerError', 504, statusFault(504, () => err('Gateway timeout.', 'server_error', 'gateway_timeout'))],
  ['request-timeout-408', { zh: '请求超时 408', en: 'Request timeout 408' },
    { zh: '408：服务器等请求超时。SDK 会重试；JS SDK 抛基类 APIError。', en: '408: the server timed out reading the request. The SDK retries it; the JS SDK raises the base APIError.' },
    'APIError', 408, statusFault(408, () => err('Request timed out.', 'invalid_request_error', 'request_timeout'))],
  ['conflict-409', { zh: '冲突 409', en: 'Conflict 409' },
    { zh: '409：资源冲突（如并发的同一请求）。SDK 默认会重试。', en: '409: a conflicting request is in flight. The SDK retries it by default.' },
    'ConflictError', 409,
    statusFault(409, () => err('Another request with the same idempotency key is already in progress.', 'invalid_request_error', 'conflict'))],
  ['timeout', { zh: '超时（永不响应）', en: 'Timeout (never answers)' },
    { zh: '服务器永不响应。必须设置超时（如 10 秒），超时后重试或降级。', en: 'The server never answers. Always set a timeout (e.g. 10 s), then retry or fall back.' },
    'APIConnectionTimeoutError', null,
    // Waits for the request's own signal (the SDK timeout or a user cancel); never on a timer.
    () => async ({ request }) => whenAborted(request.signal)],
  ['connection-reset', { zh: '连接被重置', en: 'Connection reset' },
    { zh: '连接被重置（ECONNRESET），没有 HTTP 状态。可重试的网络错误。', en: 'The connection is reset (ECONNRESET), no HTTP status. A retryable network error.' },
    'APIConnectionError', null, () => async () => HttpResponse.error()],
  ['slow', { zh: '响应缓慢', en: 'Slow' },
    { zh: '先等待 latencyMs（默认 3 秒）再正常回答。超时设置太短会把慢请求变成失败。', en: 'Waits latencyMs (default 3 s), then answers normally. Too short a timeout turns slow into failed.' },
    'none (APIConnectionTimeoutError if the deadline is shorter)', 200,
    // Waits on the sandbox clock, abort-aware, then falls through to the healthy handler.
    (ctx) => async ({ request }) => {
      await sleep(ctx.clock, ctx.latencyMs ?? DEFAULT_SLOW_LATENCY_MS, request.signal);
      return undefined;
    }],
  ['auth-401', { zh: '密钥无效 401', en: 'Invalid key 401' },
    { zh: '401 invalid_api_key。永久错误：不要重试，检查配置。', en: '401 invalid_api_key. Permanent: do not retry; fix the configuration.' },
    'AuthenticationError', 401,
    statusFault(401, () => err('Incorrect API key provided: sk-sandb****. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key'))],
  ['forbidden-403', { zh: '无权限 403', en: 'Forbidden 403' },
    { zh: '403：所在地区或账户无权访问。永久错误，不要重试。', en: '403: region or account not allowed. Permanent: do not retry.' },
    'PermissionDeniedError', 403,
    statusFault(403, () => err('Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory'))],
  ['model-not-found-404', { zh: '模型不存在 404', en: 'Model not found 404' },
    { zh: '404 model_not_found。永久错误：改模型名，或降级到别的模型。', en: '404 model_not_found. Permanent: fix the model name or fall back to another model.' },
    'NotFoundError', 404,
    statusFault(404, (_, model) => err(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'))],
  ['context-length-400', { zh: '上下文过长 400', en: 'Context too long 400' },
    { zh: '400 context_length_exceeded。重试无用：缩短消息后再发。', en: '400 context_length_exceeded. Retrying is useless: shorten the messages first.' },
    'BadRequestError', 400,
    statusFault(400, () => err("This model's maximum context length is 16385 tokens. However, your messages resulted in 17012 tokens. Please reduce the length of the messages.", 'invalid_request_error', 'context_length_exceeded', 'messages'))],
  ['unprocessable-422', { zh: '无法处理 422', en: 'Unprocessable 422' },
    { zh: '422：请求格式正确但无法处理。永久错误，不要重试。', en: '422: well-formed but cannot be processed. Permanent: do not retry.' },
    'UnprocessableEntityError', 422,
    statusFault(422, () => err('The request was well-formed but could not be processed.', 'invalid_request_error', 'unprocessable_entity'))],
  ['stream-cut', { zh: '流中断', en: 'Stream cut' },
    { zh: '流式响应发出几块后连接断开（TypeError: terminated）。保留已收到的文本，整体按失败处理；非流式请求表现为连接重置。', en: 'The stream dies after a few chunks (TypeError: terminated). Keep the partial text, treat the call as failed. Non-stream requests see a connection reset.' },
    'TypeError: terminated (not an SDK error)', 200,
    streamFault(async (r, ctx, request) => {
      const parsed = await readChatRequest(request);
      if (!parsed.ok || !parsed.value.stream) return HttpResponse.error();
      const events = chatStreamEvents(r.completionParts(parsed.value), { pieces: 2, finish: false, done: false });
      return r.sse(events, { kind: 'error', error: terminatedError() }, request.signal, retryHeader(ctx));
    })],
  ['stream-no-done', { zh: '流无结束标记', en: 'Stream without [DONE]' },
    { zh: '流正常关闭，但只有一半内容、没有 [DONE]、finish_reason 为 null。客户端必须自己发现截断；非流式请求正常回答。', en: 'The stream closes cleanly with half the text, no [DONE] and finish_reason null. Detect the truncation yourself. Non-stream requests are answered normally.' },
    'none (finish_reason null)', 200,
    streamFault(async (r, ctx, request) => {
      const parsed = await readChatRequest(request);
      if (!parsed.ok || !parsed.value.stream) return undefined;
      const parts = r.completionParts(parsed.value);
      const half = Math.max(1, Math.floor(Array.from(parts.content).length / 16));
      const events = chatStreamEvents(parts, { pieces: half, finish: false, done: false });
      return r.sse(events, { kind: 'close' }, request.signal, retryHeader(ctx));
    })],
  ['stream-error-event', { zh: '流中错误事件', en: 'Error event mid-stream' },
    { zh: '200 之后流里出现 data: {"error": …}。SDK 抛无状态码的 APIError；非流式请求得到 500。', en: 'After a 200, the stream carries data: {"error": …}. The SDK raises an APIError with no status; non-stream requests get a 500.' },
    'APIError', 200,
    streamFault(async (r, ctx, request) => {
      const parsed = await readChatRequest(request);
      if (!parsed.ok || !parsed.value.stream) return r.error(500, SERVER_ERROR, retryHeader(ctx));
      const events = chatStreamEvents(r.completionParts(parsed.value), { pieces: 2, trailer: { error: SERVER_ERROR }, finish: false, done: false });
      return r.sse(events, { kind: 'close' }, request.signal, retryHeader(ctx));
    })],
];

/** The catalogue, keyed by id. */
export const FAULTS = Object.fromEntries(
  ROWS.map(([id, label, description, sdkError, status, handler]) => [id, { id, label, description, sdkError, status, handler }]),
) as Record<FaultId, FaultDef>;

/** An MSW handler that injects fault `id` on every method and path. Prepend it to the healthy handlers. */
export function faultHandler(id: FaultId, ctx: FaultContext): HttpHandler {
  return http.all('*', FAULTS[id].handler(ctx));
}
