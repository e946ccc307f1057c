import { describe, expect, it } from 'vitest';
import type { RoomRun } from '@/lib/contract';
import { runSummary, timeDomain, trafficRows, yTop } from './chart-data';

const run = (first: number[], retries: number[], startAt = 10_000, startedAt = 10_000): RoomRun => ({
  script: 'outage-then-recovery',
  policy: 'no-jitter',
  studentsChoose: false,
  startedAt,
  endedAt: null,
  totals: { calls: first.length + retries.length, firstTries: 0, retries: 0, refused: 2, ok: 3, peakPerS: 0, meanPerS: 0 },
  series: { binMs: 200, startAt, first, retries, refused: first.map(() => 0), ok: first.map(() => 0), open: first.map((_, i) => i) },
});

describe('room chart data', () => {
  it('turns bins into calls per second on script time', () => {
    const rows = trafficRows(run([1, 0, 3], [0, 2, 0]));
    expect(rows).toEqual([
      { t: 0, first: 5, retries: 0, refused: 0, open: 0 },
      { t: 0.2, first: 0, retries: 10, refused: 0, open: 1 },
      { t: 0.4, first: 15, retries: 0, refused: 0, open: 2 },
    ]);
    // A series that starts after the run did (older bins dropped) keeps its script time.
    expect(trafficRows(run([1], [0], 70_000, 10_000))[0]!.t).toBe(60);
  });

  it('keeps the axes steady: at least a minute of time, room for the capacity line', () => {
    expect(timeDomain([])).toEqual([0, 60]);
    expect(timeDomain(trafficRows(run(new Array(400).fill(1), new Array(400).fill(0))))).toEqual([0, 80]);
    const rows = trafficRows(run([1, 8], [1, 1]));
    expect(yTop(rows, null)).toBe(45);
    expect(yTop(rows, 100)).toBe(100);
  });

  it('sums a run up: peak over mean after the common start, refusals, the ok share', () => {
    const spiky = runSummary(run(Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? 10 : 0)), new Array(100).fill(0)));
    const smooth = runSummary(run(new Array(100).fill(2), new Array(100).fill(0)));
    expect(spiky.peakToMean).toBeGreaterThan(4.5); // 5, but for the quiet tail the busy-bin rule leaves out
    expect(smooth.peakToMean).toBe(1);
    expect(smooth.refused).toBe(2);
    expect(smooth.ok).toBeCloseTo(3 / 200);
  });
});
