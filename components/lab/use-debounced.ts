'use client';

import { useEffect, useState } from 'react';

/**
 * `value`, but only once it has stopped changing for `delayMs` (default 100 ms).
 * Dragging a slider then starts one computation at the end of a burst of input
 * events, not one per pixel.
 */
export function useDebounced<T>(value: T, delayMs = 100): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(id);
  }, [value, delayMs]);
  return settled;
}
