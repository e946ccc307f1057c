import { describe, expect, it } from 'vitest';
import OpenAI, { AuthenticationError, BadRequestError, UnprocessableEntityError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { answerFor } from './answers';
import { ask, MOCK_BASE_URL, openAiSdkAs, rejectionOf, sdkFor } from './test-utils';
import { createUpstream } from './upstream';

/**
 * The OpenAI endpoint behaves like the real API where the official SDKs
 * notice: ids, the echoed model, tools, structured outputs, `n`, usage in
 * streams, embeddings, and the real 400s and 401s.
 */
const healthy = (idSeed?: number) => createUpstream({ scenario: { rules: [] }, clock: new VirtualClock(), random: seededRandom(1), ...(idSeed === undefined ? {} : { idSeed }) });

describe('ids and the model', () => {
  it('two upstreams (two sessions, two presets) hand out different ids', async () => {
    const [a, b] = await Promise.all([healthy(), healthy()].map((u) => sdkFor(u).chat.completions.create(ask('x')).withResponse()));
    expect(a!.data.id).not.toBe(b!.data.id);
    expect(a!.response.headers.get('x-request-id')).not.toBe(b!.response.headers.get('x-request-id'));
  });

  it('echoes the requested model', async () => {
    expect((await sdkFor(healthy()).chat.completions.create(ask('x', 'gpt-4o-mini'))).model).toBe('gpt-4o-mini');
  });
});

describe('tools', () => {
  const tools = [
    {
      type: 'function' as const,
      function: {
        name: 'get_weather',
        parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city', 'unit'], additionalProperties: false },
      },
    },
  ];

  it('calls the tool with arguments that match its schema, then answers once the result comes back', async () => {
    const client = sdkFor(healthy());
    const first = await client.chat.completions.create({ ...ask('北京天气？'), tools });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(first.choices[0]!.message.content).toBeNull();
    expect(call.id).toMatch(/^call_/);
    expect(call.type === 'function' && call.function.name).toBe('get_weather');
    const args = JSON.parse(call.type === 'function' ? call.function.arguments : '{}');
    expect(args).toEqual({ city: '北京天气？', unit: 'c' });
    const second = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      messages: [{ role: 'user', content: '北京天气？' }, first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '{"temp": 20}' }],
    });
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(second.choices[0]!.message.content).toBe(answerFor('北京天气？'));
  });

  it('tool_choice none answers in text; a named function is always called; streams carry the call in deltas', async () => {
    const client = sdkFor(healthy());
    expect((await client.chat.completions.create({ ...ask('hi'), tools, tool_choice: 'none' })).choices[0]!.message.content).toBe(answerFor('hi'));
    const forced = await client.chat.completions.create({ ...ask('hi'), tools, tool_choice: { type: 'function', function: { name: 'get_weather' } } });
    expect(forced.choices[0]!.message.tool_calls).toHaveLength(1);
    let args = '';
    let finish: string | null = null;
    for await (const chunk of await client.chat.completions.create({ ...ask('hi'), tools, stream: true })) {
      args += chunk.choices[0]?.delta?.tool_calls?.[0]?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(JSON.parse(args)).toEqual({ city: 'hi', unit: 'c' });
    expect(finish).toBe('tool_calls');
  });

  it.each([
    ['tool_choice without tools', { tool_choice: 'auto' }, 'tool_choice', /only allowed when 'tools' are specified/],
    ['an unknown tool_choice', { tools, tool_choice: 'always' }, 'tool_choice', /Supported values are: 'none', 'auto', and 'required'/],
    ['a tool_choice naming no tool', { tools, tool_choice: { type: 'function', function: { name: 'nope' } } }, 'tool_choice', /nope/],
    ['a tool of an unknown type', { tools: [{ type: 'magic' }] }, 'tools[0].type', /Supported values are/],
    ['a tool name with spaces', { tools: [{ type: 'function', function: { name: 'get weather' } }] }, 'tools[0].function.name', /does not match pattern/],
  ])('refuses %s with the real 400', async (_, extra, param, message) => {
    const err = (await rejectionOf(sdkFor(healthy()).chat.completions.create({ ...ask('hi'), ...extra } as never))) as BadRequestError;
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.param).toBe(param);
    expect(err.message).toMatch(message);
  });

  it('a tool message must answer a tool call', async () => {
    const err = (await rejectionOf(sdkFor(healthy()).chat.completions.create({ model: 'm', messages: [{ role: 'tool', tool_call_id: 'x', content: 'y' }] }))) as BadRequestError;
    expect(err.message).toContain("messages with role 'tool' must be a response to a preceeding message with 'tool_calls'");
  });
});

describe('structured outputs', () => {
  it('chat.completions.parse with a zod schema gets back JSON its own validator accepts', async () => {
    const Answer = z.object({ answer: z.string(), confidence: z.number().min(0).max(1), tags: z.array(z.string()), when: z.string().nullable() });
    const parsed = await sdkFor(healthy()).chat.completions.parse({ ...ask('什么是Python？'), response_format: zodResponseFormat(Answer, 'answer') });
    const value = parsed.choices[0]!.message.parsed!;
    expect(Answer.parse(value)).toEqual(value);
    expect(value.answer).toBe(answerFor('什么是Python？'));
  });

  it('json_object returns valid JSON, and needs the word "json" in the messages, as the API insists', async () => {
    const client = sdkFor(healthy());
    const ok = await client.chat.completions.create({ ...ask('Answer in JSON: 什么是Go？'), response_format: { type: 'json_object' } });
    expect(JSON.parse(ok.choices[0]!.message.content!)).toEqual({ answer: answerFor('Answer in JSON: 什么是Go？') });
    const err = (await rejectionOf(client.chat.completions.create({ ...ask('什么是Go？'), response_format: { type: 'json_object' } }))) as BadRequestError;
    expect(err.message).toContain("must contain the word 'json'");
  });

  it('refuses a json_schema without a name, and an unknown format type', async () => {
    const client = sdkFor(healthy());
    const noName = (await rejectionOf(client.chat.completions.create({ ...ask('x'), response_format: { type: 'json_schema', json_schema: {} } } as never))) as BadRequestError;
    expect(noName.param).toBe('response_format.json_schema.name');
    const xml = (await rejectionOf(client.chat.completions.create({ ...ask('x'), response_format: { type: 'xml' } } as never))) as BadRequestError;
    expect(xml.param).toBe('response_format.type');
  });
});

describe('n and usage', () => {
  it('n > 1 returns n choices, in streams too', async () => {
    const client = sdkFor(healthy());
    const res = await client.chat.completions.create({ ...ask('x'), n: 3 });
    expect(res.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    const texts = ['', '', ''];
    for await (const chunk of await client.chat.completions.create({ ...ask('x'), n: 3, stream: true })) {
      for (const c of chunk.choices) texts[c.index] += c.delta?.content ?? '';
    }
    expect(texts).toEqual([answerFor('x'), answerFor('x'), answerFor('x')]);
  });

  it('include_usage: "usage": null on every ordinary chunk, then one usage chunk', async () => {
    const res = await healthy().fetch(`${MOCK_BASE_URL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-x', 'content-type': 'application/json' },
      body: JSON.stringify({ ...ask('x'), stream: true, stream_options: { include_usage: true } }),
    });
    const chunks = (await res.text()).split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)));
    const last = chunks.pop();
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((c) => 'usage' in c && c.usage === null)).toBe(true);
    expect(last.choices).toEqual([]);
    expect(last.usage.total_tokens).toBeGreaterThan(0);
  });
});

describe('the real 400s and 401s', () => {
  it.each([
    ['an invalid role', { model: 'm', messages: [{ role: 'bogus', content: 'x' }] }, 'messages[0].role', 'invalid_value'],
    ['temperature above 2', { ...ask('x'), temperature: 3 }, 'temperature', 'decimal_above_max_value'],
    ['temperature below 0', { ...ask('x'), temperature: -1 }, 'temperature', 'decimal_below_min_value'],
    ['temperature as a string', { ...ask('x'), temperature: 'hot' }, 'temperature', 'invalid_type'],
    ['a non-boolean stream', { ...ask('x'), stream: 'yes' }, 'stream', 'invalid_type'],
    ['n of 0', { ...ask('x'), n: 0 }, 'n', 'integer_below_min_value'],
    ['a user message without content', { model: 'm', messages: [{ role: 'user' }] }, 'messages[0].content', 'missing_required_parameter'],
  ])('%s → BadRequestError naming %s', async (_, body, param, code) => {
    const err = (await rejectionOf(sdkFor(healthy()).chat.completions.create(body as never))) as BadRequestError;
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.param).toBe(param);
    expect(err.code).toBe(code);
  });

  it('says what was wrong in the API\'s own words', async () => {
    const err = (await rejectionOf(sdkFor(healthy()).chat.completions.create({ ...ask('x'), temperature: 3 }))) as BadRequestError;
    expect(err.message).toContain("Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.");
    const role = (await rejectionOf(sdkFor(healthy()).chat.completions.create({ model: 'm', messages: [{ role: 'bogus' as 'user', content: 'x' }] }))) as BadRequestError;
    expect(role.message).toContain("Invalid value: 'bogus'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.");
  });

  it('DeepSeek answers a bad parameter with 422, and a body it cannot parse with 400', async () => {
    const client = openAiSdkAs(healthy(), 'deepseek');
    const param = (await rejectionOf(client.chat.completions.create({ ...ask('x'), temperature: 3 }))) as UnprocessableEntityError;
    expect(param).toBeInstanceOf(UnprocessableEntityError);
    const res = await healthy().fetchFor('deepseek')('https://x/v1/chat/completions', { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{oops' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^Invalid Format/);
  });

  it('a request without an Authorization header is a 401, in every OpenAI-compatible dialect; the SDK always sends one', async () => {
    for (const provider of ['openai', 'deepseek', 'qwen'] as const) {
      const res = await healthy().fetchFor(provider)('https://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(ask('x')) });
      expect(res.status, provider).toBe(401);
      expect(res.headers.get('x-request-id'), provider).toBeTruthy();
    }
    // A proxy that drops the header: the SDK raises AuthenticationError, as against the real API.
    const upstream = healthy();
    const dropAuth: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('authorization');
      return upstream.fetch(input, { ...init, headers });
    };
    const client = new OpenAI({ apiKey: 'sk-x', baseURL: MOCK_BASE_URL, fetch: dropAuth, maxRetries: 0 });
    const err = (await rejectionOf(client.chat.completions.create(ask('x')))) as AuthenticationError;
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.message).toContain("You didn't provide an API key");
    expect(upstream.calls).toBe(1);
  });
});

describe('models and embeddings', () => {
  it('lists and retrieves models; an unknown one is a 404', async () => {
    const client = sdkFor(healthy());
    expect((await client.models.retrieve('gpt-3.5-turbo')).id).toBe('gpt-3.5-turbo');
    expect(await rejectionOf(client.models.retrieve('gpt-9'))).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('embeds deterministically as unit vectors, in the SDK\'s default base64 and in float', async () => {
    const client = sdkFor(healthy());
    const a = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['什么是Go？', 'other'] });
    const b = await client.embeddings.create({ model: 'text-embedding-3-small', input: '什么是Go？', encoding_format: 'float', dimensions: 8 });
    expect(a.data).toHaveLength(2);
    const v = a.data[0]!.embedding;
    expect(v).toHaveLength(1536);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(a.data[1]!.embedding).not.toEqual(v);
    expect(b.data[0]!.embedding).toHaveLength(8);
    expect(a.usage.total_tokens).toBeGreaterThan(0);
    const again = await client.embeddings.create({ model: 'text-embedding-3-small', input: '什么是Go？' });
    expect(again.data[0]!.embedding).toEqual(v);
  });

  it.each([
    ['an empty input', { model: 'e', input: '' }, 'input'],
    ['no model', { input: 'x' }, 'model'],
    ['an unknown encoding', { model: 'e', input: 'x', encoding_format: 'hex' }, 'encoding_format'],
    ['zero dimensions', { model: 'e', input: 'x', dimensions: 0 }, 'dimensions'],
  ])('refuses %s with a 400', async (_, body, param) => {
    const err = (await rejectionOf(sdkFor(healthy()).embeddings.create(body as never))) as BadRequestError;
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.param).toBe(param);
  });
});
