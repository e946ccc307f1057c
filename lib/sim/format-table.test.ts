import { describe, expect, it } from 'vitest';
import { alignColumns, formatStormTable } from './format-table';
import { simulateStorm } from './storm-model';

describe('alignColumns', () => {
  it('left-aligns text, right-aligns numbers, and rounds sensibly', () => {
    const text = alignColumns(['name', 'calls'], [['full', 796.4], ['exponential', 12.345], ['none', 7]]);
    expect(text.split('\n')).toEqual([
      'name         calls',
      '-----------  -----',
      'full           796',
      'exponential   12.3',
      'none             7',
    ]);
  });
});

describe('formatStormTable', () => {
  it('titles the run with every setting and prints one row', () => {
    const r = simulateStorm({ durationS: 5, rate: 100, layers: 2, backoff: { id: 'full', baseMs: 10, capMs: 100 }, budget: { kind: 'grpc' }, breaker: {} });
    const [title, blank, header, , row] = formatStormTable(r).split('\n');
    expect(title).toBe(
      'storm model, 5 s at 100 requests/s, capacity 1250/s, seed 1, fail 0, timeout 1000 ms, 3 attempts × 2 layers (≤ 9 calls), ' +
        'backoff full 10–100 ms, budget grpc 10:0.1, breaker ≥ 0.5 over 10000 ms, no dip',
    );
    expect(blank).toBe('');
    expect(header).toMatch(/^run\s+calls\/request/);
    expect(row).toMatch(/^as given\s+×1\.000\s+100\.0%\s+–\s+–\s+–\s+0\s+0$/);
  });
});
