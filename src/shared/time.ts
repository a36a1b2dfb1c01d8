/**
 * RFC 3339 timestamps as plain numbers (epoch milliseconds) plus the offset they were
 * written in. Nothing here reads the machine's clock or time zone: `Date.UTC` and
 * `toISOString` are pure, so the same input gives the same output under any `TZ`.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** A parsed timestamp: the instant, and the UTC offset (minutes) it was written with. */
interface Instant {
  readonly ms: number;
  readonly offsetMinutes: number;
}

/** The two-digit number at `i`, or -10000 (below any sum of them) when either character is not a digit. */
const two = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return (a | (9 - a) | b | (9 - b)) < 0 ? -1e4 : a * 10 + b;
};

/** Days before each month in a common year. */
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/**
 * The instant (epoch ms) of an RFC 3339 date-time, or NaN when `s` is not one: a missing
 * offset, an impossible date (`2024-02-30`), other formats (`03/10/2024`). Fractions past
 * milliseconds are truncated. One pass over fixed positions, no allocation: contexts carry
 * several timestamps and validation reads every one.
 *
 * @example
 * timestampMs('2026-03-01T09:30:00+01:00'); // 1772353800000
 * timestampMs('2026-03-01T09:30:00');       // NaN: no offset
 */
export function timestampMs(s: string): number {
  const n = s.length;
  if (n < 20 || n > 40) return Number.NaN;
  // YYYY-MM-DDTHH:MM:SS: the separators, then each two-digit group as a number
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (s.charCodeAt(10) | 32) !== 116) return Number.NaN;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (!(year >= 0 && minute >= 0 && second >= 0 && hour >= 0)) return Number.NaN;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const leap = (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  const before = DAYS_BEFORE[month - 1] as number;
  if (day > (month === 2 ? 28 + leap : (DAYS_BEFORE[month] as number) - before)) return Number.NaN;
  let i = 19;
  let millis = 0;
  if (s.charCodeAt(19) === 46) {
    // '.' and at least one digit; the first three are the milliseconds
    for (let scale = 100; ++i < n; scale /= 10) {
      const x = s.charCodeAt(i) - 48;
      if (x < 0 || x > 9) break;
      if (scale >= 1) millis += x * scale;
    }
    if (i === 20) return Number.NaN;
  }
  const z = s.charCodeAt(i);
  let offset = 0;
  if (z === 43 || z === 45) {
    // '+' or '-' and HH:MM, to the end
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58 || oh < 0 || om < 0 || oh > 23 || om > 59)
      return Number.NaN;
    offset = z === 45 ? -(oh * 60 + om) : oh * 60 + om;
  } else if ((z | 32) !== 122 || i + 1 !== n) {
    return Number.NaN; // not 'Z' or 'z' as the last character
  }
  // Days since 1970-01-01 in the proleptic Gregorian calendar; q = year + 399 keeps the
  // divisions on positive numbers, where truncating is flooring (year 0 included).
  const q = year + 399;
  const days = 365 * (year - 1970) + (q >> 2) - ((q / 100) | 0) + ((q / 400) | 0) - 574 + before;
  const dayOfYear = (month > 2 ? leap : 0) + day - 1;
  return (
    (days + dayOfYear) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    (minute - offset) * MS_PER_MINUTE +
    second * 1000 +
    millis
  );
}

/**
 * The UTC offset (minutes) a timestamp accepted by {@link timestampMs} was written with.
 *
 * @example
 * offsetMinutesOf('2026-03-01T09:30:00-09:30'); // -570
 */
export function offsetMinutesOf(s: string): number {
  const n = s.length;
  const sign = s.charCodeAt(n - 6);
  if (sign !== 43 && sign !== 45) return 0; // ends in Z
  const c =
    s.charCodeAt(n - 5) * 600 + s.charCodeAt(n - 4) * 60 + s.charCodeAt(n - 2) * 10 + s.charCodeAt(n - 1);
  const m = c - 48 * 671; // each digit's code minus 48, weighted 600 + 60 + 10 + 1
  return sign === 45 ? -m : m;
}

/**
 * Parses an RFC 3339 date-time (`2026-03-01T09:30:00Z`, `2026-03-01T09:30:00.5+05:30`).
 * Returns `null` for anything else: a missing offset, an impossible date (`2024-02-30`),
 * other formats (`03/10/2024`). Fractions past milliseconds are truncated.
 *
 * @example
 * parseTimestamp('2026-03-01T09:30:00+01:00'); // { ms: 1772353800000, offsetMinutes: 60 }
 * parseTimestamp('2026-03-01T09:30:00');       // null: no offset
 */
export function parseTimestamp(s: string): Instant | null {
  const ms = timestampMs(s);
  return !Number.isNaN(ms) ? { ms, offsetMinutes: offsetMinutesOf(s) } : null;
}

/**
 * The ISO 8601 text (UTC, `Z`) of an instant, as used for `retryAt`.
 *
 * @example
 * formatTimestamp(0); // '1970-01-01T00:00:00.000Z'
 */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** Local wall-clock hour (0-23) of an instant at an offset. */
export function localHour(ms: number, offsetMinutes: number): number {
  const local = ms + offsetMinutes * MS_PER_MINUTE;
  return Math.floor(mod(local, MS_PER_DAY) / MS_PER_HOUR);
}

/** Local day of the week (0 = Sunday … 6 = Saturday) of an instant at an offset. */
export function localDayOfWeek(ms: number, offsetMinutes: number): number {
  const local = ms + offsetMinutes * MS_PER_MINUTE;
  return mod(Math.floor(local / MS_PER_DAY) + 4, 7); // 1970-01-01 was a Thursday
}

/** The first instant at or after `ms` whose local time is `hour`:00 at the given offset. */
export function nextLocalHour(ms: number, offsetMinutes: number, hour: number): number {
  const local = ms + offsetMinutes * MS_PER_MINUTE;
  let candidate = Math.floor(local / MS_PER_DAY) * MS_PER_DAY + hour * MS_PER_HOUR;
  if (candidate < local) candidate += MS_PER_DAY;
  return candidate - offsetMinutes * MS_PER_MINUTE;
}

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}
