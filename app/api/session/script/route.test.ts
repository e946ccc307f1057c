import { describe, expect, it } from 'vitest';
import type { ScriptStatus, SessionView } from '@/lib/contract';
import * as session from '../route';
import * as exporter from '../export/route';
import * as script from './route';

const BASE = 'http://sandbox.test';

/** A browser with a session cookie, as in app/api/routes.test.ts. */
async function browser() {
  const first = await session.GET(new Request(`${BASE}/api/session`));
  const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
  const post = (body: unknown) =>
    script.POST(new Request(`${BASE}/api/session/script`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
  const exportAs = (format: string) => exporter.GET(new Request(`${BASE}/api/session/export?format=${format}`, { headers: { cookie } }));
  const view = async () => (await (await session.GET(new Request(`${BASE}/api/session`, { headers: { cookie } }))).json()) as SessionView;
  return { post, exportAs, view };
}

/** Wait (on real I/O, a few ms: the healthy mock answers at once) until the script is done. */
async function until(done: () => Promise<boolean>) {
  for (let i = 0; i < 500; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

describe('POST /api/session/script', () => {
  it('plays the lesson’s demo from time 0 and reaches its stats; the export lists its four requests', async () => {
    const b = await browser();
    const res = await b.post({ action: 'start', id: 'lesson-demo' });
    expect(res.status).toBe(200);
    const started = (await res.json()) as SessionView;
    expect(started.script).toMatchObject({ id: 'lesson-demo', state: 'playing' });
    expect(started.policy.cache.enabled).toBe(true);
    await until(async () => (await b.view()).script?.state === 'done');
    const v = await b.view();
    expect(v.stats).toMatchObject({ total_requests: 4, successful_requests: 3, failed_requests: 0, cache_hits: 1, circuit_breaker_trips: 0, success_rate: 0.75, cache_hit_rate: 0.25 });

    const csv = await (await b.exportAs('csv')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,at_ms,type,request_id,message,source/);
    expect(lines.filter((l) => l.includes(',request,'))).toHaveLength(4);
    expect(lines.filter((l) => l.includes(',cache,'))).toHaveLength(1);
    const json = (await (await b.exportAs('json')).json()) as { events: { type: string }[]; session: { script: string } };
    expect(json.session.script).toBe('lesson-demo');
    expect(json.events.filter((e) => e.type === 'request')).toHaveLength(4);
  });

  it('pauses, steps and restarts; restarting starts a new build from time 0', async () => {
    const b = await browser();
    const started = (await (await b.post({ action: 'start', id: 'outage-then-recovery', lang: 'en' })).json()) as SessionView;
    const paused = (await (await b.post({ action: 'pause' })).json()) as SessionView & { script: ScriptStatus };
    expect(paused.script.state).toBe('paused');
    // Sandbox time itself is paused: the load is frozen where it is, not stopped.
    expect(paused.paused).toBe(true);
    expect(paused.run?.state).toBe('running');
    const stepped = (await (await b.post({ action: 'step' })).json()) as SessionView & { script: ScriptStatus };
    expect(stepped.script).toMatchObject({ state: 'paused', next: 2 });
    expect(stepped.presetId).toBe('unavailable');
    const restarted = (await (await b.post({ action: 'restart' })).json()) as SessionView & { script: ScriptStatus };
    expect(restarted.generation).toBeGreaterThan(started.generation);
    expect(restarted.script).toMatchObject({ state: 'playing', next: 1, lang: 'en' });
    expect(restarted.paused).toBe(false);
    expect(restarted.presetId).toBe('healthy');
    const stopped = (await (await b.post({ action: 'stop' })).json()) as SessionView & { script: ScriptStatus };
    expect(stopped.script.state).toBe('stopped');
    expect(stopped.paused).toBe(false);
  });

  it.each([
    ['an unknown script', { action: 'start', id: 'meteor' }],
    ['an unknown action', { action: 'rewind' }],
    ['an unknown language', { action: 'start', id: 'lesson-demo', lang: 'fr' }],
    ['extra keys', { action: 'pause', now: true }],
    ['malformed JSON', '{"action": '],
  ])('rejects %s with a 400', async (_label, body) => {
    const b = await browser();
    const res = await b.post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
  });

  it('a control with no script started is a 409 that says what to do', async () => {
    const b = await browser();
    const res = await b.post({ action: 'step' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/start/);
  });

  it('export: an unknown format is a 400; without a cookie a 401', async () => {
    const b = await browser();
    expect((await b.exportAs('xlsx')).status).toBe(400);
    expect((await exporter.GET(new Request(`${BASE}/api/session/export`))).status).toBe(401);
  });
});
