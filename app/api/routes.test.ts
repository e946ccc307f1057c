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

/** A tiny browser: opens its session with GET /api/session first and keeps the cookie, like the dashboard. */
function browser() {
  let cookie = '';
  const call = async (handler: (r: Request) => Promise<Response> | Response, path: string, init: RequestInit = {}): Promise<Response> => {
    if (!cookie && handler !== session.GET) await call(session.GET, '/api/session');
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
    expect((await b.call(session.GET, '/api/session')).headers.get('set-cookie')).toBeNull();
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

describe('pausing sandbox time', () => {
  it('PUT /api/session { paused } stops and restarts the clock; a non-boolean is a 400', async () => {
    const b = browser();
    const paused = (await (await b.send(session.PUT, '/api/session', 'PUT', { paused: true })).json()) as { paused: boolean; now: number };
    expect(paused.paused).toBe(true);
    const still = (await b.view()) as unknown as { paused: boolean; now: number };
    expect(still).toMatchObject({ paused: true, now: paused.now });
    expect(((await (await b.send(session.PUT, '/api/session', 'PUT', { paused: false })).json()) as { paused: boolean }).paused).toBe(false);
    expect((await b.send(session.PUT, '/api/session', 'PUT', { paused: 'yes' })).status).toBe(400);
  });
});

describe('sessions are created only by GET /api/session', () => {
  it.each([
    ['POST /api/chat', () => chat.POST(post('/api/chat', { message: 'hi' }))],
    ['PUT /api/session', () => session.PUT(post('/api/session', {}, 'PUT'))],
    ['POST /api/session/reset', () => reset.POST(post('/api/session/reset', {}))],
    ['POST /api/runs', () => runs.POST(post('/api/runs', { kind: 'stop' }))],
    ['GET /api/events', () => events.GET(new Request(`${BASE}/api/events`))],
  ])('%s without a cookie is a 401 that says what to do, and creates nothing', async (_name, send) => {
    const res = await send();
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/GET \/api\/session/);
  });
});

describe('in-flight work and a reset', () => {
  it('a reset during a request cancels it with a clear 409, and its late events never reach the new sandbox', async () => {
    const b = browser();
    await b.send(session.PUT, '/api/session', 'PUT', { presetId: 'timeout', policy: { retry: { attemptTimeoutMs: 120_000 } } });
    const controller = new AbortController();
    const stream = await b.call(events.GET, '/api/events', { signal: controller.signal });
    const pending = b.chat('什么是Go？');
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r)); // event-loop turns, no timer: the request reaches the hanging upstream
    const after = (await (await b.call(reset.POST, '/api/session/reset', { method: 'POST' })).json()) as { generation: number; stats: { total_requests: number } };
    const res = await pending;
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/reset/);
    expect(after.stats.total_requests).toBe(0);
    expect((await b.view()).stats.total_requests).toBe(0);
    controller.abort();
    const text = await new Response(stream.body).text().catch(() => '');
    expect(text).not.toContain('"type":"request"');
  });

  it('a steady run with a tiny rps is refused, not turned into a flood', async () => {
    const res = await browser().send(runs.POST, '/api/runs', 'POST', { kind: 'steady', rps: 1e-7 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/rps must be at least 0.1/);
  });
});

describe('the fault endpoint', () => {
  const params = (scenario: string) => ({ params: Promise.resolve({ scenario }) });
  const sdk = (scenario: string, apiKey: string) =>
    new OpenAI({
      baseURL: `${BASE}/api/sandbox/${scenario}/v1`,
      apiKey,
      maxRetries: 0,
      fetch: (input, init) => endpoint.POST(new Request(input, init), params(scenario)),
    });
  const ask = (client: OpenAI) =>
    client.chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'hi' }] }).then(
      () => 'ok',
      (e: { status?: number }) => String(e.status),
    );

  it('enforces its 1 MiB cap on a chunked body too, with a 413 OpenAI-style error', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 20) c.enqueue(chunk);
        else c.close();
      },
    });
    const request = new Request(`${BASE}/api/sandbox/healthy/v1/chat/completions`, { method: 'POST', body, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    const res = await endpoint.POST(request, params('healthy'));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string; type: string } }).error).toMatchObject({ code: 'request_too_large', type: 'invalid_request_error' });
    expect(sent).toBeLessThan(20); // it stopped reading once past the cap
  });

  it('keeps preset state per client key: a late student still sees transient-blip fail twice', async () => {
    const early = sdk('transient-blip', 'sk-early-student');
    expect([await ask(early), await ask(early), await ask(early)]).toEqual(['503', '503', 'ok']);
    const late = sdk('transient-blip', 'sk-late-student');
    expect([await ask(late), await ask(late), await ask(late)]).toEqual(['503', '503', 'ok']);
    expect(await ask(early)).toBe('ok');
  });
});

function post(path: string, body: unknown, method = 'POST') {
  return new Request(BASE + path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

describe('GET /api/scenarios', () => {
  it('lists presets with Chinese and English descriptions', async () => {
    const body = (await scenarios.GET().json()) as { presets: { id: string; description: { zh: string; en: string } }[] };
    const ids = body.presets.map((p) => p.id);
    for (const id of ['healthy', 'rate-limited', 'outage-then-recovery', 'stream-cut']) expect(ids).toContain(id);
    expect(body.presets.every((p) => p.description.zh && p.description.en)).toBe(true);
  });
});
