/**
 * The provider dialects over real HTTP, with the official SDKs: DeepSeek and
 * Qwen through `openai`, Anthropic through `@anthropic-ai/sdk`, the Responses
 * API, and every odd request under /api/sandbox/ answered in an API's shape.
 * Then the dashboard's provider switch and rate-limit gauge, from the user's side.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { expect } from '@playwright/test';
import { test } from './fixtures';

let keys = 0;
const key = () => `sk-e2e-providers-${Date.now()}-${++keys}`;
const openai = (baseURL: string, scenario: string, path = '/v1', timeout = 5000) =>
  new OpenAI({ baseURL: `${baseURL}/api/sandbox/${scenario}${path}`, apiKey: key(), maxRetries: 0, timeout });
const claude = (baseURL: string, scenario: string) => new Anthropic({ baseURL: `${baseURL}/api/sandbox/${scenario}/anthropic`, apiKey: key(), maxRetries: 0, timeout: 5000 });
const ask = (c: OpenAI) => c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '什么是Python？' }] });
const askClaude = (c: Anthropic) => c.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, messages: [{ role: 'user', content: '什么是Python？' }] });
const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

test.describe('provider dialects over HTTP', () => {
  test('DeepSeek: 402 insufficient balance (the base APIError), 503 overloaded, and a 422 for a bad parameter', async ({ baseURL }) => {
    const quota = (await caught(ask(openai(baseURL!, 'quota-exceeded', '/deepseek/v1')))) as InstanceType<typeof OpenAI.APIError>;
    expect(quota).toBeInstanceOf(OpenAI.APIError);
    expect(quota.status).toBe(402);
    expect(quota.message).toContain('Insufficient Balance');
    expect(await caught(ask(openai(baseURL!, 'overloaded', '/deepseek/v1')))).toBeInstanceOf(OpenAI.InternalServerError);
    const bad = await caught(openai(baseURL!, 'healthy', '/deepseek/v1').chat.completions.create({ model: 'm', temperature: 5, messages: [{ role: 'user', content: 'x' }] }));
    expect(bad).toBeInstanceOf(OpenAI.UnprocessableEntityError);
  });

  test('Qwen: 400 Arrearage, 400 data_inspection_failed, and the transient 429 insufficient_quota', async ({ baseURL }) => {
    const arrearage = (await caught(ask(openai(baseURL!, 'quota-exceeded', '/qwen/v1')))) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(arrearage).toBeInstanceOf(OpenAI.BadRequestError);
    expect(arrearage.code).toBe('Arrearage');
    const moderated = (await caught(ask(openai(baseURL!, 'content-filter', '/qwen/v1')))) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(moderated.code).toBe('data_inspection_failed');
    const tpm = (await caught(ask(openai(baseURL!, 'token-rate-limit', '/qwen/v1')))) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(tpm).toBeInstanceOf(OpenAI.RateLimitError);
    expect(tpm.code).toBe('insufficient_quota');
    const burst = (await caught(ask(openai(baseURL!, 'slow-down', '/qwen/v1')))) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(burst.message).toContain('Request rate increased too quickly');
  });

  test('Anthropic: a message, 529 OverloadedError, 402 billing, and event: error after the 200', async ({ baseURL }) => {
    const message = await askClaude(claude(baseURL!, 'healthy'));
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect(await caught(askClaude(claude(baseURL!, 'unavailable')))).toBeInstanceOf(Anthropic.OverloadedError);
    const billing = (await caught(askClaude(claude(baseURL!, 'quota-exceeded')))) as InstanceType<typeof Anthropic.APIError>;
    expect(billing.status).toBe(402);
    expect(billing.type).toBe('billing_error');
    let text = '';
    const error = await caught(
      (async () => {
        const stream = await claude(baseURL!, 'stream-error-event').messages.create({ model: 'c', max_tokens: 200, stream: true, messages: [{ role: 'user', content: '什么是Python？' }] });
        for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      })(),
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).type).toBe('overloaded_error');
    expect(text.length).toBeGreaterThan(0);
  });

  test('the Responses API streams typed events over HTTP and ends each way', async ({ baseURL }) => {
    const ending = async (scenario: string) => {
      let last = '';
      for await (const event of await openai(baseURL!, scenario).responses.create({ model: 'gpt-4o-mini', input: '什么是Python？', stream: true })) last = event.type;
      return last;
    };
    expect(await ending('healthy')).toBe('response.completed');
    expect(await ending('stream-failed')).toBe('response.failed');
    expect(await ending('stream-incomplete')).toBe('response.incomplete');
    expect(await ending('stream-error-event')).toBe('error');
    expect((await openai(baseURL!, 'healthy', '/qwen/v1').responses.create({ model: 'qwen-plus', input: 'hi' })).status).toBe('completed');
  });

  test('keep-alive-hold: a 200 whose body is only keep-alives, until a total deadline ends it', async ({ baseURL }) => {
    const res = await fetch(`${baseURL}/api/sandbox/keep-alive-hold/deepseek/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'deepseek-chat', stream: true, messages: [{ role: 'user', content: 'x' }] }),
      signal: AbortSignal.timeout(2500),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe(': keep-alive\n\n');
    await expect(reader.read()).rejects.toThrow(); // no answer before the deadline: only our own timeout ends it
  });

  test('the local layer: local-down resets, a healthy preset answers as the local model', async ({ baseURL }) => {
    expect(await caught(ask(openai(baseURL!, 'local-down', '/local/v1')))).toBeInstanceOf(OpenAI.APIConnectionError);
    const answer = await ask(openai(baseURL!, 'healthy', '/local/v1'));
    expect(answer.choices[0]!.message.content).toContain('本地模型');
  });

  test('every response under /api/sandbox/ is API-shaped: wrong methods, paths outside /v1, odd ids, bad bodies', async ({ baseURL }) => {
    const headers = { authorization: `Bearer ${key()}`, 'content-type': 'application/json' };
    const put = await fetch(`${baseURL}/api/sandbox/healthy/v1/chat/completions`, { method: 'PUT', headers, body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST');
    expect((await put.json()).error.type).toBe('invalid_request_error');
    expect(put.headers.get('x-request-id')).toMatch(/^req_/);
    for (const path of ['/api/sandbox', '/api/sandbox/healthy', '/api/sandbox/healthy/chat/completions', '/api/sandbox/healthy/v2/models']) {
      const res = await fetch(`${baseURL}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      expect((await res.json()).error.message, path).toContain('/api/sandbox/{scenario}/v1');
    }
    const long = await fetch(`${baseURL}/api/sandbox/${'x'.repeat(4000)}/v1/models`, { headers });
    expect(long.status).toBe(404);
    expect((await long.json()).error.message.length).toBeLessThan(300);
    const bad = await fetch(`${baseURL}/api/sandbox/healthy/anthropic/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, body: '{"model":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const noKey = await fetch(`${baseURL}/api/sandbox/healthy/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }) });
    expect(noKey.status).toBe(401);
  });
});

test.describe('the dashboard', () => {
  test('the provider switch shows the same scenario in each dialect, and the status alone misleads', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.choosePreset('quota-exceeded');
    const table = page.getByTestId('provider-table');
    const status = () => table.locator('[data-fault="quota"]').getByTestId('provider-status');
    await expect(status()).toHaveText('429');
    await page.getByTestId('provider-switch').getByText('Qwen (DashScope)').click();
    await expect(status()).toHaveText('400');
    await expect(table).toContainText('Arrearage');
    await page.getByTestId('provider-switch').getByText('Anthropic', { exact: true }).click();
    await expect(status()).toHaveText('402');
    await expect(page.getByTestId('provider-lesson')).toBeVisible();
    await expect(page.getByTestId('base-url-deepseek')).toContainText('/deepseek/v1');
  });

  test('the rate-limit gauge counts the session endpoint down as a student\'s client calls it', async ({ dashboard, page, baseURL }) => {
    await dashboard.goto();
    await dashboard.choosePreset('rate-limit-window');
    const gauge = page.getByTestId('rate-limit-gauge');
    await expect(gauge).toBeVisible();
    const endpoint = gauge.getByTestId('rate-limit-window').last().getByRole('meter').first();
    await expect(endpoint).toHaveAttribute('aria-valuenow', '10');
    const url = (await page.getByTestId('base-url').textContent())!;
    const client = new OpenAI({ baseURL: url.replace(/^https?:\/\/[^/]+/, baseURL!), apiKey: 'sk-student', maxRetries: 0 });
    for (let i = 0; i < 3; i++) await ask(client);
    await expect(endpoint).toHaveAttribute('aria-valuenow', '7');
  });

  test('the API switch sends the primary through the Responses API', async ({ dashboard, page }) => {
    await dashboard.goto();
    await page.getByTestId('api-switch').getByRole('radio', { name: /responses/ }).check();
    await expect(page.getByTestId('api-switch').getByRole('radio', { name: /responses/ })).toBeChecked();
    const answer = await dashboard.sendMessage('什么是Go？');
    expect(answer.source).toBe('api');
  });
});
