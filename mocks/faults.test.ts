import { describe, expect, it } from 'vitest';
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from 'openai';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { answerFor } from './answers';
import { FAULT_IDS, FAULTS, type FaultId } from './faults';
import { ask, rejectionOf, sdkFor } from './test-utils';
import { createUpstream } from './upstream';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0, 250);

const upstreamWith = (fault: FaultId, extra: { shouldRetry?: boolean } = {}) =>
  createUpstream({
    scenario: { rules: [{ fault, mode: { kind: 'always' }, ...extra }] },
    clock: new VirtualClock(),
    random: seededRandom(1),
    now: () => NOW,
  });

type ErrorClass = abstract new (...args: never[]) => Error;

/** What the real SDK must raise for a non-streaming call under each HTTP fault. */
const HTTP_FAULTS: Array<[FaultId, ErrorClass, number, string | null, Record<string, string | null>]> = [
  ['rate-limit', RateLimitError, 429, 'rate_limit_exceeded', { 'retry-after': '2', 'retry-after-ms': '2000' }],
  ['rate-limit-long', RateLimitError, 429, 'rate_limit_exceeded', { 'retry-after': '120', 'retry-after-ms': null }],
  ['rate-limit-negative', RateLimitError, 429, 'rate_limit_exceeded', { 'retry-after': '-5' }],
  ['rate-limit-garbage', RateLimitError, 429, 'rate_limit_exceeded', { 'retry-after': 'soon' }],
  ['quota', RateLimitError, 429, 'insufficient_quota', { 'retry-after': null }],
  ['server-500', InternalServerError, 500, null, {}],
  ['bad-gateway-502', InternalServerError, 502, 'bad_gateway', {}],
  ['unavailable-503', InternalServerError, 503, null, {}],
  ['gateway-timeout-504', InternalServerError, 504, 'gateway_timeout', {}],
  ['request-timeout-408', APIError, 408, 'request_timeout', {}],
  ['conflict-409', ConflictError, 409, 'conflict', {}],
  ['auth-401', AuthenticationError, 401, 'invalid_api_key', {}],
  ['forbidden-403', PermissionDeniedError, 403, 'unsupported_country_region_territory', {}],
  ['model-not-found-404', NotFoundError, 404, 'model_not_found', {}],
  ['context-length-400', BadRequestError, 400, 'context_length_exceeded', {}],
  ['unprocessable-422', UnprocessableEntityError, 422, 'unprocessable_entity', {}],
  ['stream-error-event', InternalServerError, 500, null, {}],
];

describe('the fault catalogue', () => {
  it('defines every fault id once, with bilingual text and its SDK error', () => {
    expect(Object.keys(FAULTS).sort()).toEqual([...FAULT_IDS].sort());
    for (const id of FAULT_IDS) {
      const f = FAULTS[id];
      expect(f.id).toBe(id);
      for (const t of [f.label, f.description]) {
        expect(t.zh).toMatch(/\p{Script=Han}/u);
        expect(t.en.length).toBeGreaterThan(3);
      }
      expect(f.sdkError.length).toBeGreaterThan(0);
    }
  });

  it('names the class the SDK really raises (non-stream calls)', async () => {
    // stream-error-event's sdkError describes stream requests; its non-stream 500 is checked below.
    for (const [id, cls] of HTTP_FAULTS.filter(([id]) => id !== 'stream-error-event')) {
      const err = await rejectionOf(sdkFor(upstreamWith(id)).chat.completions.create(ask('hi')));
      expect(err, id).toBeInstanceOf(cls);
      expect((err as Error).constructor.name, id).toBe(FAULTS[id].sdkError);
    }
  });
});

describe.each(HTTP_FAULTS)('fault %s through the real openai SDK', (id, cls, status, code, headers) => {
  it(`raises ${cls.name} with status ${status}, code ${code} and OpenAI headers`, async () => {
    const err = await rejectionOf(sdkFor(upstreamWith(id)).chat.completions.create(ask('hi')));
    expect(err).toBeInstanceOf(cls);
    const e = err as InstanceType<typeof APIError>;
    expect(e.status).toBe(status);
    expect(FAULTS[id].status).toBe(id === 'stream-error-event' ? 200 : status);
    expect(e.code ?? null).toBe(code);
    expect(typeof (e.error as { message?: unknown }).message).toBe('string');
    expect(e.requestID).toMatch(/^req_[0-9a-f]{32}$/);
    for (const [name, value] of Object.entries(headers)) expect(e.headers?.get(name), name).toBe(value);
  });
});

describe('fault details', () => {
  it('rate-limit-date sends an HTTP date at least 3 s ahead of now()', async () => {
    const e = (await rejectionOf(sdkFor(upstreamWith('rate-limit-date')).chat.completions.create(ask('hi')))) as RateLimitError;
    const value = e.headers?.get('retry-after') ?? '';
    expect(value).toMatch(/GMT$/);
    const ahead = Date.parse(value) - NOW;
    expect(ahead).toBeGreaterThanOrEqual(3000);
    expect(ahead).toBeLessThan(4000);
  });

  it('model-not-found names the requested model', async () => {
    const e = (await rejectionOf(sdkFor(upstreamWith('model-not-found-404')).chat.completions.create(ask('hi', 'gpt-9')))) as NotFoundError;
    expect(e.message).toContain('`gpt-9` does not exist');
  });

  it('context-length points at the messages parameter', async () => {
    const e = (await rejectionOf(sdkFor(upstreamWith('context-length-400')).chat.completions.create(ask('hi')))) as BadRequestError;
    expect(e.param).toBe('messages');
  });

  it('connection-reset raises APIConnectionError caused by an ECONNRESET TypeError, not a timeout', async () => {
    const err = await rejectionOf(sdkFor(upstreamWith('connection-reset')).chat.completions.create(ask('hi')));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err).not.toBeInstanceOf(APIConnectionTimeoutError);
    const cause = (err as APIConnectionError).cause as TypeError & { cause: { code: string } };
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause.cause.code).toBe('ECONNRESET');
  });

  it('stream-cut on a non-stream request behaves like connection-reset', async () => {
    const err = await rejectionOf(sdkFor(upstreamWith('stream-cut')).chat.completions.create(ask('hi')));
    expect(err).toBeInstanceOf(APIConnectionError);
  });

  it('stream-no-done leaves non-stream requests healthy', async () => {
    const res = await sdkFor(upstreamWith('stream-no-done')).chat.completions.create(ask('什么是Java？'));
    expect(res.choices[0]!.message.content).toBe(answerFor('什么是Java？'));
  });

  it('timeout never answers: the SDK timeout (a real 50 ms timer) ends it', async () => {
    const err = await rejectionOf(sdkFor(upstreamWith('timeout'), { timeout: 50 }).chat.completions.create(ask('hi')));
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('timeout is ended by the caller’s signal too (APIUserAbortError)', async () => {
    const upstream = upstreamWith('timeout');
    const controller = new AbortController();
    const arrived = new Promise<void>((resolve) => upstream.onCall(() => resolve()));
    const p = sdkFor(upstream).chat.completions.create(ask('hi'), { signal: controller.signal });
    await arrived;
    controller.abort();
    expect(await rejectionOf(p)).toBeInstanceOf(OpenAI.APIUserAbortError);
  });

  it.each([true, false])('adds x-should-retry: %s when the rule asks, and the SDK obeys it', async (shouldRetry) => {
    const upstream = upstreamWith('unavailable-503', { shouldRetry });
    // maxRetries 2: with `false` the SDK must not retry; with `true` we stop after checking the header.
    const client = sdkFor(upstream, { maxRetries: shouldRetry ? 0 : 2 });
    const e = (await rejectionOf(client.chat.completions.create(ask('hi')))) as InternalServerError;
    expect(e.headers?.get('x-should-retry')).toBe(String(shouldRetry));
    expect(upstream.calls).toBe(1);
  });

  it('sends no x-should-retry header by default', async () => {
    const e = (await rejectionOf(sdkFor(upstreamWith('server-500')).chat.completions.create(ask('hi')))) as InternalServerError;
    expect(e.headers?.get('x-should-retry')).toBeNull();
  });
});
