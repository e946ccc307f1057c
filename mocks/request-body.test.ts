import { describe, expect, it } from 'vitest';
import { bodyText, requestFor, withSignal } from './request-body';

const URL_ = 'https://mock.openai.local/v1/chat/completions';

describe('bodyText', () => {
  it('reads a body once and gives every later reader the same text', async () => {
    const request = new Request(URL_, { method: 'POST', body: '{"a":1}' });
    expect(await bodyText(request)).toBe('{"a":1}');
    expect(request.bodyUsed).toBe(true);
    // A second reader of the raw body would throw ("Body is unusable"); bodyText shares the first read.
    expect(await bodyText(request)).toBe('{"a":1}');
  });

  it('is empty for a request without a body', async () => {
    expect(await bodyText(new Request(URL_))).toBe('');
  });
});

describe('requestFor', () => {
  it('keeps a string body out of the stream: no body to tee, the text is there for bodyText', async () => {
    const request = requestFor(URL_, { method: 'POST', body: '{"model":"m"}', headers: { 'content-type': 'application/json' } });
    expect(request.body).toBeNull();
    expect(request.method).toBe('POST');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await bodyText(request)).toBe('{"model":"m"}');
  });

  it('keeps any other body as a stream', async () => {
    const request = requestFor(URL_, { method: 'POST', body: new TextEncoder().encode('bytes') });
    expect(request.body).not.toBeNull();
    expect(await bodyText(request)).toBe('bytes');
    const fromRequest = requestFor(new Request(URL_, { method: 'POST', body: 'x' }));
    expect(await bodyText(fromRequest)).toBe('x');
  });
});

describe('requestFor and signals', () => {
  it("carries the caller's own signal, whatever the body, never a follower of it", () => {
    for (const body of ['{"a":1}', new TextEncoder().encode('bytes')]) {
      const caller = new AbortController();
      expect(requestFor(URL_, { method: 'POST', body, signal: caller.signal }).signal).toBe(caller.signal);
    }
    const input = new Request(URL_, { signal: new AbortController().signal });
    expect(requestFor(input).signal).toBe(input.signal);
    // With no signal, one that never aborts.
    expect(requestFor(URL_).signal.aborted).toBe(false);
  });
});

describe('withSignal', () => {
  it("makes the caller's signal the request's own", () => {
    const caller = new AbortController();
    const request = withSignal(new Request(URL_), caller.signal);
    expect(request.signal).toBe(caller.signal);
    caller.abort();
    expect(request.signal.aborted).toBe(true);
  });
});
