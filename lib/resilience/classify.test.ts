import { describe, it, expect } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from 'openai';
import { anthropicSdkFor, askClaude, openAiSdkAs, rejectionOf } from '@/mocks/test-utils';
import { createUpstream } from '@/mocks/upstream';
import { ERROR_FAULTS, PROVIDER_ERRORS, PROVIDER_IDS, type ErrorFaultId, type ProviderId } from '@/lib/scenario/providers';
import {
  AttemptTimeoutError,
  ERROR_KINDS,
  IncompleteResponseError,
  StreamFailedError,
  StreamTruncatedError,
  anthropicSdkClassForStatus,
  classifyError,
  isAttemptTimeoutError,
  isIncompleteResponseError,
  isStreamFailedError,
  isStreamTruncatedError,
  sdkClassForStatus,
} from './classify';
import { AbortedError } from './clock';
import { seededRandom } from './random';
import { VirtualClock } from './virtual-clock';

/** A real SDK error, exactly as the client builds it from a response. */
function sdkError(status: number, code: string | null = null, headers: Record<string, string> = {}, type = 'invalid_request_error') {
  return APIError.generate(status, { error: { message: 'x', type, param: null, code } }, 'msg', new Headers(headers));
}

describe('classifyError — HTTP statuses (REFERENCE §2 table)', () => {
  const table: Array<[number, string | null, string, unknown, string, boolean]> = [
    [400, null, 'BadRequestError', BadRequestError, 'bad-request', false],
    [400, 'context_length_exceeded', 'BadRequestError', BadRequestError, 'context-length', false],
    [401, 'invalid_api_key', 'AuthenticationError', AuthenticationError, 'auth', false],
    [403, null, 'PermissionDeniedError', PermissionDeniedError, 'permission', false],
    [404, 'model_not_found', 'NotFoundError', NotFoundError, 'not-found', false],
    [408, null, 'APIError', APIError, 'request-timeout', true],
    [409, null, 'ConflictError', ConflictError, 'conflict', true],
    [422, null, 'UnprocessableEntityError', UnprocessableEntityError, 'unprocessable', false],
    [429, 'rate_limit_exceeded', 'RateLimitError', RateLimitError, 'rate-limit', true],
    [429, 'insufficient_quota', 'RateLimitError', RateLimitError, 'quota', false],
    [500, null, 'InternalServerError', InternalServerError, 'server', true],
    [502, 'bad_gateway', 'InternalServerError', InternalServerError, 'server', true],
    [503, null, 'InternalServerError', InternalServerError, 'server', true],
    [504, null, 'InternalServerError', InternalServerError, 'server', true],
    [418, null, 'APIError', APIError, 'unknown', false],
  ];

  it.each(table)('%i %s → %s, kind %s… ', (status, code, sdkClass, Ctor, kind, retryable) => {
    const error = sdkError(status, code);
    expect(error).toBeInstanceOf(Ctor as typeof APIError);
    const c = classifyError(error);
    expect(c).toMatchObject({ kind, retryable, status, sdkClass });
    if (code) expect(c.code).toBe(code);
    else expect(c.code).toBeUndefined();
    expect(c.why).toEqual(ERROR_KINDS[c.kind].why);
  });

  it('recognises insufficient_quota by type as well as by code', () => {
    const c = classifyError(sdkError(429, null, {}, 'insufficient_quota'));
    expect(c).toMatchObject({ kind: 'quota', retryable: false });
  });

  it("never reads constructor.name (a minified build renames classes to '_')", () => {
    const error = sdkError(401, 'invalid_api_key');
    Object.defineProperty(error.constructor, 'name', { value: '_', configurable: true });
    try {
      expect(classifyError(error).sdkClass).toBe('AuthenticationError');
    } finally {
      Object.defineProperty(error.constructor, 'name', { value: 'AuthenticationError', configurable: true });
    }
  });

  it('classifies a status-bearing error from another SDK copy by duck typing', () => {
    const foreign = Object.assign(new Error('503 overloaded'), { status: 503, headers: { 'retry-after': '3' } });
    expect(classifyError(foreign)).toMatchObject({ kind: 'server', retryable: true, sdkClass: 'InternalServerError', retryAfterMs: 3000 });
    const foreignQuota = { status: 429, error: { code: 'insufficient_quota' } };
    expect(classifyError(foreignQuota)).toMatchObject({ kind: 'quota', code: 'insufficient_quota', retryable: false });
  });

  it('has friendly bilingual messages for the lesson examples', () => {
    expect(classifyError(sdkError(429)).userMessage).toEqual({ zh: '请求过快，请稍后重试', en: 'Too many requests, please retry shortly' });
    expect(classifyError(sdkError(401)).userMessage.zh).toBe('API密钥无效');
    expect(classifyError(sdkError(429, 'insufficient_quota')).userMessage.zh).toContain('余额不足');
    for (const info of Object.values(ERROR_KINDS)) {
      expect(info.user.zh.length).toBeGreaterThan(0);
      expect(info.user.en.length).toBeGreaterThan(0);
      expect(info.why.zh.length).toBeGreaterThan(0);
    }
  });

  it('sdkClassForStatus covers every row of the table', () => {
    expect([400, 401, 403, 404, 409, 422, 429, 500, 599, 408, 302].map(sdkClassForStatus)).toEqual([
      'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError',
      'UnprocessableEntityError', 'RateLimitError', 'InternalServerError', 'InternalServerError', 'APIError', 'APIError',
    ]);
  });
});

describe('classifyError — x-should-retry and Retry-After headers', () => {
  it('x-should-retry: false stops a retryable 503', () => {
    const c = classifyError(sdkError(503, null, { 'x-should-retry': 'false' }));
    expect(c).toMatchObject({ kind: 'server', retryable: false });
    expect(c.why.en).toContain('x-should-retry: false');
  });

  it('x-should-retry: true makes even a 400 or a quota error retryable', () => {
    expect(classifyError(sdkError(400, null, { 'x-should-retry': 'true' })).retryable).toBe(true);
    const quota = classifyError(sdkError(429, 'insufficient_quota', { 'x-should-retry': 'true' }));
    expect(quota).toMatchObject({ kind: 'quota', retryable: true });
    expect(quota.why.en).toContain('x-should-retry: true');
  });

  it('keeps the kind-specific why when the header agrees, and ignores other values', () => {
    expect(classifyError(sdkError(503, null, { 'x-should-retry': 'true' })).why).toEqual(ERROR_KINDS.server.why);
    expect(classifyError(sdkError(503, null, { 'x-should-retry': 'maybe' })).retryable).toBe(true);
  });

  it('reports a valid Retry-After, relative to the injected now for dates', () => {
    expect(classifyError(sdkError(429, null, { 'retry-after-ms': '1500', 'retry-after': '2' })).retryAfterMs).toBe(1500);
    expect(classifyError(sdkError(429, null, { 'retry-after': '2' })).retryAfterMs).toBe(2000);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    const dated = classifyError(sdkError(429, null, { 'retry-after': 'Wed, 21 Oct 2015 07:28:03 GMT' }), { now: () => now });
    expect(dated.retryAfterMs).toBe(3000);
  });

  it('leaves out a Retry-After that is too long, negative or garbage', () => {
    for (const v of ['120', '-5', 'soon']) expect(classifyError(sdkError(429, null, { 'retry-after': v })).retryAfterMs).toBeUndefined();
  });
});

describe('classifyError — errors without a status', () => {
  it('caller aborts are never retryable, whichever layer reports them', () => {
    const dom = new DOMException('This operation was aborted', 'AbortError');
    for (const [error, sdkClass] of [
      [new APIUserAbortError(), 'APIUserAbortError'],
      [dom, 'AbortError'],
      [new AbortedError('user left'), 'AbortError'],
    ] as const) {
      expect(classifyError(error)).toMatchObject({ kind: 'aborted', retryable: false, sdkClass });
    }
  });

  it('x-should-retry cannot turn an abort into a retry', () => {
    const abort = Object.assign(new AbortedError(), { headers: new Headers({ 'x-should-retry': 'true' }) });
    expect(classifyError(abort).retryable).toBe(false);
  });

  it('timeouts: the SDK one (checked before its parent class) and our attempt deadline', () => {
    const sdk = new APIConnectionTimeoutError();
    expect(sdk).toBeInstanceOf(APIConnectionError);
    expect(classifyError(sdk)).toMatchObject({ kind: 'timeout', retryable: true, sdkClass: 'APIConnectionTimeoutError' });
    const ours = new AttemptTimeoutError(10_000);
    expect(ours.timeoutMs).toBe(10_000);
    expect(ours.message).toContain('10000 ms');
    expect(isAttemptTimeoutError(ours)).toBe(true);
    expect(classifyError(ours)).toMatchObject({ kind: 'timeout', retryable: true, sdkClass: 'AttemptTimeoutError' });
    expect(classifyError(new DOMException('signal timed out', 'TimeoutError'))).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('APIConnectionError (what APIError.generate makes without a status) → connection', () => {
    const generated = APIError.generate(undefined, new Error('socket hang up'), 'Connection error.', undefined);
    expect(generated).toBeInstanceOf(APIConnectionError);
    expect(classifyError(generated)).toMatchObject({ kind: 'connection', retryable: true, sdkClass: 'APIConnectionError' });
  });

  it('raw fetch failures with a socket cause → connection; timeouts below HTTP → timeout', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_SOCKET']) {
      const error = new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      expect(classifyError(error)).toMatchObject({ kind: 'connection', retryable: true, sdkClass: 'TypeError', code });
    }
    const noHandler = new TypeError('fetch failed', { cause: new Error('No mock handler for POST /v1/chat/completions') });
    expect(classifyError(noHandler)).toMatchObject({ kind: 'connection', retryable: true });
    const slow = new TypeError('fetch failed', { cause: Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }) });
    expect(classifyError(slow)).toMatchObject({ kind: 'timeout', retryable: true });
    expect(classifyError(new TypeError('Failed to fetch')).kind).toBe('connection');
    expect(classifyError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).kind).toBe('connection');
    expect(classifyError(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })).kind).toBe('timeout');
  });

  it('stream failures: a cut socket, a missing [DONE], an error event', () => {
    const cut = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(classifyError(cut)).toMatchObject({ kind: 'stream', retryable: true, sdkClass: 'TypeError' });
    const truncated = new StreamTruncatedError('Hel');
    expect(truncated.partialText).toBe('Hel');
    expect(isStreamTruncatedError(truncated)).toBe(true);
    expect(isStreamTruncatedError(new Error('x'))).toBe(false);
    expect(classifyError(truncated)).toMatchObject({ kind: 'stream', retryable: true, sdkClass: 'StreamTruncatedError' });
    // What openai/core/streaming does for `data: {"error": …}`.
    const event = new APIError(undefined, { message: 'boom', type: 'server_error', code: 'server_error' }, undefined, new Headers());
    expect(classifyError(event)).toMatchObject({ kind: 'stream', retryable: true, sdkClass: 'APIError', code: 'server_error' });
    expect(classifyError(event).status).toBeUndefined();
  });

  it('circuit-breaker rejections are recognised by their brand, never retried', () => {
    class BrokenCircuitError extends Error {
      readonly isBrokenCircuit = true as const;
      override readonly name: string = 'BrokenCircuitError';
    }
    class IsolatedCircuitError extends BrokenCircuitError {
      override readonly name: string = 'IsolatedCircuitError';
    }
    expect(classifyError(new BrokenCircuitError('open'))).toMatchObject({ kind: 'circuit-open', retryable: false, sdkClass: 'BrokenCircuitError' });
    expect(classifyError(new IsolatedCircuitError('held'))).toMatchObject({ kind: 'circuit-open', sdkClass: 'IsolatedCircuitError' });
    expect(classifyError({ isBrokenCircuit: 'yes' }).kind).toBe('unknown');
  });

  it('anything else is unknown and not retried', () => {
    for (const error of [new Error('boom'), new TypeError('x is not a function'), 'a string', 42, null, undefined, { message: 'obj' }]) {
      const c = classifyError(error);
      expect(c).toMatchObject({ kind: 'unknown', retryable: false });
      expect(c.userMessage.zh).toBe('系统错误，请联系管理员');
    }
    expect(classifyError('s').sdkClass).toBe('string');
    expect(classifyError(new Error('e')).sdkClass).toBe('Error');
  });
});

describe('classifyError — the status code alone misleads', () => {
  it('reads the code before the status: Qwen\'s 400 Arrearage and a 402 are quota, moderation is content-filter', () => {
    expect(classifyError(sdkError(400, 'Arrearage', {}, 'Arrearage'))).toMatchObject({ kind: 'quota', retryable: false, status: 400 });
    expect(classifyError(sdkError(402, 'invalid_request_error', {}, 'unknown_error'))).toMatchObject({ kind: 'quota', retryable: false, sdkClass: 'APIError' });
    expect(classifyError(sdkError(400, 'data_inspection_failed'))).toMatchObject({ kind: 'content-filter', retryable: false });
    expect(classifyError(sdkError(429, 'slow_down', {}, 'rate_limit_error'))).toMatchObject({ kind: 'slow-down', retryable: true });
    expect(classifyError(sdkError(429, 'limit_burst_rate'))).toMatchObject({ kind: 'slow-down', retryable: true });
  });

  it('insufficient_quota is "out of money" on OpenAI but a per-minute throttle on Qwen', () => {
    const e = sdkError(429, 'insufficient_quota');
    expect(classifyError(e)).toMatchObject({ kind: 'quota', retryable: false });
    expect(classifyError(e, { provider: 'qwen' })).toMatchObject({ kind: 'rate-limit', retryable: true });
  });

  it('reads the message where a provider puts the meaning only there (DeepSeek, Anthropic)', () => {
    const msg = (status: number, message: string) => APIError.generate(status, { error: { message, type: 'invalid_request_error', code: 'invalid_request_error' } }, 'm', new Headers());
    expect(classifyError(msg(400, 'Content Exists Risk')).kind).toBe('content-filter');
    expect(classifyError(msg(400, 'Model Not Exist')).kind).toBe('not-found');
    expect(classifyError(msg(400, 'prompt is too long: 210000 tokens > 200000 maximum')).kind).toBe('context-length');
    expect(classifyError(msg(400, 'Some other mistake')).kind).toBe('bad-request');
  });

  it('Anthropic bodies: the error type stands in for the code, and the SDK class follows Anthropic\'s table', () => {
    const body = (type: string) => ({ type: 'error', error: { type, message: 'x' } });
    const overloaded = Anthropic.APIError.generate(529, body('overloaded_error'), 'm', new Headers());
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    expect(classifyError(overloaded)).toMatchObject({ kind: 'server', retryable: true, status: 529, code: 'overloaded_error', sdkClass: 'OverloadedError' });
    const billing = Anthropic.APIError.generate(402, body('billing_error'), 'm', new Headers());
    expect(classifyError(billing)).toMatchObject({ kind: 'quota', retryable: false, sdkClass: 'PaymentRequiredError' });
    expect([402, 408, 413, 503, 504, 529, 400].map(anthropicSdkClassForStatus)).toEqual([
      'PaymentRequiredError', 'RequestTimeoutError', 'ContentTooLargeError', 'ServiceUnavailableError', 'GatewayTimeoutError', 'OverloadedError', 'BadRequestError',
    ]);
  });

  it('mid-stream error events: a rate limit stays a rate limit, anything else broke the stream', () => {
    const rate = new APIError(undefined, { message: 'r', type: 'requests', code: 'rate_limit_exceeded' }, undefined, new Headers());
    expect(classifyError(rate)).toMatchObject({ kind: 'rate-limit', retryable: true });
    // What @anthropic-ai/sdk throws for `event: error` after a 200: no status, the whole body as `error`.
    const claude = new Anthropic.APIError(undefined, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, undefined, new Headers());
    expect(classifyError(claude)).toMatchObject({ kind: 'stream', retryable: true, code: 'overloaded_error' });
    const claudeRate = new Anthropic.APIError(undefined, { type: 'error', error: { type: 'rate_limit_error', message: 'r' } }, undefined, new Headers());
    expect(classifyError(claudeRate).kind).toBe('rate-limit');
  });

  it('Anthropic transport errors by the names its SDK sets (not constructor names)', () => {
    expect(classifyError(new Anthropic.APIConnectionTimeoutError())).toMatchObject({ kind: 'timeout', sdkClass: 'APIConnectionTimeoutError' });
    expect(classifyError(new Anthropic.APIConnectionError({ message: 'Connection error.' }))).toMatchObject({ kind: 'connection' });
    expect(classifyError(new Anthropic.APIUserAbortError())).toMatchObject({ kind: 'aborted', retryable: false });
  });

  it('our own stream endings: an incomplete answer is not retried; a failed stream is, unless the code says otherwise', () => {
    const incomplete = new IncompleteResponseError('max_output_tokens', 'Half');
    expect(isIncompleteResponseError(incomplete)).toBe(true);
    expect(incomplete.partialText).toBe('Half');
    expect(classifyError(incomplete)).toMatchObject({ kind: 'incomplete', retryable: false, code: 'max_output_tokens', sdkClass: 'IncompleteResponseError' });
    const failed = new StreamFailedError('server_error', 'boom', 'response.failed');
    expect(isStreamFailedError(failed)).toBe(true);
    expect(failed.message).toBe('The stream failed with response.failed (server_error): boom');
    expect(classifyError(failed)).toMatchObject({ kind: 'stream', retryable: true, code: 'server_error' });
    expect(classifyError(new StreamFailedError('rate_limit_exceeded', 'slow', 'response.failed')).kind).toBe('rate-limit');
    expect(classifyError(new StreamFailedError(null, 'x', 'error'))).toMatchObject({ kind: 'stream', sdkClass: 'StreamFailedError' });
    expect(new StreamTruncatedError('', 'response.completed').message).toBe('The stream ended without response.completed');
  });
});

/**
 * Every provider's rendering of every HTTP fault, sent by the mock in that
 * provider's wire format and raised by that provider's real SDK: the
 * classifier, told the provider, must reach the verdict the table states.
 */
describe('classifyError agrees with every provider profile, through each real SDK', () => {
  const HTTP = ERROR_FAULTS.filter((f) => !f.startsWith('stream-'));

  async function raise(provider: ProviderId, fault: ErrorFaultId): Promise<unknown> {
    // rate-limit-window lets one call a minute through here; the second is its 429.
    const upstream = createUpstream({ scenario: { rules: [{ fault, mode: { kind: 'always' }, rpm: 1 }] }, clock: new VirtualClock(), random: seededRandom(1) });
    const call = () =>
      provider === 'anthropic'
        ? anthropicSdkFor(upstream).messages.create(askClaude('hi'))
        : openAiSdkAs(upstream, provider).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    if (fault === 'rate-limit-window') await call();
    return rejectionOf(call());
  }

  for (const provider of PROVIDER_IDS) {
    it.each(HTTP)(`${provider}: %s`, async (fault) => {
      const row = PROVIDER_ERRORS[provider][fault];
      const error = await raise(provider, fault);
      const SDK = provider === 'anthropic' ? Anthropic : OpenAI;
      const expectedClass = provider === 'anthropic' ? anthropicSdkClassForStatus(row.status) : sdkClassForStatus(row.status);
      expect(error).toBeInstanceOf((SDK as unknown as Record<string, new () => Error>)[expectedClass]);
      const c = classifyError(error, { provider });
      expect(c).toMatchObject({ kind: row.kind, status: row.status, sdkClass: expectedClass, retryable: ERROR_KINDS[row.kind].retryable });
      if (provider === 'anthropic') expect(c.code).toBe(row.type);
      else expect(c.code ?? null).toBe(row.code);
    });
  }

  it('the same scenario gets different statuses per provider, and the same status different verdicts', () => {
    const statuses = (fault: ErrorFaultId) => PROVIDER_IDS.map((p) => PROVIDER_ERRORS[p][fault].status);
    expect(statuses('quota')).toEqual([429, 402, 400, 402]);
    expect(statuses('unavailable-503')).toEqual([503, 503, 503, 529]);
    // A 400 on Qwen can be a bug (bad-request), a bill (quota) or moderation (content-filter).
    const qwen400 = new Set(Object.values(PROVIDER_ERRORS.qwen).filter((r) => r.status === 400).map((r) => r.kind));
    expect(qwen400).toEqual(new Set(['quota', 'context-length', 'bad-request', 'content-filter']));
  });
});
