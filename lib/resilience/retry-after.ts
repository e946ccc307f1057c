import { parseHttpDate } from './http-date';

/**
 * Reading the server's "wait this long" hint.
 *
 * OpenAI sends `retry-after-ms` (non-standard, milliseconds) and the standard
 * `Retry-After` (RFC 9110 §10.2.3: whole seconds or an HTTP date). We read them
 * in the openai SDK's order, but more strictly than openai 6.x does: the SDK
 * `parseFloat`s whatever it gets and then sleeps for it, so `Retry-After: 120`
 * hangs a request for two minutes and `-5` or `soon` retries at once. Here
 * every unusable value is reported with a reason, so the caller can fall back
 * to its own backoff and the dashboard can say why.
 */

/** Response headers: a fetch `Headers` or a plain record (keys in any case). */
export type HeadersLike = Headers | Record<string, string | undefined> | undefined | null;

/** Where a valid delay came from. */
export type RetryAfterSource = 'retry-after-ms' | 'retry-after';

/** The parsed hint: a delay in ms, or why there is none to use. */
export type RetryAfter =
  | { ok: true; ms: number; source: RetryAfterSource; raw: string }
  | { ok: false; reason: 'missing' | 'invalid' | 'negative' | 'too-large'; raw?: string };

/** Options of {@link parseRetryAfter}. */
export interface ParseRetryAfterOptions {
  /**
   * Current *epoch* ms, for the HTTP-date form. Default `Date.now`. In the sandbox pass a wall
   * clock (see {@link wallClockFrom}), never a sandbox clock that started at 0.
   */
  now?: () => number;
  /** Longest delay accepted, in ms. Default 60 000 (older openai SDKs used the same 60 s bound). */
  maxMs?: number;
}

/** Default upper bound on an honoured Retry-After, in ms. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

const MISSING: RetryAfter = Object.freeze({ ok: false, reason: 'missing' });
/** A plain decimal number, optionally signed, fractional or with an exponent. Stricter than `parseFloat` ("2abc" is not 2). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Read one header from {@link HeadersLike}, case-insensitively. */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | undefined>;
  const exact = record[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

/**
 * Parse `retry-after-ms`, then `Retry-After` (seconds, fractional allowed, or an HTTP date).
 * A date already in the past means "retry now" (0 ms); a negative *number* is malformed.
 * When both headers are present but unusable, the `Retry-After` failure is reported.
 */
export function parseRetryAfter(headers: HeadersLike, options: ParseRetryAfterOptions = {}): RetryAfter {
  if (!headers) return MISSING;
  const maxMs = options.maxMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const msRaw = readHeader(headers, 'retry-after-ms')?.trim();
  const secondsRaw = readHeader(headers, 'retry-after')?.trim();

  let msResult: RetryAfter | undefined;
  if (msRaw) {
    msResult = check(NUMBER.test(msRaw) ? Number(msRaw) : NaN, msRaw, 'retry-after-ms', maxMs);
    if (msResult.ok) return msResult;
  }
  if (secondsRaw) {
    let ms: number;
    if (NUMBER.test(secondsRaw)) ms = Number(secondsRaw) * 1000;
    else {
      const now = (options.now ?? Date.now)();
      // parseHttpDate, not Date.parse: all three forms are GMT, even asctime's, which has no zone.
      ms = Math.max(0, parseHttpDate(secondsRaw, now) - now);
    }
    return check(ms, secondsRaw, 'retry-after', maxMs);
  }
  return msResult ?? MISSING;
}

function check(ms: number, raw: string, source: RetryAfterSource, maxMs: number): RetryAfter {
  if (!Number.isFinite(ms)) return { ok: false, reason: 'invalid', raw };
  if (ms < 0) return { ok: false, reason: 'negative', raw };
  if (ms > maxMs) return { ok: false, reason: 'too-large', raw };
  return { ok: true, ms, source, raw };
}

/**
 * Describe a valid hint for a formula line, e.g. `Retry-After: 2 s → 2 s`,
 * `retry-after-ms: 1500 ms → 1.5 s`, `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT → 3 s`.
 */
export function describeRetryAfter(r: Extract<RetryAfter, { ok: true }>): string {
  const seconds = `${Number((r.ms / 1000).toFixed(3))} s`;
  if (r.source === 'retry-after-ms') return `retry-after-ms: ${r.raw} ms → ${seconds}`;
  return `Retry-After: ${NUMBER.test(r.raw) ? `${r.raw} s` : r.raw} → ${seconds}`;
}
