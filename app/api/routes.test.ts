import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import * as chat from './chat/route';
import * as endpoint from './sandbox/[scenario]/v1/[...path]/route';
import * as events from './events/route';
import * as runs from './runs/route';
import * as scenarios from './scenarios/route';
import * as session from './session/route';
import * as reset from './session/reset/route';

const BASE = 'http://sandbox.test';

/** A tiny browser: keeps the session cookie between calls, like a real one. */
function browser() {
  let cookie = '';
  const call = async (handler: (r: Request) => Promise<Response> | Response, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await handler(new Request(BASE + path, { ...init, headers }));
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
  const send = (handler: (r: Request) => Promise<Response>, path: string, method: string, body: unknown) =>
    call(handler, path, { method, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return {
    call,
    send,
    view: async () => (await (await call(session.GET, '/api/session')).json()) as { id: string; presetId: string; stats: { total_requests: number }; breaker: { kind: string } },
    chat: async (message: string) => send(chat.POST, '/api/chat', 'POST', { message }),
  };
}

const fastPolicy = { retry: { maxRetries: 0 }, breaker: { failureThreshold: 2 } };

const hostile: [string, unknown][] = [
  ['malformed JSON', '{"message": '],
  ['an empty body', ''],
  ['a JSON array', '[1,2,3]'],
  ['null', 'null'],
  ['wrong types', { message: 42 }],
  ['a prototype key', '{"__proto__": {"polluted": true}, "message": "hi"}'],
  ['a constructor key', { constructor: { prototype: { polluted: true } } }],
  ['unknown keys', { message: 'hi', admin: true }],
  ['a huge string', { message: 'x'.repeat(100_000) }],
];

describe('routes reject hostile input with a 400 that names the problem', () => {
  const targets = [
    ['POST /api/chat', chat.POST, '/api/chat', 'POST'],
    ['PUT /api/session', session.PUT, '/api/session', 'PUT'],
    ['POST /api/runs', runs.POST, '/api/runs', 'POST'],
  ] as const;

  for (const [name, handler, path, method] of targets) {
    it.each(hostile)(`${name}: %s`, async (_label, body) => {
      const b = browser();
      const res = await b.send(handler, path, method, body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: { message: string } };
      expect(json.error.message.length).toBeGreaterThan(5);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // …and the server keeps serving this browser.
      expect((await b.chat('什么是Go？')).status).toBe(200);
    });
  }

  it.each([
    ['an unknown preset', { presetId: 'nope' }, /preset/],
    ['a speed that is not offered', { speed: 7 }, /speed/],
    ['a negative retry count', { policy: { retry: { maxRetries: -1 } } }, /maxRetries/],
    ['an unknown strategy', { policy: { retry: { strategy: 'yolo' } } }, /strategy/],
    ['a probability above 1', { scenario: { primary: { rules: [{ fault: 'server-500', mode: { kind: 'probability', p: 2 } }] } } }, /p/],
    ['an unknown fault', { scenario: { primary: { rules: [{ fault: 'meteor', mode: { kind: 'always' } }] } } }, /fault/],
    ['real mode without a key', { mode: 'real' }, /OPENAI_API_KEY/],
  ])('PUT /api/session: %s', async (_label, body, message) => {
    const b = browser();
    const before = await b.view();
    const res = await b.send(session.PUT, '/api/session', 'PUT', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    // No state was changed by the rejected update.
    expect((await b.view()).presetId).toBe(before.presetId);
  });

  it('POST /api/runs: a burst larger than the limit', async () => {
    const res = await browser().send(runs.POST, '/api/runs', 'POST', { kind: 'burst', count: 1e9 });
    expect(res.status).toBe(400);
  });
});

describe('sessions', () => {
  it('are isolated: two browsers with different scenarios never see each other’s faults, breaker or stats', async () => {
    const a = browser();
    const b = browser();
    await a.send(session.PUT, '/api/session', 'PUT', { presetId: 'server-error', policy: fastPolicy });
    await b.send(session.PUT, '/api/session', 'PUT', { presetId: 'healthy', policy: fastPolicy });
    const answers = await Promise.all([a.chat('q1'), b.chat('q1'), a.chat('q2'), b.chat('q2'), a.chat('q3')]);
    const sources = await Promise.all(answers.map(async (r) => ((await r.json()) as { source: string }).source));
    expect(sources).toEqual(['local', 'api', 'local', 'api', 'local']);
    const [va, vb] = [await a.view(), await b.view()];
    expect(va.id).not.toBe(vb.id);
    expect(va.breaker.kind).toBe('open');
    expect(vb.breaker.kind).toBe('closed');
    expect(va.stats.total_requests).toBe(3);
    expect(vb.stats.total_requests).toBe(2);
  });

  it('sets an httpOnly cookie and resets to a clean state', async () => {
    const b = browser();
    const res = await b.call(session.GET, '/api/session');
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    await b.chat('什么是Python？');
    const after = (await (await b.call(reset.POST, '/api/session/reset', { method: 'POST' })).json()) as { stats: { total_requests: number } };
    expect(after.stats.total_requests).toBe(0);
  });

  it('streams its events: the session first, then each finished request', async () => {
    const b = browser();
    await b.view();
    const controller = new AbortController();
    const res = await b.call(events.GET, '/api/events', { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const read = async () => decoder.decode((await reader.read()).value);
    expect(await read()).toMatch(/^data: \{"type":"session"/);
    await b.chat('什么是Go？');
    let text = '';
    while (!text.includes('"type":"request"')) text += await read();
    expect(text).toContain('什么是Go？');
    controller.abort();
  });

  it('runs a burst and reports it done on the run stream', async () => {
    const b = browser();
    const res = await b.call(runs.POST, '/api/runs', {
      method: 'POST',
      body: JSON.stringify({ kind: 'burst', count: 5 }),
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
    });
    const text = await res.text();
    const runEvents = text.split('\n\n').filter((l) => l.includes('"type":"run"'));
    expect(runEvents.at(-1)).toContain('"state":"done"');
    expect(text.split('"type":"request"').length - 1).toBe(5);
  });
});

describe('the session endpoint /api/sandbox/{session id}/v1', () => {
  it("gives a student's own SDK client exactly the faults toggled in that browser", async () => {
    const b = browser();
    const { id } = await b.view();
    const client = (scenario: string) =>
      new OpenAI({
        baseURL: `${BASE}/api/sandbox/${scenario}/v1`,
        apiKey: 'sk-sandbox',
        maxRetries: 0,
        fetch: (input, init) => endpoint.POST(new Request(input, init), { params: Promise.resolve({ scenario }) }),
      });
    const ask = () => client(id).chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: '什么是Go？' }] });

    expect((await ask()).choices[0]?.message.content).toContain('Go');
    await b.send(session.PUT, '/api/session', 'PUT', { presetId: 'rate-limited' });
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('2');
    // Another browser's session is untouched.
    const other = browser();
    const otherId = (await other.view()).id;
    expect((await client(otherId).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).object).toBe('chat.completion');
  });
});

describe('GET /api/scenarios', () => {
  it('lists presets with Chinese and English descriptions', async () => {
    const body = (await scenarios.GET().json()) as { presets: { id: string; description: { zh: string; en: string } }[] };
    const ids = body.presets.map((p) => p.id);
    for (const id of ['healthy', 'rate-limited', 'outage-then-recovery', 'stream-cut']) expect(ids).toContain(id);
    expect(body.presets.every((p) => p.description.zh && p.description.en)).toBe(true);
  });
});
