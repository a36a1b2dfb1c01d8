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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
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
  if (s.length < 20 || s.length > 40) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const t = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (t !== 84 && t !== 116)) return null;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return null;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > maxDay) return null;
  let i = 19;
  let millis = 0;
  if (s.charCodeAt(i) === 46) {
    i++;
    const start = i;
    let scale = 100;
    while (i < s.length) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      millis += c * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return null;
    millis = Math.floor(millis);
  }
  let offsetMinutes: number;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    if (i + 1 !== s.length) return null;
    offsetMinutes = 0;
  } else if (z === 43 || z === 45) {
    if (i + 6 !== s.length || s.charCodeAt(i + 3) !== 58) return null;
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
    offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return null;
  }
  const epochDays = daysFromCivil(year, month, day);
  const local = epochDays * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millis;
  return { ms: local - offsetMinutes * MS_PER_MINUTE, offsetMinutes };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
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
