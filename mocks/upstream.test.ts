import { describe, expect, it } from 'vitest';
import OpenAI, { APIConnectionError, InternalServerError, RateLimitError } from 'openai';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { answerFor, localAnswerFor } from './answers';
import { getPreset } from '@/lib/scenario/presets';
import type { LayerScenario } from '@/lib/scenario/scenario';
import { ask, rejectionOf, sdkFor, untilPending } from './test-utils';
import { createUpstream, handleUpstreamRequest, type UpstreamCall } from './upstream';

const make = (scenario: LayerScenario, clock = new VirtualClock(), seed = 1) =>
  createUpstream({ scenario, clock, random: seededRandom(seed) });

/** 'ok' or the HTTP status / error class name of one SDK call. */
async function outcome(client: OpenAI, question = 'hi'): Promise<string> {
  try {
    await client.chat.completions.create(ask(question));
    return 'ok';
  } catch (err) {
    return err instanceof OpenAI.APIError && err.status ? String(err.status) : (err as Error).constructor.name;
  }
}

describe('createUpstream', () => {
  it('answers deterministically and counts every call', async () => {
    const upstream = make({ rules: [] });
    const client = sdkFor(upstream);
    const a = await client.chat.completions.create(ask('什么是Python？'));
    const b = await client.chat.completions.create(ask('什么是Python？'));
    expect(a.choices[0]!.message.content).toBe(answerFor('什么是Python？'));
    expect(b.choices[0]!.message.content).toBe(a.choices[0]!.message.content);
    expect(a.id).not.toBe(b.id);
    expect(upstream.calls).toBe(2);
  });

  it('gives the same ids from the same idSeed', async () => {
    const ids = async () => {
      const u = createUpstream({ scenario: { rules: [] }, clock: new VirtualClock(), random: seededRandom(1), idSeed: 9 });
      const { data, response } = await sdkFor(u).chat.completions.create(ask('x')).withResponse();
      return [data.id, response.headers.get('x-request-id')];
    };
    expect(await ids()).toEqual(await ids());
  });

  it('serves a custom answer and model (the local model layer)', async () => {
    const u = createUpstream({ scenario: { rules: [] }, clock: new VirtualClock(), random: seededRandom(1), answer: localAnswerFor, model: 'qwen2.5-7b-instruct' });
    const res = await sdkFor(u).chat.completions.create(ask('什么是Go？', 'qwen2.5-7b-instruct'));
    expect(res.model).toBe('qwen2.5-7b-instruct');
    expect((await sdkFor(u).models.list()).data.map((m) => m.id)).toContain('qwen2.5-7b-instruct');
    expect(res.choices[0]!.message.content).toBe(localAnswerFor('什么是Go？'));
  });

  it('reports each call with its sandbox time, fault, method and path', async () => {
    const clock = new VirtualClock();
    const upstream = make({ rules: [{ fault: 'server-500', mode: { kind: 'first-n', n: 1 } }] }, clock);
    const seen: UpstreamCall[] = [];
    const sub = upstream.onCall((c) => seen.push(c));
    const client = sdkFor(upstream);
    await rejectionOf(client.chat.completions.create(ask('x')));
    await clock.advance(1500);
    await client.models.list();
    sub.dispose();
    await client.models.list();
    expect(seen).toEqual([
      { at: 0, fault: 'server-500', method: 'POST', path: '/v1/chat/completions' },
      { at: 1500, fault: null, method: 'GET', path: '/v1/models' },
    ]);
    expect(upstream.calls).toBe(3);
  });

  it('first-n fails the first n calls, then is healthy; setScenario restarts the count', async () => {
    const blip: LayerScenario = { rules: [{ fault: 'unavailable-503', mode: { kind: 'first-n', n: 2 } }] };
    const upstream = make(blip);
    const client = sdkFor(upstream);
    expect([await outcome(client), await outcome(client), await outcome(client)]).toEqual(['503', '503', 'ok']);
    upstream.setScenario(blip);
    expect(await outcome(client)).toBe('503');
    upstream.setScenario({ rules: [] });
    expect(await outcome(client)).toBe('ok');
    expect(upstream.scenario).toEqual({ rules: [] });
  });

  it('rejects an invalid scenario', () => {
    const upstream = make({ rules: [] });
    expect(() => upstream.setScenario({ rules: [{ fault: 'nope' as never, mode: { kind: 'always' } }] })).toThrow();
  });

  it('probability faults replay identically from the same seed', async () => {
    const flaky = getPreset('flaky')!.scenario.primary;
    const run = async (seed: number) => {
      const client = sdkFor(make(flaky, new VirtualClock(), seed));
      const out: string[] = [];
      for (let i = 0; i < 40; i++) out.push(await outcome(client));
      return out;
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', '500', '503']));
    expect(await run(6)).not.toEqual(first);
  });

  it('timeline: healthy at 5 s, 503 at 15 s, healthy again at 45 s (outage-then-recovery)', async () => {
    const clock = new VirtualClock();
    const client = sdkFor(make(getPreset('outage-then-recovery')!.scenario.primary, clock));
    const at = async (t: number) => {
      await clock.set(t);
      return outcome(client);
    };
    expect([await at(5_000), await at(15_000), await at(39_999), await at(40_000), await at(45_000)]).toEqual(['ok', '503', '503', 'ok', 'ok']);
  });

  it('slow waits on the injected clock, then answers', async () => {
    const clock = new VirtualClock();
    const upstream = make({ rules: [{ fault: 'slow', mode: { kind: 'always' }, latencyMs: 3000 }] }, clock);
    let settled = false;
    const p = sdkFor(upstream).chat.completions.create(ask('什么是Java？')).finally(() => (settled = true));
    await untilPending(clock);
    expect(clock.nextDue).toBe(3000);
    await clock.advance(2999);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect((await p).choices[0]!.message.content).toBe(answerFor('什么是Java？'));
  });

  it('slow defaults to 3000 ms and aborts cleanly, leaving no timer behind', async () => {
    const clock = new VirtualClock();
    const upstream = make({ rules: [{ fault: 'slow', mode: { kind: 'always' } }] }, clock);
    const controller = new AbortController();
    const p = sdkFor(upstream).chat.completions.create(ask('x'), { signal: controller.signal });
    await untilPending(clock);
    expect(clock.nextDue).toBe(3000);
    controller.abort();
    expect(await rejectionOf(p)).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(clock.pending).toBe(0);
  });

  it('a path with no handler is a network error (TypeError), which the SDK reports as a connection error', async () => {
    const upstream = make({ rules: [] });
    const auth = { authorization: 'Bearer sk-sandbox' };
    await expect(upstream.fetch('https://mock.openai.local/v1/audio/speech', { method: 'POST', body: '{}', headers: auth })).rejects.toThrow(TypeError);
    expect(await rejectionOf(sdkFor(upstream).audio.speech.create({ model: 'tts-1', input: 'x', voice: 'alloy' }))).toBeInstanceOf(APIConnectionError);
  });

  it('rejects at once with an AbortError when the signal is already aborted, without counting a call', async () => {
    const upstream = make({ rules: [] });
    await expect(upstream.fetch('https://m/v1/models', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(upstream.calls).toBe(0);
  });

  it('keeps the rate-limit headers for a 429', async () => {
    const e = (await rejectionOf(sdkFor(make({ rules: [{ fault: 'rate-limit', mode: { kind: 'always' } }] })).chat.completions.create(ask('x')))) as RateLimitError;
    expect(e.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(e.headers?.get('retry-after')).toBe('2');
  });
});

describe('handleUpstreamRequest', () => {
  const post = (path: string, body: unknown, signal?: AbortSignal) =>
    new Request(`http://localhost:3000/api/sandbox/s1${path}`, { method: 'POST', body: JSON.stringify(body), signal, headers: { authorization: 'Bearer sk-test' } });

  it('answers a healthy request from the Next route', async () => {
    const res = await handleUpstreamRequest(post('/v1/chat/completions', ask('什么是Go？')), make({ rules: [] }));
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.content).toBe(answerFor('什么是Go？'));
  });

  it('passes HTTP faults through with their status and body', async () => {
    const res = await handleUpstreamRequest(post('/v1/chat/completions', ask('x')), make({ rules: [{ fault: 'quota', mode: { kind: 'always' } }] }));
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe('insufficient_quota');
  });

  it('turns a connection reset into a body that errors on the first read', async () => {
    const res = await handleUpstreamRequest(post('/v1/chat/completions', ask('x')), make({ rules: [{ fault: 'connection-reset', mode: { kind: 'always' } }] }));
    await expect(res.text()).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
  });

  it('keeps a cut stream cut: the first chunks, then an error', async () => {
    const res = await handleUpstreamRequest(post('/v1/chat/completions', { ...ask('x'), stream: true }), make({ rules: [{ fault: 'stream-cut', mode: { kind: 'always' } }] }));
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^data: \{/);
    await expect((async () => { for (;;) if ((await reader.read()).done) return; })()).rejects.toThrow('terminated');
  });

  it('ends a hanging request as a reset once the client goes away', async () => {
    const controller = new AbortController();
    const upstream = make({ rules: [{ fault: 'timeout', mode: { kind: 'always' } }] });
    const arrived = new Promise<void>((resolve) => upstream.onCall(() => resolve()));
    const pending = handleUpstreamRequest(post('/v1/chat/completions', ask('x'), controller.signal), upstream);
    await arrived;
    controller.abort();
    await expect((await pending).text()).rejects.toThrow('fetch failed');
  });

  it('answers an unknown path with the API’s 404', async () => {
    const res = await handleUpstreamRequest(post('/v1/nope', {}), make({ rules: [] }));
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ message: 'Invalid URL (POST /api/sandbox/s1/v1/nope)', type: 'invalid_request_error' });
  });

  it('is usable with InternalServerError classification by a client reading the route', async () => {
    const res = await handleUpstreamRequest(post('/v1/chat/completions', ask('x')), make({ rules: [{ fault: 'unavailable-503', mode: { kind: 'always' } }] }));
    const client = new OpenAI({ apiKey: 'x', baseURL: 'https://r/v1', maxRetries: 0, fetch: async () => res });
    expect(await rejectionOf(client.chat.completions.create(ask('x')))).toBeInstanceOf(InternalServerError);
  });
});
