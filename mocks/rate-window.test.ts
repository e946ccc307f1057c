import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ADVERTISED_LIMITS, createRateWindow, WINDOW_MS } from './rate-window';

const TEN = { requests: 10, tokens: 1000, enforce: true };

describe('createRateWindow', () => {
  it('opens at the first request and counts down to 0, then refuses with the time left', () => {
    const w = createRateWindow();
    const left = [];
    for (let i = 0; i < 10; i++) {
      const v = w.take(5_000 + i * 1000, 10, TEN);
      expect(v.ok).toBe(true);
      left.push(v.snapshot.remainingRequests);
    }
    expect(left).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const refused = w.take(20_000, 10, TEN);
    expect(refused).toMatchObject({ ok: false, limit: 'requests', waitMs: 45_000 }); // opened at 5 s, resets at 65 s
    expect(refused.snapshot.resetMs).toBe(45_000);
    // A refusal counts nothing: still 0 left, and the reset still at 65 s.
    expect(w.peek(64_999, TEN)).toMatchObject({ remainingRequests: 0, resetMs: 1 });
    expect(w.take(65_000, 10, TEN)).toMatchObject({ ok: true, snapshot: { remainingRequests: 9, resetMs: WINDOW_MS } });
  });

  it('refuses on tokens too, naming the limit', () => {
    const w = createRateWindow();
    expect(w.take(0, 900, TEN).ok).toBe(true);
    expect(w.take(1000, 200, TEN)).toMatchObject({ ok: false, limit: 'tokens', waitMs: 59_000 });
    expect(w.take(1000, 100, TEN)).toMatchObject({ ok: true, snapshot: { remainingTokens: 0 } });
  });

  it('only counts when nothing is enforced (the advertised 500 a minute)', () => {
    const w = createRateWindow();
    for (let i = 0; i < 600; i++) expect(w.take(i, 1).ok).toBe(true);
    expect(w.peek(600)).toMatchObject({ limitRequests: ADVERTISED_LIMITS.requests, remainingRequests: 0 });
  });

  it('a peek before any request shows a full window', () => {
    expect(createRateWindow().peek(123, TEN)).toEqual({ limitRequests: 10, remainingRequests: 10, limitTokens: 1000, remainingTokens: 1000, resetMs: WINDOW_MS });
  });

  it('never admits more than the limit within one window, and a refusal always waits exactly to the reset (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20_000 }), tokens: fc.integer({ min: 0, max: 400 }) }), { maxLength: 60 }), (calls) => {
        const w = createRateWindow();
        let t = 0;
        let start = -Infinity;
        let admitted = 0;
        let tokens = 0;
        for (const c of calls) {
          t += c.gap;
          if (t >= start + WINDOW_MS) [start, admitted, tokens] = [-Infinity, 0, 0];
          const v = w.take(t, c.tokens, TEN);
          if (v.ok) {
            if (!Number.isFinite(start)) start = t;
            admitted++;
            tokens += c.tokens;
            expect(v.snapshot.remainingRequests).toBe(10 - admitted);
          } else {
            expect(admitted === 10 || tokens + c.tokens > 1000).toBe(true);
            expect(v.waitMs).toBe(Number.isFinite(start) ? start + WINDOW_MS - t : WINDOW_MS);
          }
          expect(admitted).toBeLessThanOrEqual(10);
          expect(tokens).toBeLessThanOrEqual(1000);
        }
      }),
    );
  });
});
