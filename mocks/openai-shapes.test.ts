import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  approxTokens,
  chatCompletion,
  chatCompletionChunk,
  createIdSource,
  formatResetDuration,
  modelsList,
  splitText,
  sseData,
} from './openai-shapes';
import { OPENAI_WIRE } from './profiles/openai-compatible';

describe('ids', () => {
  it('are deterministic per seed and counter, and look like OpenAI ids', () => {
    const a = createIdSource(7);
    const b = createIdSource(7);
    const seqA = [a.completion(), a.request(), a.completion()];
    expect([b.completion(), b.request(), b.completion()]).toEqual(seqA);
    expect(seqA[0]).toMatch(/^chatcmpl-[0-9A-Za-z]{29}$/);
    expect(seqA[1]).toMatch(/^req_[0-9a-f]{32}$/);
    expect(seqA[0]).not.toBe(seqA[2]);
    expect(createIdSource(8).completion()).not.toBe(seqA[0]);
  });
});

describe('bodies', () => {
  it('builds a chat.completion with usage ≈ chars / 4', () => {
    const body = chatCompletion({ id: 'chatcmpl-x', created: 1_700_000_000, model: 'm', content: '12345678', prompt: 'abcd' });
    expect(body).toMatchObject({
      id: 'chatcmpl-x',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: '12345678' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
  });

  it('formats SSE lines and the [DONE] terminator', () => {
    const chunk = chatCompletionChunk({ id: 'c', created: 1, model: 'm' }, { content: 'hi' });
    expect(sseData(chunk)).toBe(`data: ${JSON.stringify(chunk)}\n\n`);
    expect(sseData('[DONE]')).toBe('data: [DONE]\n\n');
    expect(chunk.choices[0]!.finish_reason).toBeNull();
  });

  it('lists models', () => {
    expect(modelsList(['a'], 5)).toEqual({ object: 'list', data: [{ id: 'a', object: 'model', created: 5, owned_by: 'sandbox' }] });
  });

  it('counts tokens by code points', () => {
    expect(approxTokens('')).toBe(0);
    expect(approxTokens('什么是Python')).toBe(3);
    expect(approxTokens('😀😀😀😀😀')).toBe(2);
  });
});

describe('splitText (property)', () => {
  it('joins back to the original and keeps every piece within size', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 20 }), (text, size) => {
        const pieces = splitText(text, size);
        expect(pieces.join('')).toBe(text);
        for (const p of pieces) expect(Array.from(p).length).toBeLessThanOrEqual(size);
      }),
    );
  });
});

describe('headers', () => {
  it('formats reset durations like OpenAI', () => {
    expect(formatResetDuration(20)).toBe('20ms');
    expect(formatResetDuration(1000)).toBe('1s');
    expect(formatResetDuration(1500)).toBe('1.5s');
    expect(formatResetDuration(360_000)).toBe('6m0s');
    expect(formatResetDuration(-3)).toBe('0ms');
  });

  it('carries the request id, processing time and rate-limit counters', () => {
    const window = { limitRequests: 500, remainingRequests: -1, limitTokens: 200_000, remainingTokens: 199_990, resetMs: 120 };
    const h = OPENAI_WIRE.headers({ requestId: 'req_1', processingMs: 12.4, window, wallNow: 0 });
    expect(h).toMatchObject({
      'x-request-id': 'req_1',
      'openai-processing-ms': '12',
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '120ms',
    });
  });
});
