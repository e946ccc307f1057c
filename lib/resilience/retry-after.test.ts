import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_MAX_RETRY_AFTER_MS, describeRetryAfter, parseRetryAfter, readHeader, type RetryAfter } from './retry-after';

const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
const now = () => NOW;

describe('parseRetryAfter', () => {
  it('reads retry-after-ms first, then Retry-After', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '1500', 'retry-after': '2' }))).toEqual({ ok: true, ms: 1500, source: 'retry-after-ms', raw: '1500' });
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toEqual({ ok: true, ms: 2000, source: 'retry-after', raw: '2' });
  });

  it('accepts fractional seconds and surrounding spaces', () => {
    expect(parseRetryAfter({ 'retry-after': ' 0.25 ' })).toMatchObject({ ok: true, ms: 250 });
    expect(parseRetryAfter({ 'retry-after': '0' })).toMatchObject({ ok: true, ms: 0 });
  });

  it('parses an HTTP date relative to the injected now: all three RFC forms, exactly, as GMT', () => {
    for (const date of ['Wed, 21 Oct 2015 07:28:03 GMT', 'Wednesday, 21-Oct-15 07:28:03 GMT', 'Wed Oct 21 07:28:03 2015']) {
      expect(parseRetryAfter({ 'retry-after': date }, { now })).toEqual({ ok: true, ms: 3000, source: 'retry-after', raw: date });
    }
  });

  it('the asctime form means the same wait in every time zone (RFC 9110: it is GMT)', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        expect(parseRetryAfter({ 'retry-after': 'Wed Oct 21 07:28:03 2015' }, { now })).toMatchObject({ ok: true, ms: 3000 });
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('treats a date already past as "retry now"', () => {
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 1970 00:00:01 GMT' })).toMatchObject({ ok: true, ms: 0 }); // default now: Date.now
    expect(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, { now })).toMatchObject({ ok: true, ms: 0 });
  });

  it('reports missing, invalid, negative and too-large values', () => {
    expect(parseRetryAfter(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(parseRetryAfter(new Headers())).toEqual({ ok: false, reason: 'missing' });
    expect(parseRetryAfter({ 'retry-after': '' })).toEqual({ ok: false, reason: 'missing' });
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toEqual({ ok: false, reason: 'invalid', raw: 'soon' });
    expect(parseRetryAfter({ 'retry-after': '2abc' })).toMatchObject({ ok: false, reason: 'invalid' }); // parseFloat would say 2
    expect(parseRetryAfter({ 'retry-after': 'Infinity' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parseRetryAfter({ 'retry-after': '1e400' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parseRetryAfter({ 'retry-after': 'Wed, 99 Foo 2015' }, { now })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parseRetryAfter({ 'retry-after': '-5' })).toEqual({ ok: false, reason: 'negative', raw: '-5' });
    expect(parseRetryAfter({ 'retry-after': '120' })).toEqual({ ok: false, reason: 'too-large', raw: '120' });
    expect(parseRetryAfter({ 'retry-after': 'Thu, 22 Oct 2015 07:28:00 GMT' }, { now })).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('the 60 s bound is inclusive and configurable', () => {
    expect(parseRetryAfter({ 'retry-after': '60' })).toMatchObject({ ok: true, ms: DEFAULT_MAX_RETRY_AFTER_MS });
    expect(parseRetryAfter({ 'retry-after': '60.001' })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(parseRetryAfter({ 'retry-after': '120' }, { maxMs: 300_000 })).toMatchObject({ ok: true, ms: 120_000 });
    expect(parseRetryAfter({ 'retry-after': '2' }, { maxMs: 1000 })).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('falls back to Retry-After when retry-after-ms is unusable, and reports the ms failure when alone', () => {
    expect(parseRetryAfter({ 'retry-after-ms': 'nope', 'retry-after': '3' })).toMatchObject({ ok: true, ms: 3000, source: 'retry-after' });
    expect(parseRetryAfter({ 'retry-after-ms': '-1' })).toEqual({ ok: false, reason: 'negative', raw: '-1' });
    expect(parseRetryAfter({ 'retry-after-ms': '999999', 'retry-after': 'soon' })).toEqual({ ok: false, reason: 'invalid', raw: 'soon' });
  });

  it('reads plain records case-insensitively', () => {
    expect(parseRetryAfter({ 'Retry-After': '1' })).toMatchObject({ ok: true, ms: 1000 });
    expect(readHeader({ 'X-Should-Retry': 'true' }, 'x-should-retry')).toBe('true');
    expect(readHeader({ other: 'x' }, 'x-should-retry')).toBeUndefined();
    expect(readHeader(null, 'x')).toBeUndefined();
  });

  it('property: an ok result is always finite and within [0, maxMs]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: 0, max: 10 ** 7 }), (ms, s, maxMs) => {
        const r = parseRetryAfter({ 'retry-after-ms': ms, 'retry-after': s }, { now, maxMs });
        if (r.ok) expect(r.ms >= 0 && r.ms <= maxMs && Number.isFinite(r.ms)).toBe(true);
      }),
    );
  });

  it('property: whole seconds in range round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), (s) => {
        expect(parseRetryAfter({ 'retry-after': String(s) })).toEqual({ ok: true, ms: s * 1000, source: 'retry-after', raw: String(s) });
      }),
    );
  });
});

describe('describeRetryAfter', () => {
  const ok = (r: RetryAfter) => {
    if (!r.ok) throw new Error('expected ok');
    return r;
  };
  it('writes the lesson-style formula line', () => {
    expect(describeRetryAfter(ok(parseRetryAfter({ 'retry-after': '2' })))).toBe('Retry-After: 2 s → 2 s');
    expect(describeRetryAfter(ok(parseRetryAfter({ 'retry-after-ms': '1500' })))).toBe('retry-after-ms: 1500 ms → 1.5 s');
    expect(describeRetryAfter(ok(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:28:03 GMT' }, { now })))).toBe(
      'Retry-After: Wed, 21 Oct 2015 07:28:03 GMT → 3 s',
    );
  });
});
