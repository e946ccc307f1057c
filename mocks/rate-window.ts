/**
 * A per-minute rate limit on sandbox time: requests and tokens per window,
 * the way OpenAI's `x-ratelimit-*` headers describe it. The window opens at
 * the first request it counts and resets one minute later, so a fresh client
 * sees the whole countdown: ten calls leave 9, 8, … 0, the eleventh gets a 429
 * whose wait is exactly the time left in the window.
 *
 * Time comes in as an argument (ms of the upstream's injected clock), so the
 * same window runs in real time, fast-forwarded, or on a virtual clock.
 */

/** Limits of one window. */
export interface WindowLimits {
  /** Requests per window. */
  requests: number;
  /** Tokens per window (prompt plus answer, estimated from their length). */
  tokens: number;
  /** Refuse what goes over (a 429). `false` only counts, for the headers. */
  enforce: boolean;
}

/** Length of a window in ms: one minute. */
export const WINDOW_MS = 60_000;

/** What the healthy API advertises when no limit is enforced: 500 requests and 200 000 tokens a minute, counted only. */
export const ADVERTISED_LIMITS: WindowLimits = Object.freeze({ requests: 500, tokens: 200_000, enforce: false });

/** The window's state as the headers report it. */
export interface WindowSnapshot {
  limitRequests: number;
  remainingRequests: number;
  limitTokens: number;
  remainingTokens: number;
  /** Ms until the window resets (a full window when none is open). */
  resetMs: number;
}

/** The verdict on one request. */
export type WindowVerdict =
  | { ok: true; snapshot: WindowSnapshot }
  /** Over a limit: nothing was counted; `waitMs` is the time to the reset; `limit` says which ran out. */
  | { ok: false; snapshot: WindowSnapshot; waitMs: number; limit: 'requests' | 'tokens' };

/** A rate window shared by all requests to one upstream. */
export interface RateWindow {
  /** The state at `now`, counting nothing (for responses that are not generations). */
  peek(now: number, limits?: WindowLimits): WindowSnapshot;
  /** Count one request of `tokens` at `now`, unless it goes over an enforced limit. */
  take(now: number, tokens: number, limits?: WindowLimits): WindowVerdict;
}

/** Create an empty window. */
export function createRateWindow(): RateWindow {
  let start = -Infinity;
  let requests = 0;
  let tokens = 0;
  /** Roll over to a fresh window once the old one has ended. */
  const roll = (now: number) => {
    if (now >= start + WINDOW_MS) [start, requests, tokens] = [-Infinity, 0, 0];
  };
  const snapshot = (now: number, limits: WindowLimits): WindowSnapshot => ({
    limitRequests: limits.requests,
    remainingRequests: Math.max(0, limits.requests - requests),
    limitTokens: limits.tokens,
    remainingTokens: Math.max(0, limits.tokens - tokens),
    resetMs: Number.isFinite(start) ? start + WINDOW_MS - now : WINDOW_MS,
  });
  return {
    peek(now, limits = ADVERTISED_LIMITS) {
      roll(now);
      return snapshot(now, limits);
    },
    take(now, cost, limits = ADVERTISED_LIMITS) {
      roll(now);
      if (limits.enforce) {
        const over = requests + 1 > limits.requests ? 'requests' : tokens + cost > limits.tokens ? 'tokens' : null;
        // A request bigger than a whole window can never pass; it is refused like any other, never counted.
        if (over) return { ok: false, snapshot: snapshot(now, limits), waitMs: Number.isFinite(start) ? start + WINDOW_MS - now : WINDOW_MS, limit: over };
      }
      if (!Number.isFinite(start)) start = now;
      requests++;
      tokens += cost;
      return { ok: true, snapshot: snapshot(now, limits) };
    },
  };
}
