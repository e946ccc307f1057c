import { describe, expect, it } from 'vitest';
import OpenAI, { BadRequestError, InternalServerError, RateLimitError } from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { z } from 'zod';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import type { FaultId } from '@/lib/scenario/fault-ids';
import { answerFor } from './answers';
import { MOCK_BASE_URL, openAiSdkAs, rejectionOf, sdkFor } from './test-utils';
import { createUpstream } from './upstream';

/**
 * The Responses API through the real SDK's `client.responses.create`, with
 * and without `stream: true`: typed events with sequence numbers, no `[DONE]`,
 * and each way a stream can end.
 */
const Q = '什么是Python？';
const FULL = answerFor(Q);
const upstream = (fault: FaultId | null = null) =>
  createUpstream({ scenario: { rules: fault ? [{ fault, mode: { kind: 'always' } }] : [] }, clock: new VirtualClock(), random: seededRandom(1) });

/** Consume a stream with the SDK, keeping every event and whatever it threw. */
async function events(client: OpenAI) {
  const seen: ResponseStreamEvent[] = [];
  let error: unknown = null;
  try {
    for await (const event of await client.responses.create({ model: 'gpt-4o-mini', input: Q, stream: true })) seen.push(event);
  } catch (err) {
    error = err;
  }
  const text = seen.map((e) => (e.type === 'response.output_text.delta' ? e.delta : '')).join('');
  return { seen, types: seen.map((e) => e.type), text, error, last: seen.at(-1) };
}

describe('responses.create without streaming', () => {
  it('answers with a completed response; the SDK fills output_text', async () => {
    const res = await sdkFor(upstream()).responses.create({ model: 'gpt-4o-mini', input: Q, instructions: 'be brief' });
    expect(res).toMatchObject({ object: 'response', status: 'completed', model: 'gpt-4o-mini', error: null, incomplete_details: null, instructions: 'be brief' });
    expect(res.id).toMatch(/^resp_/);
    expect(res.output_text).toBe(FULL);
    expect(res.usage!.total_tokens).toBe(res.usage!.input_tokens + res.usage!.output_tokens);
  });

  it('takes a list of input items, answering the last user message', async () => {
    const res = await sdkFor(upstream()).responses.create({
      model: 'gpt-4o-mini',
      input: [{ role: 'user', content: 'old' }, { role: 'assistant', content: 'a' }, { role: 'user', content: [{ type: 'input_text', text: '什么是Go？' }] }],
    });
    expect(res.output_text).toBe(answerFor('什么是Go？'));
  });

  it('responses.parse with a zod text format, and tool calls as function_call items', async () => {
    const client = sdkFor(upstream());
    const Answer = z.object({ answer: z.string(), score: z.number() });
    const parsed = await client.responses.parse({ model: 'gpt-4o-mini', input: Q, text: { format: zodTextFormat(Answer, 'answer') } });
    expect(Answer.parse(parsed.output_parsed)).toEqual({ answer: FULL, score: 0.5 });
    const tooled = await client.responses.create({
      model: 'gpt-4o-mini',
      input: Q,
      tools: [{ type: 'function', name: 'lookup', strict: true, parameters: { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'], additionalProperties: false } }],
    });
    const item = tooled.output[0]!;
    expect(item.type === 'function_call' && [item.name, JSON.parse(item.arguments)]).toEqual(['lookup', { topic: Q }]);
  });

  it.each([
    ['no input', { model: 'm' }, 'input'],
    ['max_output_tokens below 16', { model: 'm', input: 'x', max_output_tokens: 5 }, 'max_output_tokens'],
    ['a bad role', { model: 'm', input: [{ role: 'robot', content: 'x' }] }, 'input[0].role'],
    ['a non-boolean stream', { model: 'm', input: 'x', stream: 1 }, 'stream'],
  ])('refuses %s with a 400', async (_, body, param) => {
    const err = (await rejectionOf(sdkFor(upstream()).responses.create(body as never))) as BadRequestError;
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.param).toBe(param);
  });

  it('HTTP faults arrive as usual: 500, 429 and the rest', async () => {
    expect(await rejectionOf(sdkFor(upstream('server-500')).responses.create({ model: 'm', input: 'x' }))).toBeInstanceOf(InternalServerError);
    expect(await rejectionOf(sdkFor(upstream('stream-failed-rate-limit')).responses.create({ model: 'm', input: 'x' }))).toBeInstanceOf(RateLimitError);
  });

  it('stream-incomplete cuts a non-stream response too: status incomplete, reason max_output_tokens', async () => {
    const res = await sdkFor(upstream('stream-incomplete')).responses.create({ model: 'm', input: Q });
    expect(res.status).toBe('incomplete');
    expect(res.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(FULL.startsWith(res.output_text)).toBe(true);
    expect(res.output_text.length).toBeLessThan(FULL.length);
  });
});

describe('responses.create with stream: true', () => {
  it('a healthy stream is typed events numbered from 0, ending in response.completed, with no [DONE]', async () => {
    const { seen, types, text, error } = await events(sdkFor(upstream()));
    expect(error).toBeNull();
    expect(types.slice(0, 4)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
    expect(types.slice(-4)).toEqual(['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);
    expect(seen.map((e) => e.sequence_number)).toEqual(seen.map((_, i) => i));
    expect(text).toBe(FULL);
    const completed = seen.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
    expect(completed.response.status).toBe('completed');
    const raw = await upstream().fetch(`${MOCK_BASE_URL}/responses`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify({ model: 'm', input: Q, stream: true }) });
    const body = await raw.text();
    expect(body).not.toContain('[DONE]');
    expect(body).toMatch(/^event: response\.created\ndata: \{/);
  });

  it('stream-failed: response.failed with error.code server_error, which the SDK yields rather than throws', async () => {
    const { last, error, text } = await events(sdkFor(upstream('stream-failed')));
    expect(error).toBeNull();
    expect(last?.type).toBe('response.failed');
    const failed = last as Extract<ResponseStreamEvent, { type: 'response.failed' }>;
    expect(failed.response.status).toBe('failed');
    expect(failed.response.error?.code).toBe('server_error');
    expect(text.length).toBeGreaterThan(0);
  });

  it('stream-failed-rate-limit: response.failed with error.code rate_limit_exceeded', async () => {
    const { last } = await events(sdkFor(upstream('stream-failed-rate-limit')));
    expect(last?.type === 'response.failed' && last.response.error?.code).toBe('rate_limit_exceeded');
  });

  it('stream-error-event: a top-level error event with its code, yielded too', async () => {
    const { last, error } = await events(sdkFor(upstream('stream-error-event')));
    expect(error).toBeNull();
    expect(last).toMatchObject({ type: 'error', code: 'server_error', param: null });
  });

  it('stream-incomplete: response.incomplete with the reason', async () => {
    const { last, text } = await events(sdkFor(upstream('stream-incomplete')));
    expect(last?.type === 'response.incomplete' && last.response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(text.length).toBeLessThan(FULL.length);
  });

  it('stream-no-done: the stream just stops, with no terminal event at all', async () => {
    const { last, error } = await events(sdkFor(upstream('stream-no-done')));
    expect(error).toBeNull();
    expect(last?.type).toBe('response.output_text.delta');
  });

  it('stream-cut: the SDK throws a raw TypeError: terminated after partial text', async () => {
    const { error, text } = await events(sdkFor(upstream('stream-cut')));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('terminated');
    expect(text.length).toBeGreaterThan(0);
  });

  it.each(['deepseek', 'qwen'] as const)('%s serves the Responses API too, in its own error dialect', async (provider) => {
    const { text } = await events(openAiSdkAs(upstream(), provider));
    expect(text).toBe(FULL);
    const err = (await rejectionOf(openAiSdkAs(upstream('quota'), provider).responses.create({ model: 'm', input: 'x' }))) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(provider === 'deepseek' ? 402 : 400);
  });
});
