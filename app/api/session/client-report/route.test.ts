import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import type { ClientReport, ExamStatus } from '@/lib/contract';
import * as endpoint from '../../sandbox/[scenario]/v1/[...path]/route';
import * as sessionRoute from '../route';
import * as reset from '../reset/route';
import * as exam from '../exam/route';
import * as report from './route';

const BASE = 'http://sandbox.test';

/** A browser with its session cookie, as the dashboard has it. */
async function browser() {
  const res = await sessionRoute.GET(new Request(`${BASE}/api/session`));
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { id } = (await res.json()) as { id: string };
  const get = (handler: (r: Request) => Promise<Response>, path: string, init: RequestInit = {}) =>
    handler(new Request(BASE + path, { ...init, headers: { cookie, 'content-type': 'application/json', ...init.headers } }));
  const client = new OpenAI({
    baseURL: `${BASE}/api/sandbox/${id}/v1`,
    apiKey: 'sk-student',
    maxRetries: 0,
    fetch: (input, init) => endpoint.POST(new Request(input, init), { params: Promise.resolve({ scenario: id }) }),
  });
  return { id, get, client };
}

describe('GET /api/session/client-report', () => {
  it('answers the card as JSON: checks with verdict and evidence, calls, logical requests, exam', async () => {
    const b = await browser();
    await b.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '什么是Go？' }] });
    const res = await b.get(report.GET, '/api/session/client-report');
    expect(res.status).toBe(200);
    const card = (await res.json()) as ClientReport;
    expect(card.checks.map((c) => c.id)).toEqual([
      'honours-retry-after',
      'no-retry-on-permanent',
      'backoff-grows',
      'jitter',
      'bounded-attempts',
      'stops-on-quota',
      'times-out',
      'detects-cut-stream',
      'layered-retries',
    ]);
    for (const c of card.checks) {
      expect(['pass', 'fail', 'unobserved']).toContain(c.verdict);
      expect(c.evidence.summary.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.evidence.summary.en).toMatch(/[a-z]/);
    }
    expect(card.calls).toHaveLength(1);
    expect(card.logicalRequests).toEqual([expect.objectContaining({ id: 1, question: '什么是Go？', state: 'ok', calls: [1] })]);
    expect(card.exam.state).toBe('idle');
  });

  it('lists only the newest calls with ?calls=N (and their logical requests), and refuses a bad N with a 400', async () => {
    const b = await browser();
    for (const q of ['a', 'b', 'c']) await b.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: q }] });
    const card = (await (await b.get(report.GET, '/api/session/client-report?calls=2')).json()) as ClientReport;
    expect(card.calls.map((c) => c.question)).toEqual(['b', 'c']);
    expect(card.logicalRequests.map((l) => l.question)).toEqual(['b', 'c']);
    for (const bad of ['-1', '1.5', 'lots', '1e9']) expect((await b.get(report.GET, `/api/session/client-report?calls=${bad}`)).status).toBe(400);
  });

  it('is a 401 without the cookie (it never creates a session)', async () => {
    const res = await report.GET(new Request(`${BASE}/api/session/client-report`));
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('starts over after POST /api/session/reset', async () => {
    const b = await browser();
    await b.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] });
    await b.get(reset.POST, '/api/session/reset', { method: 'POST' });
    expect(((await (await b.get(report.GET, '/api/session/client-report')).json()) as ClientReport).calls).toEqual([]);
  });
});

describe('POST /api/session/exam', () => {
  it('starts the exam (the next question meets the 429 scene), reports progress, and stops it', async () => {
    const b = await browser();
    await b.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'before' }] });
    const started = (await (await b.get(exam.POST, '/api/session/exam', { method: 'POST', body: JSON.stringify({ action: 'start' }) })).json()) as ExamStatus;
    expect(started).toMatchObject({ state: 'running', done: 0 });
    expect(started.scenes.map((s) => s.id)).toEqual(['rate-limit', 'unavailable-1', 'unavailable-2', 'stream-cut', 'timeout', 'quota', 'auth']);
    const error = await b.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const status = (await (await b.get(exam.GET, '/api/session/exam')).json()) as ExamStatus;
    expect(status.scenes[0]).toMatchObject({ state: 'playing', logical: 1 });
    expect(status.hint.zh).toContain('场景 1/7');
    const card = (await (await b.get(report.GET, '/api/session/client-report')).json()) as ClientReport;
    expect(card.calls.map((c) => c.question)).toEqual(['q']); // the exam started from a clean record
    const stopped = (await (await b.get(exam.POST, '/api/session/exam', { method: 'POST', body: JSON.stringify({ action: 'stop' }) })).json()) as ExamStatus;
    expect(stopped.state).toBe('stopped');
    expect((await b.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] })).object).toBe('chat.completion');
  });

  it.each([
    ['malformed JSON', '{"action": '],
    ['an empty body', ''],
    ['an unknown action', JSON.stringify({ action: 'pause' })],
    ['extra keys', JSON.stringify({ action: 'start', script: [] })],
  ])('answers %s with a 400 that names the problem', async (_name, body) => {
    const b = await browser();
    const res = await b.get(exam.POST, '/api/session/exam', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
  });

  it('is a 401 without the cookie', async () => {
    expect((await exam.POST(new Request(`${BASE}/api/session/exam`, { method: 'POST', body: '{"action":"start"}' }))).status).toBe(401);
  });
});
