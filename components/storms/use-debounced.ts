'use client';

import { useEffect, useState } from 'react';

/**
 * `value`, but only once it has stopped changing for `delayMs` (default 100 ms),
 * so dragging a slider starts one run at the end of a burst of input events.
 * (The same hook as the jitter lab's; kept here so the two labs stay independent.)
 */
export function useDebounced<T>(value: T, delayMs = 100): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(id);
  }, [value, delayMs]);
  return settled;
}
