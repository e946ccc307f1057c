import { describe, expect, it } from 'vitest';
import { alignColumns } from './format-table';

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
