/**
 * Past one machine: two `next start` instances behind nginx (nginx.sandbox.conf)
 * with consistent hashing on the session's routing key. A session keeps its
 * state and its event stream across 100 requests, its endpoint URL reaches the
 * owner without a cookie, and the other instance refuses the cookie (401)
 * rather than silently starting a new session.
 */
import { test, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const BASE = Number(process.env.E2E_PORT ?? 3100);
const [PORT_A, PORT_B, PORT] = [BASE + 11, BASE + 12, BASE + 13];

test.skip(!NGINX && !process.env.CI, 'nginx is not installed (apt-get install -y nginx); CI installs it');

const children: ChildProcess[] = [];
let dir = '';

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  expect(NGINX, 'nginx binary').toBeTruthy();
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-nginx-'));
  // The build the e2e web server already made (playwright.config.ts) serves both instances.
  const next = path.resolve('node_modules/next/dist/bin/next');
  for (const [port, name] of [[PORT_A, 'a'], [PORT_B, 'b']] as const) {
    const child = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      env: { ...process.env, SANDBOX_INSTANCE: name, OPENAI_API_KEY: '', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'ignore',
    });
    children.push(child);
  }
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, sub));
  const conf = readFileSync('nginx.sandbox.conf', 'utf8')
    .replaceAll('{{DIR}}', dir)
    .replaceAll('{{PORT_A}}', String(PORT_A))
    .replaceAll('{{PORT_B}}', String(PORT_B))
    .replaceAll('{{PORT}}', String(PORT));
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const check = spawnSync(NGINX!, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  expect(check.status, check.stderr).toBe(0);
  children.push(spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' }));
  await Promise.all([waitFor(`http://127.0.0.1:${PORT_A}/api/health`), waitFor(`http://127.0.0.1:${PORT_B}/api/health`)]);
  await waitFor(`http://127.0.0.1:${PORT}/api/health`);
});

test.afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
});

/** A client with a cookie jar, talking to nginx. */
function browser() {
  const jar = new Map<string, string>();
  const call = async (p: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(`http://127.0.0.1:${PORT}${p}`, { ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      jar.set(k!, v!);
    }
    return res;
  };
  return { call, jar };
}

test('a session keeps its owner, its state and its event stream across 100 requests', async () => {
  const b = browser();
  const first = await b.call('/api/session');
  expect(first.status).toBe(200);
  const owner = first.headers.get('x-sandbox-instance')!;
  const view = (await first.json()) as { id: string };
  expect(b.jar.get('sandbox_route')).toMatch(/^[0-9a-f]{6}$/);
  expect(view.id.startsWith(b.jar.get('sandbox_route')!)).toBe(true);

  const controller = new AbortController();
  const stream = await b.call('/api/events', { signal: controller.signal });
  expect(stream.headers.get('x-sandbox-instance') ?? owner).toBe(owner);
  const reader = stream.body!.getReader();
  let streamed = '';
  const pump = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      streamed += decoder.decode(value);
    }
  })();

  const instances = new Set<string>();
  let chats = 0;
  for (let i = 0; i < 100; i++) {
    let res: Response;
    if (i % 3 === 0) {
      res = await b.call('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `question ${i}` }) });
      chats++;
    } else if (i % 3 === 1) {
      res = await b.call('/api/session');
      instances.add(res.headers.get('x-sandbox-instance')!);
    } else {
      res = await b.call('/api/session', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ presetId: i % 2 ? 'healthy' : 'flaky' }) });
    }
    expect(res.status, `request ${i}`).toBe(200);
  }
  expect([...instances]).toEqual([owner]);
  const after = (await (await b.call('/api/session')).json()) as { id: string; stats: { total_requests: number } };
  expect(after.id).toBe(view.id);
  expect(after.stats.total_requests).toBe(chats);
  await expect.poll(() => streamed.split('"type":"request"').length - 1).toBe(chats);
  controller.abort();
  await pump;

  // The endpoint URL, called without any cookie, reaches the owner: it sees this session's faults.
  await b.call('/api/session', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ presetId: 'rate-limited' }) });
  const sdk = new OpenAI({ baseURL: `http://127.0.0.1:${PORT}/api/sandbox/${view.id}/v1`, apiKey: 'sk-sandbox', maxRetries: 0 });
  const error = await sdk.chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.RateLimitError);

  // The other instance does not know the cookie: a 401, and no session is created there.
  const other = owner === 'a' ? PORT_B : PORT_A;
  const wrong = await fetch(`http://127.0.0.1:${other}/api/session`, { headers: { cookie: `sandbox_session=${b.jar.get('sandbox_session')}` } });
  expect(wrong.status).toBe(401);
  expect(wrong.headers.get('set-cookie')).toBeNull();
});

test('browsers spread over both instances', async () => {
  const owners = new Set<string>();
  for (let i = 0; i < 24 && owners.size < 2; i++) owners.add((await browser().call('/api/session')).headers.get('x-sandbox-instance')!);
  expect([...owners].sort()).toEqual(['a', 'b']);
});
