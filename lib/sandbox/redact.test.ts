import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact';

describe('redactSecrets', () => {
  it("removes the masked key a provider's 401 quotes", () => {
    const message = '401 Incorrect API key provided: sk-LEAKC*******3456. You can find your API key at https://platform.openai.com/account/api-keys.';
    const out = redactSecrets(message, []);
    expect(out).not.toContain('LEAKC');
    expect(out).not.toContain('3456');
    expect(out).toContain('Incorrect API key provided: sk-***');
  });

  it('removes bearer tokens, key= values and the server key verbatim', () => {
    expect(redactSecrets('Authorization: Bearer abc.def-123', [])).toBe('Authorization: Bearer ***');
    expect(redactSecrets('url?api_key=AKIA1234567890 next', [])).toBe('url?api_key=*** next');
    expect(redactSecrets('echo my-weird-key-format-42 back', ['my-weird-key-format-42'])).toBe('echo *** back');
  });

  it('never lets a generated sk- key through, and leaves ordinary text alone', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{8,40}$/), fc.string(), (tail, text) => {
        expect(redactSecrets(`${text} sk-${tail} ${text}`, [])).not.toContain(tail);
      }),
    );
    expect(redactSecrets('503 The engine is currently overloaded, please try again later.', [])).toBe('503 The engine is currently overloaded, please try again later.');
  });
});
