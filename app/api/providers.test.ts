import { describe, expect, it } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { anthropicSdkClassForStatus, classifyError, sdkClassForStatus } from '@/lib/resilience/classify';
import { PROVIDER_ERRORS, type ErrorFaultId, type ProviderId } from '@/lib/scenario/providers';
import { getPreset } from '@/lib/scenario/presets';
import * as anthropicRoute from './sandbox/[scenario]/anthropic/[...path]/route';
import * as deepseekRoute from './sandbox/[scenario]/deepseek/v1/[...path]/route';
import * as qwenRoute from './sandbox/[scenario]/qwen/v1/[...path]/route';
import * as openaiRoute from './sandbox/[scenario]/v1/[...path]/route';

/**
 * Every profile × its main presets, through the real SDKs, in process: each
 * client's fetch calls the Next route handler itself (as routes.test.ts does),
 * so the route, the endpoint, the mock and the dialect are all on the path.
 */
const BASE = 'http://sandbox.test';
const ROUTES = { openai: openaiRoute, deepseek: deepseekRoute, qwen: qwenRoute, anthropic: anthropicRoute } as const;
const PATHS: Record<ProviderId, string> = { openai: '/v1', deepseek: '/deepseek/v1', qwen: '/qwen/v1', anthropic: '/anthropic' };
let keys = 0;

/** A fetch into one route module, any method. */
function routeFetch(provider: ProviderId, scenario: string): typeof fetch {
  const route = ROUTES[provider] as unknown as Record<string, (r: Request, c: { params: Promise<{ scenario: string }> }) => Promise<Response>>;
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    return route[request.method]!(request, { params: Promise.resolve({ scenario }) });
  }) as typeof fetch;
}

/** A fresh client key per client, so each test starts the preset's timeline afresh. */
const openai = (provider: Exclude<ProviderId, 'anthropic'>, scenario: string) =>
  new OpenAI({ baseURL: `${BASE}/api/sandbox/${scenario}${PATHS[provider]}`, apiKey: `sk-providers-${++keys}`, maxRetries: 0, fetch: routeFetch(provider, scenario) });
const claude = (scenario: string) =>
  new Anthropic({ baseURL: `${BASE}/api/sandbox/${scenario}/anthropic`, apiKey: `sk-ant-providers-${++keys}`, maxRetries: 0, fetch: routeFetch('anthropic', scenario) });

const Q = '什么是Python？';
const chatOf = (c: OpenAI) => c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: Q }] });
const messageOf = (c: Anthropic) => c.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: Q }] });

/** Presets whose every call fails with one HTTP error fault. */
const ERROR_PRESETS = ['rate-limited', 'quota-exceeded', 'server-error', 'unavailable', 'overloaded', 'auth-error', 'forbidden', 'model-not-found', 'bad-request', 'content-filter', 'slow-down', 'token-rate-limit'];

describe.each(['openai', 'deepseek', 'qwen', 'anthropic'] as const)('the %s profile through its real SDK', (provider) => {
  const call = (scenario: string) => (provider === 'anthropic' ? messageOf(claude(scenario)) : chatOf(openai(provider, scenario)));
  const SDK = (provider === 'anthropic' ? Anthropic : OpenAI) as unknown as Record<string, new () => Error>;

  it('healthy answers', async () => {
    const res = await call('healthy');
    const text = 'choices' in res ? res.choices[0]!.message.content : res.content[0]!.type === 'text' ? res.content[0]!.text : '';
    expect(text).toContain('Python');
  });

  it.each(ERROR_PRESETS)('%s raises the class and verdict of this provider\'s table', async (presetId) => {
    const fault = getPreset(presetId)!.scenario.primary.rules[0]!.fault as ErrorFaultId;
    const row = PROVIDER_ERRORS[provider][fault];
    const error = await call(presetId).then(() => null, (e: unknown) => e);
    const expected = provider === 'anthropic' ? anthropicSdkClassForStatus(row.status) : sdkClassForStatus(row.status);
    expect(error).toBeInstanceOf(SDK[expected]);
    expect((error as { status: number }).status).toBe(row.status);
    expect(classifyError(error, { provider }).kind).toBe(row.kind);
  });

  it('connection-reset is a connection failure, with no status', async () => {
    // In process there is no socket to reset: the body fails on its first read (over HTTP the SDK raises APIConnectionError).
    const reset = await call('connection-reset').then(() => null, (e: unknown) => e);
    expect(classifyError(reset, { provider })).toMatchObject({ kind: 'connection', retryable: true });
    expect((reset as { status?: number }).status).toBeUndefined();
  });

  it('the countdown preset counts down in this dialect\'s headers (or in none) and refuses the eleventh call', async () => {
    const key = `sk-countdown-${provider}`;
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const fetch = routeFetch(provider, 'rate-limit-window');
      const headers: Record<string, string> = provider === 'anthropic' ? { 'x-api-key': key, 'anthropic-version': '2023-06-01' } : { authorization: `Bearer ${key}` };
      const path = provider === 'anthropic' ? '/v1/messages' : '/chat/completions';
      const body = provider === 'anthropic' ? { model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } : { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
      const res = await fetch(`${BASE}/api/sandbox/rate-limit-window${PATHS[provider]}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const remaining = res.headers.get('x-ratelimit-remaining-requests') ?? res.headers.get('anthropic-ratelimit-requests-remaining') ?? '-';
      outcomes.push(res.status === 200 ? remaining : `${res.status} after ${res.headers.get('retry-after')}s`);
      await res.body?.cancel();
    }
    const counted = provider === 'openai' || provider === 'anthropic' ? ['9', '8', '7', '6', '5', '4', '3', '2', '1', '0'] : Array.from({ length: 10 }, () => '-');
    expect(outcomes.slice(0, 10)).toEqual(counted);
    expect(outcomes[10]).toMatch(/^429 after (59|60)s$/);
  });

  it('a failed stream is detected, never taken as a complete answer', async () => {
    if (provider === 'anthropic') {
      const error = await (async () => {
        for await (const _ of await claude('stream-failed').messages.create({ model: 'c', max_tokens: 100, stream: true, messages: [{ role: 'user', content: Q }] })) void _;
      })().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.APIError);
      expect(classifyError(error, { provider }).kind).toBe('stream');
      return;
    }
    const error = await (async () => {
      for await (const _ of await openai(provider, 'stream-failed').chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: Q }] })) void _;
    })().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(classifyError(error, { provider }).kind).toBe('stream');
  });
});

describe.each(['openai', 'deepseek', 'qwen'] as const)('the %s profile: client.responses.create', (provider) => {
  it('without stream: a completed response', async () => {
    expect((await openai(provider, 'healthy').responses.create({ model: 'm', input: Q })).output_text).toContain('Python');
  });

  it('with stream: ends in response.completed; under stream-failed-rate-limit in response.failed with rate_limit_exceeded', async () => {
    const last = async (scenario: string) => {
      let type = '';
      let code: string | null | undefined;
      for await (const e of await openai(provider, scenario).responses.create({ model: 'm', input: Q, stream: true })) {
        type = e.type;
        if (e.type === 'response.failed') code = e.response.error?.code;
      }
      return { type, code };
    };
    expect(await last('healthy')).toEqual({ type: 'response.completed', code: undefined });
    // The code is the dialect's own rate-limit code: rate_limit_exceeded, or Qwen's limit_requests.
    expect(await last('stream-failed-rate-limit')).toEqual({ type: 'response.failed', code: PROVIDER_ERRORS[provider]['stream-failed-rate-limit'].code });
    expect((await last('stream-incomplete')).type).toBe('response.incomplete');
  });

  it('an HTTP fault raises the same class as for chat', async () => {
    const error = await openai(provider, 'unavailable').responses.create({ model: 'm', input: Q }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
  });

  it('GET /models and POST /embeddings work, and fail under the same faults', async () => {
    const client = openai(provider, 'healthy');
    expect((await client.models.list()).data.length).toBeGreaterThan(0);
    expect((await client.embeddings.create({ model: 'text-embedding-v3', input: 'hi' })).data[0]!.embedding.length).toBe(1536);
    const down = openai(provider, 'server-error');
    expect(await down.models.list().then(() => null, (e: unknown) => e)).toBeInstanceOf(OpenAI.InternalServerError);
    expect(await down.embeddings.create({ model: 'e', input: 'hi' }).then(() => null, (e: unknown) => e)).toBeInstanceOf(OpenAI.InternalServerError);
  });
});
