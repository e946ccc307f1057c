import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { classifyError } from '@/lib/resilience/classify';
import * as root from './sandbox/route';
import * as anthropicRoute from './sandbox/[scenario]/anthropic/[...path]/route';
import * as catchAll from './sandbox/[scenario]/[[...rest]]/route';
import * as deepseekRoute from './sandbox/[scenario]/deepseek/v1/[...path]/route';
import * as localRoute from './sandbox/[scenario]/local/v1/[...path]/route';
import * as qwenRoute from './sandbox/[scenario]/qwen/v1/[...path]/route';
import * as openaiRoute from './sandbox/[scenario]/v1/[...path]/route';
import * as ratelimit from './sandbox/[scenario]/ratelimit/route';
import * as session from './session/route';

/**
 * Everything under /api/sandbox/ answers in an API's own shape: wrong
 * methods, unknown paths, odd ids and hostile bodies included, on every route.
 */
const BASE = 'http://sandbox.test';
type Handler = (r: Request, c: { params: Promise<{ scenario: string }> }) => Promise<Response>;
const ROUTES = { openai: openaiRoute, deepseek: deepseekRoute, qwen: qwenRoute, anthropic: anthropicRoute, local: localRoute } as unknown as Record<string, Record<string, Handler>>;
const PREFIX: Record<string, string> = { openai: '/v1', deepseek: '/deepseek/v1', qwen: '/qwen/v1', anthropic: '/anthropic', local: '/local/v1' };
const AUTH = { authorization: 'Bearer sk-routes', 'x-api-key': 'sk-routes', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };

function send(route: string, scenario: string, path: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`${BASE}/api/sandbox/${scenario}${PREFIX[route]}${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
  return ROUTES[route]![request.method]!(request, { params: Promise.resolve({ scenario }) });
}

/** The error object of a body in any dialect, and the request id the response names. */
async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { message: string; type: string; code?: string | null }; type?: string; request_id?: string };
  return { body, error: body.error, requestId: res.headers.get('x-request-id') ?? res.headers.get('request-id') };
}

describe('wrong methods get a 405 in the dialect\'s shape', () => {
  it.each([
    ['openai', 'PUT', '/chat/completions', 'POST'],
    ['openai', 'GET', '/chat/completions', 'POST'],
    ['openai', 'DELETE', '/models', 'GET'],
    ['deepseek', 'PATCH', '/chat/completions', 'POST'],
    ['qwen', 'GET', '/responses', 'POST'],
    ['anthropic', 'PUT', '/v1/messages', 'POST'],
    ['local', 'DELETE', '/embeddings', 'POST'],
  ])('%s %s %s', async (route, method, path, allow) => {
    const res = await send(route, 'healthy', path, { method, ...(method === 'GET' ? {} : { body: '{}' }) });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    const { body, error, requestId } = await errorOf(res);
    expect(error.message).toContain(method);
    expect(requestId).toBeTruthy();
    if (route === 'anthropic') expect(body.type).toBe('error');
  });
});

describe('paths that are no endpoint get the API\'s 404, never Next\'s HTML', () => {
  it('an unknown path inside a dialect', async () => {
    const res = await send('openai', 'healthy', '/nope', { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    const { error, requestId } = await errorOf(res);
    expect(error.message).toBe('Invalid URL (POST /api/sandbox/healthy/v1/nope)');
    expect(requestId).toMatch(/^req_/);
    const claude = await send('anthropic', 'healthy', '/v1/nope', { method: 'GET' });
    expect((await errorOf(claude)).body).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it.each([
    ['/api/sandbox', root.GET],
    ['/api/sandbox/healthy', catchAll.GET],
    ['/api/sandbox/healthy/chat/completions', catchAll.POST],
    ['/api/sandbox/healthy/v1', catchAll.GET],
    ['/api/sandbox/healthy/v2/models', catchAll.DELETE],
  ] as const)('%s', async (path, handler) => {
    const res = await (handler as (r: Request) => Promise<Response>)(new Request(BASE + path, { method: 'POST' }));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    const { error, requestId } = await errorOf(res);
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toContain('/api/sandbox/{scenario}/v1');
    expect(requestId).toMatch(/^req_/);
  });

  it('an over-long or unknown scenario id is a short 404 in the dialect\'s shape, with a request id', async () => {
    const long = 'x'.repeat(5000);
    for (const route of ['openai', 'qwen', 'anthropic']) {
      const res = await send(route, long, route === 'anthropic' ? '/v1/messages' : '/chat/completions', { method: 'POST', body: '{}' });
      expect(res.status, route).toBe(404);
      const { error, requestId } = await errorOf(res);
      expect(error.message.length).toBeLessThan(300);
      expect(requestId).toBeTruthy();
    }
  });
});

describe('bad input on every route: a 400 (or DeepSeek\'s 422) in that provider\'s shape, never a 500', () => {
  const hostile = ['{"model": ', '', '[1,2]', 'null', '{"model": 42}', '{"__proto__": {"polluted": true}, "model": "m"}', JSON.stringify({ model: 'm', messages: 'x'.repeat(100_000) })];
  const endpoints: Array<[string, string]> = [
    ['openai', '/chat/completions'],
    ['openai', '/responses'],
    ['openai', '/embeddings'],
    ['deepseek', '/chat/completions'],
    ['deepseek', '/responses'],
    ['qwen', '/chat/completions'],
    ['qwen', '/embeddings'],
    ['anthropic', '/v1/messages'],
    ['local', '/chat/completions'],
  ];
  for (const [route, path] of endpoints) {
    it.each(hostile)(`${route} ${path}: %j`, async (body) => {
      const res = await send(route, 'healthy', path, { method: 'POST', body });
      expect(route === 'deepseek' ? [400, 422] : [400]).toContain(res.status);
      const { body: json, error } = await errorOf(res);
      expect(error.message.length).toBeGreaterThan(5);
      if (route === 'anthropic') expect(json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      else expect(error.type).toBe('invalid_request_error');
      if (route === 'qwen') expect(json.request_id).toBeTruthy();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('a body over 1 MiB is a 413 in the dialect\'s shape', async () => {
    const res = await send('anthropic', 'healthy', '/v1/messages', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).body).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });
});

describe('the local layer is reachable from outside', () => {
  const local = (scenario: string, fetch: typeof globalThis.fetch) => new OpenAI({ baseURL: `${BASE}/api/sandbox/${scenario}/local/v1`, apiKey: 'sk-local', maxRetries: 0, fetch });
  const viaRoute = (scenario: string): typeof fetch => (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    return localRoute[request.method as 'POST'](request, { params: Promise.resolve({ scenario }) });
  }) as typeof fetch;

  it('local-down\'s local model resets the connection; a healthy preset\'s answers as the small local model', async () => {
    const ask = (c: OpenAI) => c.chat.completions.create({ model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: '什么是Go？' }] });
    const error = await ask(local('local-down', viaRoute('local-down'))).then(() => null, (e: unknown) => e);
    expect(classifyError(error).kind).toBe('connection');
    const answer = await ask(local('healthy', viaRoute('healthy')));
    expect(answer.choices[0]!.message.content).toMatch(/^（本地模型 qwen2.5-7b）/);
  });

  it('a session\'s local layer plays the faults set for that session\'s local model', async () => {
    const res = await session.GET(new Request(`${BASE}/api/session`));
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { id } = (await res.json()) as { id: string };
    const put = new Request(`${BASE}/api/session`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: { local: { rules: [{ fault: 'server-500', mode: { kind: 'always' } }] } } }),
    });
    expect((await session.PUT(put)).status).toBe(200);
    const client = local(id, viaRoute(id));
    const error = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    // The primary endpoint of the same session stays healthy.
    const primary = new OpenAI({ baseURL: `${BASE}/api/sandbox/${id}/v1`, apiKey: 'k', maxRetries: 0, fetch: (async (input: RequestInfo | URL, init?: RequestInit) => openaiRoute.POST(new Request(input, init), { params: Promise.resolve({ scenario: id }) })) as typeof fetch });
    expect((await primary.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).object).toBe('chat.completion');
  });
});

describe('GET /api/sandbox/{scenario}/ratelimit (the dashboard\'s gauge)', () => {
  it('reports the session endpoint\'s window, enforced under rate-limit-window, counting the student\'s calls', async () => {
    const res = await session.GET(new Request(`${BASE}/api/session`));
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { id } = (await res.json()) as { id: string };
    const report = async () => (await (await ratelimit.GET(new Request(`${BASE}/api/sandbox/${id}/ratelimit`), { params: Promise.resolve({ scenario: id }) })).json()) as { enforced: boolean; endpoint: { remainingRequests: number; limitRequests: number }; primary: unknown };
    expect((await report()).enforced).toBe(false);
    await session.PUT(new Request(`${BASE}/api/session`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ presetId: 'rate-limit-window' }) }));
    expect(await report()).toMatchObject({ enforced: true, endpoint: { limitRequests: 10, remainingRequests: 10 } });
    await send('openai', id, '/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }) });
    expect((await report()).endpoint.remainingRequests).toBe(9);
  });

  it('an unknown scenario is the API\'s 404', async () => {
    const res = await ratelimit.GET(new Request(`${BASE}/api/sandbox/nope/ratelimit`), { params: Promise.resolve({ scenario: 'nope' }) });
    expect(res.status).toBe(404);
    expect((await res.json()).error.type).toBe('invalid_request_error');
  });
});
