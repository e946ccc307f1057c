/**
 * Where the instructor's browser keeps a room's token: in the instructor
 * link's fragment (`/room/CODE#token=…`, never sent to a server) and, once
 * seen, in this browser's localStorage, so reopening `/room/CODE` works.
 * Client-only: call from effects and event handlers.
 */

const key = (code: string) => `sandbox-room-token:${code}`;

/** The token in the address's fragment (`#token=…`), if any. */
export function tokenInHash(): string | null {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
}

/** The token for `code`: from the address's fragment, else the one this browser remembers. */
export function readRoomToken(code: string): string | null {
  const fromHash = tokenInHash();
  if (fromHash) return fromHash;
  try {
    return window.localStorage.getItem(key(code));
  } catch {
    return null; // storage disabled: the link's fragment is the only way
  }
}

/** Remember `token` for `code` in this browser; false when storage is unavailable. */
export function saveRoomToken(code: string, token: string): boolean {
  try {
    window.localStorage.setItem(key(code), token);
    return window.localStorage.getItem(key(code)) === token;
  } catch {
    return false; // private mode without storage: the instructor link still works
  }
}

/**
 * Take the token out of the address bar once it is remembered, so a projected
 * browser shows `/room/CODE` and nothing a student could copy. Kept when the
 * browser cannot remember it (the fragment is then the only copy).
 */
export function hideTokenFromAddress(code: string): void {
  const token = tokenInHash();
  if (!token || !saveRoomToken(code, token)) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
}
