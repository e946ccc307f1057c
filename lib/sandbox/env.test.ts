import { describe, expect, it } from 'vitest';
import { envNumber } from './env';

describe('envNumber', () => {
  it('reads a positive number, and falls back on anything else', () => {
    expect(envNumber('X', 7, { X: '250' })).toBe(250);
    expect(envNumber('X', 7, { X: '2.5' })).toBe(2.5);
    for (const bad of [undefined, '', '0', '-3', 'lots', 'NaN', 'Infinity']) expect(envNumber('X', 7, { X: bad })).toBe(7);
  });
});
