import { describe, expect, it } from 'vitest';
import { APIError, InternalServerError } from 'openai';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { answerFor } from './answers';
import type { FaultId } from '@/lib/scenario/fault-ids';
import { sseStream, terminatedError } from './sse';
import { ask, sdkFor, tick, untilPending } from './test-utils';
import { createUpstream } from './upstream';

const QUESTION = '什么是Python？';
const FULL = answerFor(QUESTION);

const upstreamWith = (fault: FaultId | null, clock = new VirtualClock(), streamChunkDelayMs = 0) =>
  createUpstream({
    scenario: { rules: fault ? [{ fault, mode: { kind: 'always' } }] : [] },
    clock,
    random: seededRandom(3),
    streamChunkDelayMs,
  });

/** Consume a stream with the real SDK, keeping what arrived before any error. */
async function consume(fault: FaultId | null) {
  const stream = await sdkFor(upstreamWith(fault)).chat.completions.create({ ...ask(QUESTION), stream: true });
  let text = '';
  let finish: string | null = null;
  let error: unknown = null;
  try {
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
  } catch (err) {
    error = err;
  }
  return { text, finish, error };
}

describe('streaming through the real openai SDK', () => {
  it('a healthy stream yields the full text and finish_reason stop', async () => {
    expect(await consume(null)).toEqual({ text: FULL, finish: 'stop', error: null });
  });

  it('stream-cut raises a raw TypeError: terminated after partial text', async () => {
    const { text, finish, error } = await consume('stream-cut');
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toBe('terminated');
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(FULL.length);
    expect(FULL.startsWith(text)).toBe(true);
    expect(finish).toBeNull();
  });

  it('stream-no-done ends silently with finish_reason null and truncated text', async () => {
    const { text, finish, error } = await consume('stream-no-done');
    expect(error).toBeNull();
    expect(finish).toBeNull();
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(FULL.length);
    expect(FULL.startsWith(text)).toBe(true);
  });

  it('stream-error-event raises an APIError with no status after partial text', async () => {
    const { text, error } = await consume('stream-error-event');
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(InternalServerError);
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).type).toBe('server_error');
    expect(text.length).toBeGreaterThan(0);
    expect(FULL.startsWith(text)).toBe(true);
  });

  it('spaces chunks on the injected clock when streamChunkDelayMs is set', async () => {
    const clock = new VirtualClock();
    const stream = await sdkFor(upstreamWith(null, clock, 100)).chat.completions.create({ ...ask(QUESTION), stream: true });
    const received: string[] = [];
    const done = (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta?.content ?? '');
    })();
    await untilPending(clock);
    const before = received.length;
    await clock.advance(100);
    await tick();
    expect(received.length).toBeGreaterThan(before);
    await clock.runUntilIdle();
    await done;
    expect(received.join('')).toBe(FULL);
  });
});

describe('sseStream', () => {
  it('delivers every event before the error ending', async () => {
    const body = sseStream({ events: ['a', 'b'], ending: { kind: 'error', error: terminatedError() }, clock: new VirtualClock() });
    const reader = body.getReader();
    const decode = (v: Uint8Array | undefined) => new TextDecoder().decode(v);
    // No gap: both events arrive in one read, and the error only on the next.
    expect(decode((await reader.read()).value)).toBe('ab');
    await expect(reader.read()).rejects.toThrow('terminated');
  });

  it('sends one event per read when events have a gap', async () => {
    const clock = new VirtualClock();
    const body = sseStream({ events: ['a', 'b'], ending: { kind: 'close' }, clock, delayMs: 10 });
    const reader = body.getReader();
    const decode = (v: Uint8Array | undefined) => new TextDecoder().decode(v);
    expect(decode((await reader.read()).value)).toBe('a');
    const second = reader.read();
    await untilPending(clock);
    await clock.advance(10);
    expect(decode((await second).value)).toBe('b');
    expect((await reader.read()).done).toBe(true);
  });

  it('errors with the abort reason when the signal aborts during a gap', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const body = sseStream({ events: ['a', 'b'], ending: { kind: 'close' }, clock, delayMs: 50, signal: controller.signal });
    const reader = body.getReader();
    await reader.read();
    const second = reader.read();
    await untilPending(clock);
    controller.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.pending).toBe(0);
  });
});
