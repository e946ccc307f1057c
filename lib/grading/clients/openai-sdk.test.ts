import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import type { ClientCheckId, ClientReport, ClientVerdict } from '@/lib/contract';
import { systemClock, type Clock } from '@/lib/resilience/clock';
import type { ExamScene } from '../exam-script';
import { openSandbox, tick } from '../test-utils';

/**
 * The official `openai` SDK with its default settings (maxRetries 2, timeout
 * 600 s) against the real endpoint route. The SDK sleeps on real timers, so
 * this script asks for tiny waits (retry-after-ms: 10) and the record runs on
 * real time plus a skew the test can jump; nothing here asserts on speed.
 */

/** Real time, plus a jump the test controls (to see a 600 s timeout as late without waiting for it). */
class SkewedClock implements Clock {
  skew = 0;
  now = () => performance.now() + this.skew;
  setTimeout = systemClock.setTimeout;
  clearTimeout = systemClock.clearTimeout;
}

const scene = (id: string, attempts: ExamScene['attempts'], after: ExamScene['after'], headers?: Record<string, string>): ExamScene => ({
  id,
  title: { zh: id, en: id },
  attempts,
  after,
  ...(headers ? { headers } : {}),
  checks: [],
});

const verdicts = (report: ClientReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.verdict])) as Record<ClientCheckId, ClientVerdict>;

async function untilCalls(report: () => ClientReport, n: number) {
  for (let i = 0; i < 200 && report().calls.length < n; i++) await tick();
}

describe('the official openai SDK with default settings', () => {
  it('honours Retry-After and bounds its attempts, but retries insufficient_quota, never times out in time, and takes a truncated stream as complete', async () => {
    const clock = new SkewedClock();
    const sb = await openSandbox(clock);
    const record = sb.session.clientCalls.record;
    record.startExam([
      scene('rate-limit', ['rate-limit', 'rate-limit', 'rate-limit'], 'healthy', { 'retry-after-ms': '10', 'retry-after': '0.01' }),
      scene('quota', ['quota'], 'repeat', { 'retry-after-ms': '5' }),
      scene('auth', ['auth-401'], 'repeat'),
      scene('truncated', ['stream-no-done'], 'healthy'),
      scene('timeout', ['timeout'], 'healthy'),
    ]);
    // A student's code that leaves everything to the SDK: ask, print, move on.
    const client = new OpenAI({ baseURL: sb.baseURL, apiKey: 'sk-student', fetch: sb.fetch });
    const messages = (content: string) => [{ role: 'user' as const, content }];
    const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: { status?: number }) => e.status ?? 'error');
    expect(await outcome(client.chat.completions.create({ model: 'm', messages: messages('one') }))).toBe(429);
    expect(await outcome(client.chat.completions.create({ model: 'm', messages: messages('two') }))).toBe(429);
    expect(await outcome(client.chat.completions.create({ model: 'm', messages: messages('three') }))).toBe(401);
    let text = '';
    let finish: string | null = null;
    for await (const chunk of await client.chat.completions.create({ model: 'm', messages: messages('four'), stream: true })) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect([text.length > 0, finish]).toEqual([true, null]); // partial text, no error: the SDK ends silently
    const controller = new AbortController();
    const hanging = outcome(client.chat.completions.create({ model: 'm', messages: messages('five') }, { signal: controller.signal }));
    await untilCalls(() => record.report(), 9);
    clock.skew += 61_000; // …a minute later, the SDK (600 s default) is still waiting
    const report = record.report();
    controller.abort();
    await hanging;

    expect(report.calls.map((c) => [c.question, c.status, c.hints.retryCount])).toEqual([
      ['one', 429, 0], ['one', 429, 1], ['one', 429, 2],
      ['two', 429, 0], ['two', 429, 1], ['two', 429, 2],
      ['three', 401, 0],
      ['four', 200, 0],
      ['five', null, 0],
    ]);
    expect(verdicts(report)).toEqual({
      'honours-retry-after': 'pass',
      'no-retry-on-permanent': 'fail',
      'backoff-grows': 'unobserved', // every wait here was one the server asked for
      jitter: 'unobserved',
      'bounded-attempts': 'pass',
      'stops-on-quota': 'fail',
      'times-out': 'fail',
      'detects-cut-stream': 'fail',
      'layered-retries': 'pass',
    });
    const quota = report.checks.find((c) => c.id === 'stops-on-quota')!;
    expect(quota.evidence.details[0]!.en).toMatch(/#4 429 insufficient_quota was followed by 2 more calls \(the first after \d+ ms, the SDK's own retry \(X-Stainless-Retry-Count: 1\)\)/);
    expect(report.checks.find((c) => c.id === 'times-out')!.evidence.details[0]!.en).toMatch(/^#9: still waiting after 6\d\.\d\d s$/);
    expect(report.checks.find((c) => c.id === 'bounded-attempts')!.evidence.details[0]!.en).toMatch(/^Request L1 \(one\): 3 attempts, the last #3 429 rate_limit_exceeded, then gave up$/);
  });

  it('stops on quota when told not to retry (x-should-retry: false)', async () => {
    const sb = await openSandbox();
    sb.session.clientCalls.record.startExam([scene('quota', ['quota'], 'repeat', { 'x-should-retry': 'false' })]);
    const client = new OpenAI({ baseURL: sb.baseURL, apiKey: 'sk-student', fetch: sb.fetch });
    await expect(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    const v = verdicts(sb.session.clientCalls.record.report());
    expect([v['stops-on-quota'], v['no-retry-on-permanent']]).toEqual(['pass', 'pass']);
  });
});
