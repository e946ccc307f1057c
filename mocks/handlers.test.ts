import { describe, expect, it } from 'vitest';
import { getResponse } from 'msw';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { answerFor } from './answers';
import { healthyHandlers, type UpstreamContext } from './handlers';

const ctx = (): UpstreamContext => ({
  clock: new VirtualClock(),
  random: seededRandom(1),
  model: 'gpt-test',
  answer: answerFor,
  now: () => 1_700_000_123_456,
});

const post = (url: string, body: unknown) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const chat = (stream = false) => ({ model: 'gpt-test', stream, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: '什么是Go？' }] });

describe('healthyHandlers', () => {
  it.each([
    'https://api.openai.com/v1/chat/completions',
    'http://localhost:3000/api/sandbox/healthy/v1/chat/completions',
    'https://mock.openai.local/v1/chat/completions?api-version=1',
  ])('answers POST %s from any origin and prefix', async (url) => {
    const res = await getResponse(healthyHandlers(ctx()), post(url, chat()));
    expect(res?.status).toBe(200);
  });

  it('does not match other paths', async () => {
    expect(await getResponse(healthyHandlers(ctx()), post('https://x/v1/audio/speech', chat()))).toBeUndefined();
    expect(await getResponse(healthyHandlers(ctx()), post('https://x/v1/chat/completions/more', chat()))).toBeUndefined();
  });

  it('returns an OpenAI-shaped chat.completion with standard headers', async () => {
    const res = (await getResponse(healthyHandlers(ctx()), post('https://x/v1/chat/completions', chat())))!;
    const body = await res.json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      created: 1_700_000_123,
      model: 'gpt-test',
      choices: [{ index: 0, message: { role: 'assistant', content: answerFor('什么是Go？') }, finish_reason: 'stop' }],
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(Number(res.headers.get('openai-processing-ms'))).toBeGreaterThan(0);
    expect(res.headers.get('x-ratelimit-limit-requests')).toBe('500');
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('499');
    expect(res.headers.get('x-ratelimit-reset-requests')).toBe('1m0s');
  });

  it('counts down x-ratelimit-remaining-requests within a minute of sandbox time, then refills', async () => {
    const c = ctx();
    const handlers = healthyHandlers(c);
    const remaining = async () =>
      (await getResponse(handlers, post('https://x/v1/chat/completions', chat())))!.headers.get('x-ratelimit-remaining-requests');
    expect([await remaining(), await remaining()]).toEqual(['499', '498']);
    await (c.clock as VirtualClock).advance(60_000);
    expect(await remaining()).toBe('499');
  });

  it('streams chunks ending in [DONE] when stream is true', async () => {
    const res = (await getResponse(healthyHandlers(ctx()), post('https://x/v1/chat/completions', chat(true))))!;
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.every((e) => e.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)));
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.map((c) => c.choices[0].delta.content ?? '').join('')).toBe(answerFor('什么是Go？'));
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('adds a usage chunk when stream_options.include_usage is set', async () => {
    const res = (await getResponse(healthyHandlers(ctx()), post('https://x/v1/chat/completions', { ...chat(true), stream_options: { include_usage: true } })))!;
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(JSON.parse(events.at(-2)!.slice(6))).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
  });

  it('lists its model on GET /models', async () => {
    const res = (await getResponse(healthyHandlers(ctx()), new Request('http://localhost:3000/api/x/v1/models')))!;
    const body = await res.json();
    expect(body.object).toBe('list');
    expect(body.data).toContainEqual(expect.objectContaining({ id: 'gpt-test', object: 'model' }));
  });

  it.each([
    ['not JSON', '{oops', null, null],
    ['not an object', '[1]', null, 'invalid_type'],
    ['no model', { messages: [{ role: 'user', content: 'x' }] }, 'model', 'missing_required_parameter'],
    ['no messages', { model: 'm' }, 'messages', 'missing_required_parameter'],
    ['messages not an array', { model: 'm', messages: 'hi' }, 'messages', 'invalid_type'],
    ['empty messages', { model: 'm', messages: [] }, 'messages', 'empty_array'],
    ['a message without a role', { model: 'm', messages: [{ content: 'x' }] }, 'messages[0].role', 'missing_required_parameter'],
  ])('rejects a body that is %s with an OpenAI-style 400', async (_, body, param, code) => {
    const res = (await getResponse(healthyHandlers(ctx()), post('https://x/v1/chat/completions', body)))!;
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error).toMatchObject({ type: 'invalid_request_error', param, code });
    expect(typeof json.error.message).toBe('string');
  });

  it('answers the last user message, including array content parts', async () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'old' }, { role: 'assistant', content: 'a' }, { role: 'user', content: [{ type: 'text', text: 'What is Java?' }] }] };
    const res = (await getResponse(healthyHandlers(ctx()), post('https://x/v1/chat/completions', body)))!;
    expect((await res.json()).choices[0].message.content).toBe(answerFor('What is Java?'));
  });
});
