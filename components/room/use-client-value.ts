'use client';

import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * A value only the browser knows (the page's origin, a token in the address's
 * fragment), read without an effect: `serverValue` while rendering on the
 * server and hydrating, then `read()` — which must return the same value (a
 * string or null) until something changes.
 */
export function useClientValue<T extends string | null>(read: () => T, serverValue: T, subscribe: (onChange: () => void) => () => void = never): T {
  return useSyncExternalStore(subscribe, read, () => serverValue);
}

/** Re-read on `hashchange` (an instructor link pasted into the same tab). */
export function onHashChange(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
