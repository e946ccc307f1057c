import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashBytes, normalisePrefix, QUESTION_CHARS, readRequestBody, streamedText } from './fingerprint';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe('readRequestBody', () => {
  it('reads the last user message, stream and the assistant turns', () => {
    const facts = readRequestBody(
      enc({
        model: 'm',
        stream: true,
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'first' },
          { role: 'assistant', content: [{ type: 'text', text: 'Python   是一种\n解释型语言，由 Guido 发明' }] },
          { role: 'user', content: [{ type: 'text', text: '然后呢？' }] },
        ],
      }),
    );
    expect(facts.question).toBe('然后呢？');
    expect(facts.stream).toBe(true);
    expect(facts.assistantPrefixes).toEqual(['Python 是一种 解释型语言，由 Guido']); // 24 characters, whitespace squeezed
  });

  it('shortens a long question to the preview length', () => {
    const facts = readRequestBody(enc({ messages: [{ role: 'user', content: '问'.repeat(500) }] }));
    expect(Array.from(facts.question)).toHaveLength(QUESTION_CHARS);
    expect(facts.question.endsWith('…')).toBe(true);
  });

  it.each([
    ['an empty body', ''],
    ['not JSON', '{"messages": ['],
    ['a JSON array', '[1,2]'],
    ['null', 'null'],
    ['messages of the wrong type', { messages: 'hi' }],
  ])('never throws on %s', (_name, body) => {
    const facts = readRequestBody(enc(body));
    expect(facts.question).toBe('');
    expect(facts.stream).toBe(false);
    expect(facts.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads a Responses-style string input', () => {
    expect(readRequestBody(enc({ input: '什么是Go？' })).question).toBe('什么是Go？');
  });
});

describe('hashBytes', () => {
  it('is equal for equal bytes and differs for different ones', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
        expect(hashBytes(a) === hashBytes(Uint8Array.from(a))).toBe(true);
        if (a.length !== b.length || a.some((x, i) => x !== b[i])) expect(hashBytes(a)).not.toBe(hashBytes(b));
      }),
    );
  });
});

describe('streamedText', () => {
  it('joins the deltas of complete events and skips a half-received one and [DONE]', () => {
    const ev = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
    expect(streamedText(ev('') + ev('Py') + ev('thon') + 'data: [DONE]\n\n')).toBe('Python');
    expect(streamedText(ev('Py') + 'data: {"choices":[{"del')).toBe('Py');
  });

  it('normalises prefixes the same on both sides', () => {
    expect(normalisePrefix('  a\n b  ')).toBe('a b');
  });
});
