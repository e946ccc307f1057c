import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';

describe('EventQueue', () => {
  it('pops in time order, equal times in insertion order (property, against a stable sort)', () => {
    // Times from a small set so ties are frequent; interleave pushes and pops.
    const op = fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 20 }) }), fc.constant({ pop: true as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(2); // small, so the queue must grow
        const model: { time: number; value: number }[] = [];
        let nextValue = 0;
        let lastPopped = -Infinity;
        for (const o of ops) {
          if ('push' in o) {
            // A discrete-event queue never schedules before the last popped time.
            const time = Math.max(o.push, lastPopped === -Infinity ? 0 : lastPopped);
            q.push(time, nextValue);
            model.push({ time, value: nextValue++ });
          } else {
            // Reference: earliest time; among equals, the earliest inserted.
            let best = -1;
            for (let i = 0; i < model.length; i++) if (best === -1 || model[i]!.time < model[best]!.time) best = i;
            const t = q.peekTime();
            const v = q.pop();
            if (best === -1) {
              expect(v).toBe(-1);
              expect(t).toBe(Infinity);
              continue;
            }
            const [expected] = model.splice(best, 1);
            expect({ time: t, value: v }).toEqual(expected);
            expect(t).toBeGreaterThanOrEqual(lastPopped);
            lastPopped = t;
          }
          expect(q.size).toBe(model.length);
        }
      }),
    );
  });

  it('drains arbitrary pushes as a stable sort by time', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 500 }), (times) => {
        const q = new EventQueue();
        times.forEach((t, i) => q.push(t, i));
        const popped: number[] = [];
        while (q.size > 0) popped.push(q.pop());
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((e) => e.i);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('keeps ties in insertion order across clear() and growth', () => {
    const q = new EventQueue(1);
    q.push(5, 1);
    q.clear();
    expect(q.size).toBe(0);
    for (let v = 0; v < 100; v++) q.push(7, v);
    expect(q.peekValue()).toBe(0);
    const out: number[] = [];
    while (q.size) out.push(q.pop());
    expect(out).toEqual([...Array(100).keys()]);
    expect(q.peekValue()).toBe(-1);
  });

  it('replaceTop(t, v) leaves the same queue as pop() then push(t, v) (property)', () => {
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ replace: fc.integer({ min: 0, max: 10 }) }),
      fc.constant({ pop: true as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const fast = new EventQueue(2);
        const slow = new EventQueue(2);
        let value = 0;
        for (const o of ops) {
          if ('push' in o) {
            fast.push(o.push, value);
            slow.push(o.push, value++);
          } else if ('replace' in o) {
            const expectedTop = slow.pop();
            if (expectedTop !== -1) slow.push(o.replace, value);
            expect(fast.replaceTop(o.replace, value++)).toBe(expectedTop);
          } else {
            expect(fast.pop()).toBe(slow.pop());
          }
          expect(fast.size).toBe(slow.size);
          expect(fast.peekTime()).toBe(slow.peekTime());
          expect(fast.peekValue()).toBe(slow.peekValue());
        }
        while (slow.size > 0) expect(fast.pop()).toBe(slow.pop());
      }),
    );
  });
});
