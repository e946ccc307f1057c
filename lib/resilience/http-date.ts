/**
 * HTTP dates (RFC 9110 §5.6.7), as `Retry-After` may carry them. All three forms are GMT:
 *
 *   IMF-fixdate  `Sun, 06 Nov 1994 08:49:37 GMT`   (the one servers must send)
 *   RFC 850      `Sunday, 06-Nov-94 08:49:37 GMT`  (obsolete, two-digit year)
 *   asctime      `Sun Nov  6 08:49:37 1994`        (obsolete, no zone at all)
 *
 * Why not `Date.parse`: V8 reads the zone-less asctime form as *local* time, so the
 * same header meant a different wait on a laptop in Beijing than on a server in UTC.
 * And it reads RFC 850's `94` as 1994 but `49` as 2049 by its own rule, not the RFC's.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const LONG_DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const MON = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const IMF = new RegExp(`^${DAY},\\s+(\\d{1,2})\\s+${MON}\\s+(\\d{4})\\s+${TIME}\\s+GMT$`, 'i');
const RFC850 = new RegExp(`^${LONG_DAY},\\s+(\\d{1,2})-${MON}-(\\d{2}|\\d{4})\\s+${TIME}\\s+GMT$`, 'i');
const ASCTIME = new RegExp(`^${DAY}\\s+${MON}\\s+(\\d{1,2})\\s+${TIME}\\s+(\\d{4})$`, 'i');
/** Any other text that starts with a day name and names its zone explicitly: safe for `Date.parse`. */
const OTHER_ZONED = new RegExp(`^${DAY}[a-z]*,?\\s.*\\s(?:GMT|UTC|UT|Z|[+-]\\d{2}:?\\d{2})$`, 'i');

/** Milliseconds in the 50 years RFC 9110 allows an RFC 850 date to lie in the future. */
const FIFTY_YEARS_MS = 50 * 365.2425 * 86_400_000;

/**
 * Parse an HTTP date into epoch ms (UTC), or `NaN` when `text` is not one.
 * The weekday is not checked against the date (RFC 9110 does not require it).
 * @param text the header value, already trimmed.
 * @param nowMs current epoch ms, used only to place RFC 850's two-digit year: a date
 *   more than 50 years ahead means the most recent past year with those digits
 *   (RFC 9110 §5.6.7). Default `Date.now()`.
 */
export function parseHttpDate(text: string, nowMs: number = Date.now()): number {
  let m = IMF.exec(text);
  if (m) return utc(+m[3]!, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
  m = ASCTIME.exec(text);
  if (m) return utc(+m[6]!, m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
  m = RFC850.exec(text);
  if (m) {
    const yy = +m[3]!;
    if (m[3]!.length === 4) return utc(yy, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
    const century = Math.floor(new Date(nowMs).getUTCFullYear() / 100) * 100;
    const t = utc(century + yy, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
    return t - nowMs > FIFTY_YEARS_MS ? utc(century - 100 + yy, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!) : t;
  }
  return OTHER_ZONED.test(text) ? Date.parse(text) : NaN;
}

/** Epoch ms of a calendar date and time in UTC; `NaN` for an impossible one (31 Feb, 25:00). */
function utc(year: number, month: string, day: number, h: number, min: number, s: number): number {
  const mon = MONTHS.indexOf(month.toLowerCase());
  if (h > 23 || min > 59 || s > 60) return NaN; // 60: a leap second, which Date rolls into the next minute
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  d.setUTCFullYear(year, mon, day);
  if (d.getUTCMonth() !== mon || d.getUTCDate() !== day) return NaN;
  return d.getTime() + ((h * 60 + min) * 60 + s) * 1000;
}
