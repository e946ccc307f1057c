import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enqueueTurn, STAGGER_MS } from './use-staggered';

describe('enqueueTurn', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs queued jobs one per turn, in order, STAGGER_MS apart', () => {
    const ran: string[] = [];
    enqueueTurn(() => ran.push('a'));
    enqueueTurn(() => ran.push('b'));
    enqueueTurn(() => ran.push('c'));
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(STAGGER_MS - 1);
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a', 'b']);
    vi.advanceTimersByTime(STAGGER_MS);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('drops a cancelled job and keeps the others', () => {
    const ran: string[] = [];
    enqueueTurn(() => ran.push('a'));
    const cancel = enqueueTurn(() => ran.push('b'));
    enqueueTurn(() => ran.push('c'));
    cancel();
    vi.runAllTimers();
    expect(ran).toEqual(['a', 'c']);
  });

  it('starts again after the queue ran dry', () => {
    const ran: number[] = [];
    enqueueTurn(() => ran.push(1));
    vi.runAllTimers();
    enqueueTurn(() => ran.push(2));
    vi.advanceTimersByTime(0);
    expect(ran).toEqual([1, 2]);
  });
});
