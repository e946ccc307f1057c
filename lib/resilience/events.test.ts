import { describe, it, expect } from 'vitest';
import { EventEmitter, combineDisposables } from './events';

describe('EventEmitter', () => {
  it('delivers to every listener in subscription order', () => {
    const e = new EventEmitter<number>();
    const log: string[] = [];
    e.event((v) => log.push(`a${v}`));
    e.event((v) => log.push(`b${v}`));
    e.emit(1);
    e.emit(2);
    expect(log).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('hasListeners follows subscribe and dispose; dispose is idempotent', () => {
    const e = new EventEmitter<void>();
    expect(e.hasListeners).toBe(false);
    const d = e.event(() => undefined);
    expect(e.hasListeners).toBe(true);
    d.dispose();
    d.dispose();
    expect(e.hasListeners).toBe(false);
  });

  it('disposing one of two subscriptions of the same function removes only that one', () => {
    const e = new EventEmitter<number>();
    const got: number[] = [];
    const f = (v: number) => got.push(v);
    const d1 = e.event(f);
    e.event(f);
    d1.dispose();
    e.emit(7);
    expect(got).toEqual([7]);
  });

  it('a listener added or removed during emit does not disturb the current emit', () => {
    const e = new EventEmitter<number>();
    const log: string[] = [];
    let late: { dispose(): void } | undefined;
    const second: { dispose(): void } = { dispose: () => undefined };
    e.event((v) => {
      log.push(`first${v}`);
      late ??= e.event((x) => log.push(`late${x}`));
      second.dispose();
    });
    const d = e.event((v) => log.push(`second${v}`));
    second.dispose = () => d.dispose();
    e.emit(1);
    e.emit(2);
    expect(log).toEqual(['first1', 'second1', 'first2', 'late2']);
  });

  it('emitting with no listeners is a no-op', () => {
    expect(() => new EventEmitter<number>().emit(1)).not.toThrow();
  });
});

describe('combineDisposables', () => {
  it('disposes every subscription', () => {
    const e = new EventEmitter<number>();
    const got: number[] = [];
    const all = combineDisposables(e.event((v) => got.push(v)), e.event((v) => got.push(v * 10)));
    e.emit(1);
    all.dispose();
    e.emit(2);
    expect(got).toEqual([1, 10]);
    expect(e.hasListeners).toBe(false);
  });
});
