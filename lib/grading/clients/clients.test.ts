import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import type { ClientCheckId, ClientReport, ClientVerdict } from '@/lib/contract';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { drive, driveUntilStuck, openSandbox } from '../test-utils';
import { goodAsk } from './good-client';
import { LESSON_DEMO_QUESTIONS, runLessonDemo } from './lesson-client';
import { naiveAsk } from './naive-client';

/**
 * Real clients against the real endpoint route, in-process, through the
 * graded exam, every sleep on one virtual clock with the record: each client
 * must get the card it deserves.
 */

const QUESTIONS = ['什么是Python？', '什么是Java？', '什么是Go？', '什么是Rust？', '什么是C？', '什么是Lisp？', '什么是Perl？'];

const verdicts = (report: ClientReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.verdict])) as Record<ClientCheckId, ClientVerdict>;
const check = (report: ClientReport, id: ClientCheckId) => report.checks.find((c) => c.id === id)!;

describe('the graded exam, played to real clients', () => {
  it('a good client (classification, full jitter, cap, Retry-After, own timeout, streaming) passes every check', async () => {
    const clock = new VirtualClock();
    const sb = await openSandbox(clock);
    const record = sb.session.clientCalls.record;
    record.startExam();
    const client = new OpenAI({ baseURL: sb.baseURL, apiKey: 'sk-good', maxRetries: 0, fetch: sb.fetch });
    const random = seededRandom(7);
    const outcomes = [];
    for (const q of QUESTIONS) outcomes.push(await drive(clock, goodAsk(q, { client, clock, random, stream: true })));
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true, true, false, false]);
    await clock.advance(5000);
    const report = record.report();
    expect(report.exam).toMatchObject({ state: 'finished', done: 7 });
    expect(verdicts(report)).toEqual({
      'honours-retry-after': 'pass',
      'no-retry-on-permanent': 'pass',
      'backoff-grows': 'pass',
      jitter: 'pass',
      'bounded-attempts': 'pass',
      'stops-on-quota': 'pass',
      'times-out': 'pass',
      'detects-cut-stream': 'pass',
      'layered-retries': 'pass',
    });
    // Every Retry-After was waited out by this client's own code, never sooner.
    expect(check(report, 'honours-retry-after').evidence.details.every((d) => /a retry by your code/.test(d.en))).toBe(true);
    expect(check(report, 'times-out').evidence.details[0]!.en).toBe('#15: hung up after 10.00 s');
  });

  it('a naive client (fixed 1 s sleep, retries everything, no timeout) fails what it deserves', async () => {
    const clock = new VirtualClock();
    const sb = await openSandbox(clock);
    const record = sb.session.clientCalls.record;
    record.startExam();
    const ask = (q: string, signal?: AbortSignal) => naiveAsk(q, { fetch: sb.fetch, baseURL: sb.baseURL, clock, ...(signal ? { signal } : {}) });
    for (const q of QUESTIONS.slice(0, 4)) expect(await drive(clock, ask(q))).not.toBeNull();
    // Scene 5: the server never answers, and this client never gives up.
    const controller = new AbortController();
    const hung = ask(QUESTIONS[4]!, controller.signal);
    expect((await driveUntilStuck(clock, hung)).settled).toBe(false);
    await clock.advance(61_000);
    expect(check(record.report(), 'times-out').evidence.details[0]!.en).toBe('#15: still waiting after 61.00 s');
    controller.abort();
    await drive(clock, hung);
    // Quota and a wrong key: retried until its test-only cap of 12 attempts.
    for (const q of QUESTIONS.slice(5)) expect(await drive(clock, ask(q))).toBeNull();
    await clock.advance(5000);
    const report = record.report();
    expect(report.exam.state).toBe('finished');
    expect(verdicts(report)).toEqual({
      'honours-retry-after': 'fail',
      'no-retry-on-permanent': 'fail',
      'backoff-grows': 'fail',
      jitter: 'fail',
      'bounded-attempts': 'fail',
      'stops-on-quota': 'fail',
      'times-out': 'fail',
      'detects-cut-stream': 'unobserved', // it never streams: the cut stream reached it as a reset, which it retried
      'layered-retries': 'fail',
    });
    expect(check(report, 'honours-retry-after').evidence.details[0]!.en).toMatch(/asked for 2\.00 s; #2 came after 1\.00 s/);
    expect(check(report, 'jitter').evidence.details[0]!.en).toBe('Requests L2 and L3: the same wait at all 3 shared points');
    expect(check(report, 'backoff-grows').evidence.summary.en).toMatch(/^24 pairs of successive waits: 0 longer, 24 the same, 0 shorter/);
    expect(check(report, 'layered-retries').evidence.details[0]!.en).toMatch(/12 calls from one layer of retries/);
    expect(check(report, 'detects-cut-stream').evidence.toObserve?.en).toMatch(/stream=True/);
  });

  it('the lesson’s robust_ai_service.py (ported call for call), run three times, gets an honest card', async () => {
    const clock = new VirtualClock();
    const sb = await openSandbox(clock);
    const record = sb.session.clientCalls.record;
    record.startExam();
    const random = seededRandom(3);
    const runs = [];
    for (let run = 0; run < 3; run++) runs.push(await drive(clock, runLessonDemo({ fetch: sb.fetch, baseURL: sb.baseURL, clock, random })));
    // Run 1 survives the 429s (the SDK waits twice, the decorator once) and both 503 scenes;
    // run 2 gets through the reset and the timeout, then hits the quota; run 3 meets the wrong key.
    expect(runs).toEqual([
      ['api', 'cache', 'api', 'api'],
      ['api', 'cache', 'api', 'error'],
      ['error', 'error', 'api', 'api'],
    ]);
    expect(LESSON_DEMO_QUESTIONS).toHaveLength(4);
    await clock.advance(5000);
    const report = record.report();
    expect(report.exam.state).toBe('finished');
    expect(verdicts(report)).toEqual({
      'honours-retry-after': 'fail', // the SDK waited the 2 s twice; the decorator's own retry did not
      'no-retry-on-permanent': 'fail', // it retries 401 (APIError is the base of every error in Python)
      'backoff-grows': 'pass',
      jitter: 'pass', // (2 ** i) * (0.5 + random()): jittered, within a ×3 band
      'bounded-attempts': 'pass',
      'stops-on-quota': 'fail',
      'times-out': 'pass', // timeout=30
      'detects-cut-stream': 'unobserved', // it never streams
      'layered-retries': 'fail', // the SDK's 3 attempts under the decorator's 3: 9 calls for one question
    });
    const ra = check(report, 'honours-retry-after').evidence.details;
    expect(ra[0]!.en).toMatch(/^#3 429 rate_limit_exceeded asked for 2\.00 s; #4 came after 1\.\d\d s \(a retry by your code\)$/);
    expect(ra.slice(1).every((d) => /the SDK's own retry/.test(d.en))).toBe(true);
    expect(check(report, 'no-retry-on-permanent').evidence.details.some((d) => /401 invalid_api_key was retried as #\d+ after .* \(a retry by your code\)/.test(d.en))).toBe(true);
    expect(check(report, 'layered-retries').evidence.details[0]!.en).toMatch(
      /什么是Go？\): 10 calls = your code called the SDK 4 times × the SDK tried up to 3 times each/,
    );
    expect(check(report, 'jitter').evidence.details.at(-1)!.en).toMatch(/multiplicative jitter/);
    // Both SDKs send X-Stainless-Retry-Count; the card counts the layers from it.
    expect(report.logicalRequests.find((l) => l.question === '什么是Go？' && l.calls.length === 10)?.sdkCalls).toBe(4);
  });
});
