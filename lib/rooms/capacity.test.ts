import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOM_CAPACITY } from '@/lib/contract';
import { CapacityModel } from './capacity';

const model = (callsPerSecond: number, burst: number) => new CapacityModel({ ...DEFAULT_ROOM_CAPACITY, callsPerSecond, burst });

describe('CapacityModel (token bucket on room time)', () => {
  it('lets a burst through at one instant, refuses the rest, and refills at the rate', () => {
    const m = model(10, 3);
    expect([0, 0, 0, 0, 0].map((t) => m.admit(t))).toEqual([true, true, true, false, false]);
    expect(m.admit(50)).toBe(false); // half a token back
    expect(m.admit(100)).toBe(true); // 100 ms × 10/s = 1 token
    expect(m.admit(1000)).toBe(true);
    expect(m.admit(1000)).toBe(true);
    expect(m.admit(1000)).toBe(true);
    expect(m.admit(1000)).toBe(false); // never more than the burst
  });

  it('admits everything while off, and refuses with a 503 or a 429 as configured', () => {
    const m = new CapacityModel({ enabled: false, callsPerSecond: 1, burst: 1, answer: '503' });
    expect(Array.from({ length: 100 }, () => m.admit(0)).every(Boolean)).toBe(true);
    expect(m.refusal).toBe('overloaded-503');
    m.configure({ enabled: true, callsPerSecond: 1, burst: 1, answer: '429' });
    expect(m.refusal).toBe('rate-limit');
    expect(m.admit(0)).toBe(true);
    expect(m.admit(0)).toBe(false);
    m.refill();
    expect(m.admit(0)).toBe(true);
  });

  it('never admits more than burst + rate × span over any span of arrivals (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 300 }),
        (rate, burst, gaps) => {
          const m = model(rate, burst);
          let t = 0;
          let admitted = 0;
          for (const g of gaps) {
            t += g;
            if (m.admit(t)) admitted++;
          }
          expect(admitted).toBeLessThanOrEqual(burst + (rate * t) / 1000 + 1e-9);
          // A smooth load under the rate is never refused: one call per 1000/rate ms always finds a token.
          const smooth = model(rate, burst);
          for (let i = 0; i < 50; i++) expect(smooth.admit((i * 1000) / rate)).toBe(true);
        },
      ),
    );
  });
});
