/**
 * Local time for contexts. A context's `now` carries the user's UTC offset, and quiet hours
 * and the `localHour`/`localDayOfWeek` facts read the wall clock at that offset. The usual
 * JavaScript `toISOString()` of the current Date writes UTC (`Z`): a Tokyo user at 23:10 would be
 * decided as if it were 14:10. `localTimestamp(date)` writes the device's own offset.
 */
import { parseTimestamp } from '../shared/time.js';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The RFC 3339 text of an instant at the device's local UTC offset for that instant
 * (`date.getTimezoneOffset()`, so daylight saving time is the one in force at that instant,
 * and half-hour and 45-minute zones come out exact: `+05:30`, `+05:45`, `-03:30`).
 * Milliseconds are written only when there are some. Throws a RangeError for an invalid
 * Date or a year outside 0000-9999 (which RFC 3339 cannot write).
 *
 * @example
 * localTimestamp(new Date(Date.UTC(2026, 2, 1, 14, 10))); // '2026-03-01T23:10:00+09:00' in Tokyo
 * localTimestamp(new Date(Date.UTC(2026, 2, 1, 14, 10))); // '2026-03-01T09:10:00-05:00' in New York
 */
export function localTimestamp(date: Date): string {
  const ms = date.getTime();
  // Minutes east of UTC. Historical local mean times have offsets in seconds (Paris before
  // 1911: +00:09:21); RFC 3339 writes minutes, so they round, and the instant stays exact
  // because the wall clock is computed from the rounded offset.
  const offset = Math.round(-date.getTimezoneOffset()) + 0;
  if (!Number.isFinite(ms) || !Number.isFinite(offset)) throw new RangeError('localTimestamp: invalid Date');
  // toISOString of the shifted instant is the wall clock at that offset: pure arithmetic.
  const wall = new Date(ms + offset * 60_000).toISOString();
  const fraction = wall.slice(19, 23);
  const abs = Math.abs(offset);
  const text = `${wall.slice(0, 19)}${fraction === '.000' ? '' : fraction}${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  if (parseTimestamp(text)?.ms !== ms) {
    throw new RangeError(`localTimestamp: ${wall} cannot be written as an RFC 3339 date-time`);
  }
  return text;
}
