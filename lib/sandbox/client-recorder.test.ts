import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { getPreset } from '@/lib/scenario/presets';
import type { ExamScene } from '@/lib/grading/exam-script';
import { openSandbox, tick } from '@/lib/grading/test-utils';
import * as endpoint from '@/app/api/sandbox/[scenario]/v1/[...path]/route';

/** Switch a session to a preset, as the dashboard's PUT would. */
function usePreset(session: Awaited<ReturnType<typeof openSandbox>>['session'], id: string) {
  const preset = getPreset(id)!;
  session.update({ presetId: id, scenario: { ...preset.scenario, seed: 42 } });
}

const sdk = (sb: { baseURL: string; fetch: typeof fetch }) => new OpenAI({ baseURL: sb.baseURL, apiKey: 'sk-student', maxRetries: 0, fetch: sb.fetch });
const ask = (client: OpenAI, content = '什么是Python？') => client.chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content }] });

async function readStream(client: OpenAI, content = '什么是Python？') {
  const stream = await client.chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content }], stream: true });
  let text = '';
  try {
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    return { text, error: null };
  } catch (error) {
    return { text, error };
  }
}

describe('the client recorder behind a session’s endpoint', () => {
  it('records a healthy call: path, hints, status, and a body read to the end', async () => {
    const sb = await openSandbox();
    await ask(sdk(sb));
    const [call] = sb.session.clientCalls.record.report().calls;
    expect(call).toMatchObject({ seq: 1, method: 'POST', path: '/v1/chat/completions', fault: null, status: 200, kind: 'ok', body: 'complete', question: '什么是Python？', logical: 1, attempt: 1 });
    expect(call!.hints.retryCount).toBe(0);
    expect(call!.hints.userAgent).toMatch(/^OpenAI\/JS/);
  });

  it('records the fault the session’s scenario served, and the headers sent with it', async () => {
    const sb = await openSandbox();
    usePreset(sb.session, 'rate-limited');
    await ask(sdk(sb)).catch(() => {});
    usePreset(sb.session, 'quota-exceeded');
    await ask(sdk(sb), 'other').catch(() => {});
    const [limited, quota] = sb.session.clientCalls.record.report().calls;
    expect(limited).toMatchObject({ fault: 'rate-limit', status: 429, errorCode: 'rate_limit_exceeded', kind: 'retryable', retryAfterMs: 2000 });
    expect(limited!.sentHeaders).toEqual({ 'retry-after': '2', 'retry-after-ms': '2000' });
    expect(quota).toMatchObject({ fault: 'quota', status: 429, errorCode: 'insufficient_quota', kind: 'quota' });
  });

  it('tells a cut stream, a truncated one and a reset apart, keeping the partial text', async () => {
    const sb = await openSandbox();
    const client = sdk(sb);
    usePreset(sb.session, 'stream-cut');
    const cut = await readStream(client, 'a');
    expect(cut.error).toBeInstanceOf(Error);
    usePreset(sb.session, 'stream-no-done');
    expect((await readStream(client, 'b')).error).toBeNull();
    usePreset(sb.session, 'connection-reset');
    // In-process the reset surfaces as the body's TypeError; over HTTP the SDK raises APIConnectionError.
    await expect(ask(client, 'c')).rejects.toThrow(/fetch failed|Connection error/);
    const calls = sb.session.clientCalls.record.report().calls;
    expect(calls.map((c) => [c.fault, c.kind, c.body])).toEqual([
      ['stream-cut', 'broken-stream', 'cut'],
      ['stream-no-done', 'broken-stream', 'complete'],
      ['connection-reset', 'reset', 'cut'],
    ]);
    expect(sb.session.clientCalls.record.records[0]!.streamedText).toBe(cut.text);
    expect(cut.text.length).toBeGreaterThan(0);
  });

  it('sees the client hang up on a call the server never answers, at the record clock’s time', async () => {
    const clock = new VirtualClock();
    const sb = await openSandbox(clock);
    usePreset(sb.session, 'timeout');
    const controller = new AbortController();
    const pending = sdk(sb).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] }, { signal: controller.signal }).catch((e: unknown) => e);
    for (let i = 0; i < 20; i++) await tick();
    expect(sb.session.clientCalls.record.report().calls[0]).toMatchObject({ fault: 'timeout', kind: 'pending' });
    await clock.advance(1500);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await tick();
    expect(sb.session.clientCalls.record.report().calls[0]).toMatchObject({ kind: 'client-left', status: null, endedAt: 1500 });
  });

  it('notes a body the client abandoned half-way', async () => {
    const sb = await openSandbox();
    const res = await sb.fetch(`${sb.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-student' }, body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: '什么是Python？' }] }) });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(sb.session.clientCalls.record.report().calls[0]).toMatchObject({ kind: 'ok', body: 'abandoned' });
  });

  it('keeps concurrent calls apart: each gets its own exam scene and its own record', async () => {
    const sb = await openSandbox();
    const script: ExamScene[] = [
      { id: 'a', title: { zh: 'a', en: 'a' }, attempts: ['server-500'], after: 'healthy', checks: [] },
      { id: 'b', title: { zh: 'b', en: 'b' }, attempts: ['auth-401'], after: 'repeat', headers: { 'retry-after-ms': '10' }, checks: [] },
    ];
    sb.session.clientCalls.record.startExam(script);
    const client = sdk(sb);
    const outcomes = await Promise.all(['one', 'two', 'three'].map((q) => ask(client, q).then(() => 200, (e: { status: number; headers: Headers }) => [e.status, e.headers.get('retry-after-ms')])));
    expect(outcomes).toEqual([[500, null], [401, '10'], 200]);
    const calls = sb.session.clientCalls.record.report().calls;
    expect(calls.map((c) => [c.question, c.fault, c.status, c.examScene, c.retryAfterMs])).toEqual([
      ['one', 'server-500', 500, 'a', null],
      ['two', 'auth-401', 401, 'b', 10],
      ['three', null, 200, null, null],
    ]);
  });

  it('restores the session’s own scenario around exam calls, and after the exam stops', async () => {
    const sb = await openSandbox();
    usePreset(sb.session, 'server-error');
    sb.session.clientCalls.record.startExam([{ id: 'x', title: { zh: 'x', en: 'x' }, attempts: [null], after: 'healthy', checks: [] }]);
    await ask(sdk(sb), 'exam');
    expect(sb.session.endpoint.scenario.rules[0]!.fault).toBe('server-500');
    sb.session.clientCalls.record.stopExam();
    await expect(ask(sdk(sb), 'after')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  it('belongs to one session: another session’s and a preset URL’s calls never show up', async () => {
    const a = await openSandbox();
    const b = await openSandbox();
    await ask(sdk(a), 'from a');
    await ask(sdk(b), 'from b');
    await endpoint.POST(new Request('http://sandbox.test/api/sandbox/healthy/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'preset' }] }) }), { params: Promise.resolve({ scenario: 'healthy' }) });
    expect(a.session.clientCalls.record.report().calls.map((c) => c.question)).toEqual(['from a']);
    expect(b.session.clientCalls.record.report().calls.map((c) => c.question)).toEqual(['from b']);
  });

  it('records refusals the endpoint makes itself (a body over 1 MiB) and keeps the upstream’s own counters', async () => {
    const sb = await openSandbox();
    const before = sb.session.endpoint.calls;
    const res = await sb.fetch(`${sb.baseURL}/chat/completions`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    await ask(sdk(sb));
    expect(sb.session.clientCalls.record.report().calls.map((c) => [c.status, c.errorCode])).toEqual([[413, 'request_too_large'], [200, null]]);
    expect(sb.session.endpoint.calls).toBe(before + 1);
  });

  it('knows a body past 64 KiB by its first 64 KiB and its length: retries still group, other lengths do not', async () => {
    const sb = await openSandbox();
    usePreset(sb.session, 'server-error');
    const big = (tail: string) => JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(70_000) + tail }] });
    const send = (body: string) => sb.fetch(`${sb.baseURL}/chat/completions`, { method: 'POST', body, headers: { authorization: 'Bearer sk-student', 'content-length': String(new TextEncoder().encode(body).length) } });
    for (const body of [big('a'), big('a'), big('ab')]) expect((await send(body)).status).toBe(500);
    expect(sb.session.clientCalls.record.report().calls.map((c) => [c.logical, c.attempt])).toEqual([[1, 1], [1, 2], [2, 1]]);
  });

  it('is cleared by a session reset', async () => {
    const sb = await openSandbox();
    await ask(sdk(sb));
    sb.session.reset();
    expect(sb.session.clientCalls.record.report().calls).toEqual([]);
  });
});
