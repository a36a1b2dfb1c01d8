/**
 * The simulation's calendar: instants are epoch milliseconds; each user lives at a fixed
 * UTC offset and their days are local calendar days. Timestamps for contexts are written
 * with the user's offset (`2026-03-02T19:04:10+01:00`), as a device would send them.
 * Integer arithmetic only (no `Date`, no time zone database): the same on every machine.
 */

export const MS_MINUTE = 60_000;
export const MS_HOUR = 3_600_000;
export const MS_DAY = 86_400_000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * RFC 3339 text of an instant (whole seconds) at a UTC offset in minutes.
 *
 * @example
 * isoAt(1772445600000, 60); // '2026-03-02T11:00:00+01:00'
 */
export function isoAt(ms: number, offsetMinutes: number): string {
  const local = ms + offsetMinutes * MS_MINUTE;
  const days = Math.floor(local / MS_DAY);
  const inDay = Math.floor((local - days * MS_DAY) / 1000);
  const [y, mo, d] = civil(days);
  const h = Math.floor(inDay / 3600);
  const mi = Math.floor((inDay % 3600) / 60);
  const s = inDay % 60;
  const a = Math.abs(offsetMinutes);
  const off =
    offsetMinutes === 0 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
  return `${y}-${pad2(mo)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}${off}`;
}

/**
 * Epoch milliseconds of a `YYYY-MM-DD` date at 00:00 UTC, or null if it is not one.
 *
 * @example
 * parseDay('2026-03-02'); // 1772409600000
 */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  const back = civil(days);
  if (back[0] !== y || back[1] !== mo || back[2] !== d) return null;
  return days * MS_DAY;
}
