import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { parseHttpDate } from './http-date';

const RFC_EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37); // RFC 9110 §5.6.7's example instant
const NOW = Date.UTC(2026, 0, 1);
const savedTz = process.env.TZ;
const inZone = (tz: string) => (process.env.TZ = tz);

describe('parseHttpDate', () => {
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('reads the three forms of RFC 9110’s example as the same GMT instant, whatever the local zone', () => {
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Chatham']) {
      inZone(tz);
      expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(RFC_EXAMPLE);
      expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(RFC_EXAMPLE);
      expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(RFC_EXAMPLE);
    }
  });

  it('the zone change is real: Date.parse reads asctime as local time (why this parser exists)', () => {
    inZone('Asia/Shanghai');
    expect(Date.parse('Sun Nov  6 08:49:37 1994')).toBe(RFC_EXAMPLE - 8 * 3_600_000);
    inZone('UTC');
    expect(Date.parse('Sun Nov  6 08:49:37 1994')).toBe(RFC_EXAMPLE);
  });

  it('places RFC 850’s two-digit year by the RFC’s 50-year rule, relative to now', () => {
    // In 2026, "49" is 2049 (23 years ahead) and "94" is 1994; "77" would be 2077 (> 50 years ahead), so 1977.
    expect(parseHttpDate('Monday, 01-Jan-49 00:00:00 GMT', NOW)).toBe(Date.UTC(2049, 0, 1));
    expect(parseHttpDate('Tuesday, 01-Jan-77 00:00:00 GMT', NOW)).toBe(Date.UTC(1977, 0, 1));
    expect(parseHttpDate('Monday, 01-Jan-26 00:00:00 GMT', NOW)).toBe(Date.UTC(2026, 0, 1));
    // A date in 2070 sees "94" as 2094 (24 years ahead), where V8's fixed rule would say 1994.
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(2070, 0, 1))).toBe(Date.UTC(2094, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sunday, 06-Nov-1994 08:49:37 GMT', NOW)).toBe(RFC_EXAMPLE);
  });

  it('is case-insensitive, tolerates extra spaces, ignores a wrong weekday', () => {
    expect(parseHttpDate('sun, 06 nov 1994 08:49:37 gmt', NOW)).toBe(RFC_EXAMPLE);
    expect(parseHttpDate('Sun,  6 Nov 1994  08:49:37 GMT', NOW)).toBe(RFC_EXAMPLE);
    expect(parseHttpDate('Mon, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(RFC_EXAMPLE);
  });

  it('rejects impossible dates and times, other zones without a marker, and non-dates', () => {
    for (const bad of [
      'Sun, 31 Feb 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 24:00:00 GMT',
      'Sun, 06 Nov 1994 08:60:00 GMT',
      'Sun, 06 Foo 1994 08:49:37 GMT',
      'Sun Nov  6 08:49:37', // asctime without its year
      'Sun, 06 Nov 1994 08:49:37', // IMF without GMT: no zone, so ambiguous
      'Wed, 99 Foo 2015',
      'soon',
      '',
      '1994-11-06T08:49:37Z', // ISO 8601 is not an HTTP date
    ])
      expect(parseHttpDate(bad, NOW), bad).toBeNaN();
  });

  it('accepts a leap second and other explicitly zoned day-name forms', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT', NOW)).toBe(Date.UTC(2017, 0, 1));
    expect(parseHttpDate('Sun, 06 Nov 1994 16:49:37 +0800', NOW)).toBe(RFC_EXAMPLE);
  });

  it('property: each form of toUTCString() round-trips exactly', () => {
    const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31) / 1000 }), (s) => {
        const t = s * 1000;
        const d = new Date(t);
        expect(parseHttpDate(d.toUTCString(), NOW)).toBe(t);
        const p2 = (n: number) => String(n).padStart(2, '0');
        const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
        const asctime = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`;
        expect(parseHttpDate(asctime, NOW)).toBe(t);
      }),
    );
  });
});
