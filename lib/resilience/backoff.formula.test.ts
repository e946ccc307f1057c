import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BACKOFF_IDS, explainBackoff } from './backoff';

/**
 * The formula text must be faithful: evaluated, its left side gives its right side,
 * and its right side is `delayMs`. A tiny evaluator for the notation the texts use
 * (numbers, `min(a, b)`, `max(a, b)`, `·`, `×`, `/`, `+`, `−`, parentheses and
 * superscript exponents such as `2⁵`) checks that, with interval arithmetic: every
 * printed number stands for a value within ±0.0005 of it (the display rounding), so
 * the left side is an interval, and the printed right side must lie inside it.
 */

type Interval = [number, number];
const DISPLAY = 0.0005;
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function evaluate(text: string): Interval {
  const tokens = text.match(/\d+(?:\.\d+)?|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|min|max|[()+−×·/,]/g) ?? [];
  if (tokens.join('') !== text.replace(/\s+/g, '')) throw new Error(`unexpected characters in ${JSON.stringify(text)}`);
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const got = tokens[i++];
    if (got === undefined || (t !== undefined && got !== t)) throw new Error(`expected ${t ?? 'a token'} at ${i - 1} in ${text}`);
    return got;
  };
  const sum = (): Interval => {
    let v = product();
    for (;;) {
      const op = peek();
      if (op !== '+' && op !== '−') return v;
      take();
      const w = product();
      v = op === '+' ? [v[0] + w[0], v[1] + w[1]] : [v[0] - w[1], v[1] - w[0]];
    }
  };
  const product = (): Interval => {
    let v = power();
    for (;;) {
      const op = peek();
      if (op !== '×' && op !== '·' && op !== '/') return v;
      take();
      const w = power();
      if (op === '/') {
        if (!(w[0] > 0)) throw new Error('division by an interval that may contain 0');
        v = mul(v, [1 / w[1], 1 / w[0]]);
      } else v = mul(v, w);
    }
  };
  const power = (): Interval => {
    const t = peek()!;
    const next = tokens[i + 1];
    if (/^\d/.test(t) && next !== undefined && SUPERSCRIPT.includes(next[0]!)) {
      // `2ⁿ`: the exponent's base is the constant 2, exact.
      take();
      take();
      const n = Number([...next].map((c) => SUPERSCRIPT.indexOf(c)).join(''));
      const x = Number(t) ** n;
      return [x, x];
    }
    return primary();
  };
  const primary = (): Interval => {
    const t = take();
    if (t === '(') {
      const v = sum();
      take(')');
      return v;
    }
    if (t === 'min' || t === 'max') {
      take('(');
      const a = sum();
      take(',');
      const b = sum();
      take(')');
      return t === 'min' ? [Math.min(a[0], b[0]), Math.min(a[1], b[1])] : [Math.max(a[0], b[0]), Math.max(a[1], b[1])];
    }
    if (/^\d/.test(t)) return [Number(t) - DISPLAY, Number(t) + DISPLAY];
    throw new Error(`unexpected ${t} in ${text}`);
  };
  const v = sum();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${text}`);
  return v;
}

function mul(a: Interval, b: Interval): Interval {
  const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
  return [Math.min(...p), Math.max(...p)];
}

const slack = (x: number) => DISPLAY + 1e-9 * Math.max(1, Math.abs(x));

describe('the evaluator itself', () => {
  it('reads the notation and catches an unfaithful formula', () => {
    const mid = (t: string) => {
      const [lo, hi] = evaluate(t);
      return (lo + hi) / 2;
    };
    expect(mid('min(60, 1·2⁶) × (0.5 + 0.9)')).toBeCloseTo(84, 1); // the old text: 84, yet the delay was 60
    expect(mid('min(60, min(60, 1·2⁶) × (0.5 + 0.9))')).toBeCloseTo(60, 1);
    expect(mid('min(60, 1·2¹)/2 × (1 + 0.5)')).toBeCloseTo(1.5, 2);
    expect(mid('1 + 0.5 × (max(1, 3·0.1) − 1)')).toBeCloseTo(1, 2);
    expect(mid('min(60, 1·2¹) × (1 − 0.25·0.5)')).toBeCloseTo(1.75, 2);
    expect(mid('5·2¹²')).toBeCloseTo(20_480, 1);
    expect(() => evaluate('2 ** 3')).toThrow();
  });
});

describe('explainBackoff — the formula evaluates to the delay (property)', () => {
  const base = fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0.5, max: 100_000, noNaN: true }));
  const cap = fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.5, max: 1_000_000, noNaN: true }));
  const prev = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2_000_000, noNaN: true }), fc.integer({ min: 0, max: 500 }));
  const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

  it('for every strategy, attempts 0–20, any base, cap, draw and previous delay', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BACKOFF_IDS), fc.integer({ min: 0, max: 20 }), base, cap, prev, draw, (id, attempt, baseMs, capMs, p, u) => {
        const o = { baseMs, capMs };
        const e = explainBackoff(id, attempt, p, () => u, o);
        const unit = baseMs >= 100 ? 's' : 'ms';
        const div = unit === 's' ? 1000 : 1;
        if (id === 'none') {
          expect(e.formula).toBe('0');
          expect(e.delayMs).toBe(0);
          return;
        }
        const m = /^(.*) = (\S+) (s|ms)$/.exec(e.formula);
        expect(m, e.formula).not.toBeNull();
        const [, left, right, printedUnit] = m!;
        expect(printedUnit).toBe(unit);
        // The right side is delayMs, rounded as every duration is.
        expect(right).toBe(String(Number((e.delayMs / div).toFixed(3))));
        const r = Number(right);
        expect(Math.abs(r - e.delayMs / div)).toBeLessThanOrEqual(slack(r));
        // The left side, evaluated, gives the right side within the display rounding.
        const [lo, hi] = evaluate(left!);
        expect(r, `${e.formula}: left side in [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo - slack(lo));
        expect(r, `${e.formula}: left side in [${lo}, ${hi}]`).toBeLessThanOrEqual(hi + slack(hi));
      }),
      { numRuns: 3000 },
    );
  });
});
