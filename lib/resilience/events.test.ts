import { describe, it, expect, vi, afterEach } from 'vitest';
import {
  EventEmitter,
  LISTENER_ERROR_LOG_INTERVAL_MS,
  ListenerLimitError,
  combineDisposables,
  isListenerLimitError,
} from './events';
import { VirtualClock } from './virtual-clock';

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

describe('EventEmitter — a throwing listener is isolated', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps delivering to the other listeners and reports the error to onListenerError', () => {
    const errors: unknown[] = [];
    const e = new EventEmitter<number>({ onListenerError: (err) => errors.push(err) });
    const got: string[] = [];
    const boom = new Error('boom');
    e.event((v) => got.push(`a${v}`));
    e.event(() => {
      throw boom;
    });
    e.event((v) => got.push(`c${v}`));
    expect(() => e.emit(1)).not.toThrow();
    e.emit(2);
    expect(got).toEqual(['a1', 'c1', 'a2', 'c2']);
    expect(errors).toEqual([boom, boom]);
  });

  it('reports an async listener’s rejection instead of leaving it unhandled', async () => {
    const errors: unknown[] = [];
    const e = new EventEmitter<number>({ onListenerError: (err) => errors.push(err) });
    const later: number[] = [];
    e.event((async () => {
      await Promise.resolve();
      throw new Error('async boom');
    }) as unknown as (v: number) => void);
    e.event((v) => later.push(v));
    e.emit(5);
    expect(later).toEqual([5]);
    await new Promise((r) => setImmediate(r));
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('async boom');
  });

  it('survives an onListenerError hook that throws too', () => {
    const e = new EventEmitter<number>({
      onListenerError: () => {
        throw new Error('reporter broken');
      },
    });
    const got: number[] = [];
    e.event(() => {
      throw new Error('listener broken');
    });
    e.event((v) => got.push(v));
    expect(() => e.emit(3)).not.toThrow();
    expect(got).toEqual([3]);
  });

  it('by default logs with console.error at most once per second per emitter, counting what it suppressed', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const clock = new VirtualClock(10_000);
    const e = new EventEmitter<number>({ clock });
    const other = new EventEmitter<number>({ clock });
    e.event(() => {
      throw new Error('again');
    });
    other.event(() => {
      throw new Error('elsewhere');
    });
    for (let i = 0; i < 100; i++) e.emit(i);
    expect(spy).toHaveBeenCalledTimes(1);
    other.emit(0); // a second emitter has its own budget
    expect(spy).toHaveBeenCalledTimes(2);
    await clock.set(10_000 + LISTENER_ERROR_LOG_INTERVAL_MS - 1);
    e.emit(0);
    expect(spy).toHaveBeenCalledTimes(2);
    await clock.set(10_000 + LISTENER_ERROR_LOG_INTERVAL_MS);
    e.emit(0);
    expect(spy).toHaveBeenCalledTimes(3);
    expect(String(spy.mock.calls[2]![0])).toContain('100 more suppressed');
  });
});

describe('EventEmitter — maxListeners', () => {
  it('throws a branded RangeError past the cap, subscribes nothing, and frees a slot on dispose', () => {
    const e = new EventEmitter<number>({ maxListeners: 2 });
    const got: number[] = [];
    const d1 = e.event((v) => got.push(v));
    e.event((v) => got.push(v * 10));
    let thrown: unknown;
    try {
      e.event((v) => got.push(v * 100));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(thrown).toBeInstanceOf(ListenerLimitError);
    expect(isListenerLimitError(thrown)).toBe(true);
    expect(isListenerLimitError(new RangeError('x'))).toBe(false);
    expect((thrown as ListenerLimitError).maxListeners).toBe(2);
    expect(e.listenerCount).toBe(2);
    e.emit(1);
    expect(got).toEqual([1, 10]);
    d1.dispose();
    expect(e.listenerCount).toBe(1);
    expect(() => e.event(() => undefined)).not.toThrow();
    expect(e.listenerCount).toBe(2);
  });

  it('rejects a malformed cap; 0 refuses every subscriber', () => {
    expect(() => new EventEmitter({ maxListeners: -1 })).toThrow(RangeError);
    expect(() => new EventEmitter({ maxListeners: 1.5 })).toThrow(RangeError);
    expect(() => new EventEmitter({ maxListeners: NaN })).toThrow(RangeError);
    expect(() => new EventEmitter({ maxListeners: 0 }).event(() => undefined)).toThrow(ListenerLimitError);
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
