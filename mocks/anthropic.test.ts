import { describe, expect, it } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import type { FaultId } from '@/lib/scenario/fault-ids';
import { answerFor } from './answers';
import { anthropicSdkFor, askClaude, rejectionOf } from './test-utils';
import { createUpstream } from './upstream';

/**
 * Anthropic's Messages API through the official `@anthropic-ai/sdk`: its
 * shapes, its error classes (529 OverloadedError, 402 PaymentRequiredError)
 * and its `event: error` after a 200.
 */
const Q = '什么是Go？';
const FULL = answerFor(Q);
const upstream = (fault: FaultId | null = null) =>
  createUpstream({ scenario: { rules: fault ? [{ fault, mode: { kind: 'always' } }] : [] }, clock: new VirtualClock(), random: seededRandom(1) });

async function streamed(fault: FaultId | null) {
  let text = '';
  let stop: string | null = null;
  const types: string[] = [];
  let error: unknown = null;
  try {
    for await (const event of await anthropicSdkFor(upstream(fault)).messages.create({ ...askClaude(Q), stream: true })) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') stop = event.delta.stop_reason;
    }
  } catch (err) {
    error = err;
  }
  return { text, stop, types, error };
}

describe('messages.create', () => {
  it('answers with a message of text blocks, the request id in its header', async () => {
    const { data, response } = await anthropicSdkFor(upstream()).messages.create(askClaude(Q)).withResponse();
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', stop_reason: 'end_turn', content: [{ type: 'text', text: FULL }] });
    expect(data.id).toMatch(/^msg_01/);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get('request-id')).toMatch(/^req_011C/);
    expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('500');
  });

  it('streams message_start … message_stop, and the SDK\'s stream helper assembles the same message', async () => {
    const { text, stop, types, error } = await streamed(null);
    expect(error).toBeNull();
    expect(types.slice(0, 2)).toEqual(['message_start', 'content_block_start']);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect([text, stop]).toEqual([FULL, 'end_turn']);
    const final = await anthropicSdkFor(upstream()).messages.stream(askClaude(Q)).finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: FULL }]);
  });

  it('calls a tool with input that matches its input_schema', async () => {
    const res = await anthropicSdkFor(upstream()).messages.create({
      ...askClaude(Q),
      tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] } }],
      tool_choice: { type: 'any' },
    });
    expect(res.stop_reason).toBe('tool_use');
    expect(res.content[0]).toMatchObject({ type: 'tool_use', name: 'lookup', input: { topic: Q } });
  });

  it('lists models', async () => {
    const page = await anthropicSdkFor(upstream()).models.list();
    expect(page.data.map((m) => m.id)).toContain('claude-sonnet-4-5');
  });
});

describe('Anthropic errors through its SDK', () => {
  it.each([
    ['unavailable-503', Anthropic.OverloadedError, 529, 'overloaded_error'],
    ['overloaded-503', Anthropic.OverloadedError, 529, 'overloaded_error'],
    ['quota', Anthropic.PaymentRequiredError, 402, 'billing_error'],
    ['rate-limit', Anthropic.RateLimitError, 429, 'rate_limit_error'],
    ['auth-401', Anthropic.AuthenticationError, 401, 'authentication_error'],
    ['server-500', Anthropic.InternalServerError, 500, 'api_error'],
    ['context-length-400', Anthropic.BadRequestError, 400, 'invalid_request_error'],
  ] as const)('%s → %s %i %s, with request_id in the body and the header', async (fault, Cls, status, type) => {
    const err = (await rejectionOf(anthropicSdkFor(upstream(fault)).messages.create(askClaude('x')))) as InstanceType<typeof Anthropic.APIError>;
    expect(err).toBeInstanceOf(Cls);
    expect(err.status).toBe(status);
    expect(err.type).toBe(type);
    const body = err.error as { type: string; request_id: string };
    expect(body.type).toBe('error');
    expect(body.request_id).toBe(err.requestID);
  });

  it('stream-error-event: event: error after the 200, which the SDK throws as an APIError without status', async () => {
    const { text, error } = await streamed('stream-error-event');
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBeUndefined();
    expect((error as InstanceType<typeof Anthropic.APIError>).type).toBe('overloaded_error');
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(FULL.length);
  });

  it('stream-incomplete: stop_reason max_tokens; stream-no-done: no message_stop', async () => {
    const incomplete = await streamed('stream-incomplete');
    expect(incomplete.stop).toBe('max_tokens');
    const noEnd = await streamed('stream-no-done');
    expect(noEnd.types).not.toContain('message_stop');
    expect(noEnd.error).toBeNull();
  });

  it('stream-cut: the connection dies after partial text', async () => {
    const { text, error } = await streamed('stream-cut');
    expect(error).toBeInstanceOf(Error);
    expect(text.length).toBeGreaterThan(0);
  });

  it.each([
    ['no max_tokens', { model: 'm', messages: [{ role: 'user', content: 'x' }] }, 'max_tokens: Field required'],
    ['no messages', { model: 'm', max_tokens: 10 }, 'messages: Field required'],
    ['a bad role', { model: 'm', max_tokens: 10, messages: [{ role: 'system', content: 'x' }] }, "messages.0.role: Input should be 'user' or 'assistant'"],
    ['a temperature above 1', { model: 'm', max_tokens: 10, temperature: 1.5, messages: [{ role: 'user', content: 'x' }] }, 'temperature: Input should be less than or equal to 1'],
  ])('refuses %s with a 400 invalid_request_error in Anthropic\'s shape', async (_, body, message) => {
    const err = (await rejectionOf(anthropicSdkFor(upstream()).messages.create(body as never))) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.type).toBe('invalid_request_error');
    expect(err.message).toContain(message);
  });

  it('wants x-api-key and anthropic-version, as the real API does', async () => {
    const u = upstream();
    const send = (headers: Record<string, string>) => u.fetchFor('anthropic')('https://x/v1/messages', { method: 'POST', headers, body: JSON.stringify(askClaude('x')) });
    const noKey = await send({ 'anthropic-version': '2023-06-01' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
    const noVersion = await send({ 'x-api-key': 'k' });
    expect(noVersion.status).toBe(400);
    expect((await send({ 'x-api-key': 'k', 'anthropic-version': '2023-06-01' })).status).toBe(200);
  });
});
