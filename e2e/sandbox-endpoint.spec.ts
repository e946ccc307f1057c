/**
 * The official `openai` SDK against the running app's OpenAI-compatible fault
 * endpoint, over real HTTP: every preset must raise the error class a real
 * API would cause, with its status, code and headers.
 */
import { test, expect } from '@playwright/test';
import OpenAI, { type APIError } from 'openai';
import { FAULT_INFO as FAULTS } from '../lib/scenario/fault-catalogue';
import { SCENARIO_PRESETS } from '../lib/scenario/presets';

const SDK_CLASSES: Record<string, new (...args: never[]) => Error> = {
  RateLimitError: OpenAI.RateLimitError,
  InternalServerError: OpenAI.InternalServerError,
  AuthenticationError: OpenAI.AuthenticationError,
  PermissionDeniedError: OpenAI.PermissionDeniedError,
  NotFoundError: OpenAI.NotFoundError,
  BadRequestError: OpenAI.BadRequestError,
  UnprocessableEntityError: OpenAI.UnprocessableEntityError,
  ConflictError: OpenAI.ConflictError,
  APIConnectionTimeoutError: OpenAI.APIConnectionTimeoutError,
  APIConnectionError: OpenAI.APIConnectionError,
  APIError: OpenAI.APIError,
};

const client = (baseURL: string, scenario: string, timeout = 2000) =>
  new OpenAI({ baseURL: `${baseURL}/api/sandbox/${scenario}/v1`, apiKey: 'sk-sandbox', maxRetries: 0, timeout });

const ask = (c: OpenAI) => c.chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: '什么是Python？' }] });

// Presets whose first call always fails with one fault, asked without streaming. Not those that
// answer first (slow, the rate window), fail only in streams, or hold the body (keep-alive-hold: see providers.spec.ts).
const failing = SCENARIO_PRESETS.filter((p) => {
  const rule = p.scenario.primary.rules[0];
  return rule?.mode.kind === 'always' && !['slow', 'keep-alive-hold', 'rate-limit-window'].includes(rule.fault) && !rule.fault.startsWith('stream');
});

test.describe('the OpenAI-compatible fault endpoint', () => {
  test('healthy answers like OpenAI, with a request id and rate-limit headers', async ({ baseURL }) => {
    const { data, response } = await ask(client(baseURL!, 'healthy')).withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toContain('Python');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(response.headers.get('x-ratelimit-remaining-requests')).not.toBeNull();
    const models = await client(baseURL!, 'healthy').models.list();
    expect(models.data.length).toBeGreaterThan(0);
  });

  for (const preset of failing) {
    const rule = preset.scenario.primary.rules[0]!;
    const fault = FAULTS[rule.fault];
    test(`${preset.id} → ${fault.sdkError}${fault.status ? ` ${fault.status}` : ''}`, async ({ baseURL }) => {
      const error = await ask(client(baseURL!, preset.id, 1500)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SDK_CLASSES[fault.sdkError]!);
      if (fault.status) expect((error as APIError).status).toBe(fault.status);
      if (rule.shouldRetry !== undefined) expect((error as APIError).headers?.get('x-should-retry')).toBe(String(rule.shouldRetry));
    });
  }

  test('rate-limited carries retry-after and retry-after-ms; quota is insufficient_quota', async ({ baseURL }) => {
    const limited = (await ask(client(baseURL!, 'rate-limited')).catch((e) => e)) as APIError;
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.code).toBe('rate_limit_exceeded');
    expect(limited.headers?.get('retry-after')).toBe('2');
    expect(limited.headers?.get('retry-after-ms')).toBe('2000');
    const quota = (await ask(client(baseURL!, 'quota-exceeded')).catch((e) => e)) as APIError;
    expect(quota.code).toBe('insufficient_quota');
    const auth = (await ask(client(baseURL!, 'auth-error')).catch((e) => e)) as APIError;
    expect(auth.code).toBe('invalid_api_key');
  });

  test('slow answers later than a short client timeout allows', async ({ baseURL }) => {
    const error = await ask(client(baseURL!, 'slow', 500)).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  test('a cut stream surfaces as an error after partial text, never as a clean finish', async ({ baseURL }) => {
    const stream = await client(baseURL!, 'stream-cut').chat.completions.create({
      model: 'gpt-3.5-turbo',
      messages: [{ role: 'user', content: '什么是Python？' }],
      stream: true,
    });
    let text = '';
    let finish: string | null = null;
    const error = await (async () => {
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(text.length).toBeGreaterThan(0);
    expect(finish).not.toBe('stop');
  });

  test('a stream without [DONE] ends with finish_reason null: truncation is visible', async ({ baseURL }) => {
    const stream = await client(baseURL!, 'stream-no-done').chat.completions.create({
      model: 'gpt-3.5-turbo',
      messages: [{ role: 'user', content: '什么是Python？' }],
      stream: true,
    });
    let finish: string | null = null;
    for await (const chunk of stream) finish = chunk.choices[0]?.finish_reason ?? finish;
    expect(finish).toBeNull();
  });

  test('transient-blip fails twice with 503, then recovers; flaky mixes failures and answers', async ({ baseURL }) => {
    const blip = client(baseURL!, 'transient-blip');
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await ask(blip).then(() => 'ok', (e: APIError) => e.status));
    expect(outcomes).toEqual([503, 503, 'ok']);

    const flaky = client(baseURL!, 'flaky');
    const results = await Promise.all(Array.from({ length: 40 }, () => ask(flaky).then(() => 'ok', (e: APIError) => e.status)));
    expect(results.filter((r) => r === 'ok').length).toBeGreaterThan(15);
    expect(results.some((r) => r === 500 || r === 503)).toBe(true);
  });

  test('an unknown scenario is a 404 that says what to use', async ({ baseURL }) => {
    const error = (await ask(client(baseURL!, 'no-such-scenario')).catch((e) => e)) as APIError;
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.message).toMatch(/preset id|session id/);
  });
});
