/**
 * RFC 3339 parsing and local wall-clock arithmetic: pure functions of the text and the
 * offset, never of the machine's time zone.
 */
import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  localDayOfWeek,
  localHour,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  nextLocalHour,
  parseTimestamp,
} from '../src/shared/time.js';

describe('parseTimestamp', () => {
  it.each([
    ['1970-01-01T00:00:00Z', 0],
    ['2026-03-01T09:30:00Z', 0],
    ['2026-03-01T09:30:00+01:00', 60],
    ['2026-03-01T09:30:00-05:00', -300],
    ['2026-03-01T09:30:00.5+05:30', 330],
    ['2026-03-01T09:30:00.123+05:45', 345],
    ['2026-03-01T09:30:00.999-09:30', -570],
    ['2026-03-01T09:30:00+12:45', 765],
    ['2024-02-29T23:59:59+14:00', 840],
    ['2000-02-29T00:00:00-12:00', -720],
    ['1999-12-31T23:59:59Z', 0],
    ['2026-12-31T23:59:59.001Z', 0],
  ])('%s is the instant new Date() reads, at offset %i', (s, offset) => {
    expect(parseTimestamp(s)).toEqual({ ms: new Date(s).getTime(), offsetMinutes: offset });
  });

  it('truncates fractions past milliseconds', () => {
    expect(parseTimestamp('2026-03-01T09:30:00.123999Z')?.ms).toBe(Date.parse('2026-03-01T09:30:00.123Z'));
  });

  it.each([
    '2026-03-01T09:30:00',
    '2026-03-01T09:30Z',
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '03/10/2024',
    '2026-03-01',
    '2026-03-01 09:30:00Z',
    '2026-03-01T25:00:00Z',
    '2026-03-01T09:60:00Z',
    '2026-03-01T09:30:00+24:00',
    '2026-03-01T09:30:00+01:60',
    '2026-03-01T09:30:00+0100',
    '2026-03-01T09:30:00Zjunk',
    '+02026-03-01T09:30:00Z',
    '',
  ])('refuses %j', (s) => {
    expect(parseTimestamp(s)).toBeNull();
  });
});

describe('formatTimestamp', () => {
  it('writes UTC ISO text with milliseconds', () => {
    expect(formatTimestamp(Date.parse('2026-03-01T09:30:00+01:00'))).toBe('2026-03-01T08:30:00.000Z');
  });
});

describe('local time at an offset', () => {
  const at = (s: string): number => new Date(s).getTime();

  it.each([
    ['2026-03-01T23:30:00Z', 0, 23],
    ['2026-03-01T23:30:00Z', 60, 0],
    ['2026-03-01T23:30:00Z', -300, 18],
    ['2026-03-01T23:30:00Z', 345, 5],
    ['2026-03-01T00:15:00Z', -570, 14],
    ['2026-03-01T11:00:00Z', 765, 23],
    ['2026-03-01T11:15:00Z', 765, 0],
  ])('%s at offset %i is local hour %i', (s, offset, hour) => {
    expect(localHour(at(s), offset)).toBe(hour);
  });

  it.each([
    ['1970-01-01T00:00:00Z', 0, 4],
    ['2024-01-01T12:00:00Z', 0, 1],
    ['2026-03-01T12:00:00Z', 0, 0],
    ['2026-03-01T23:30:00Z', 60, 1],
    ['2026-03-01T02:00:00Z', -300, 6],
    ['1969-12-31T12:00:00Z', 0, 3],
  ])('%s at offset %i is weekday %i (0 = Sunday)', (s, offset, day) => {
    expect(localDayOfWeek(at(s), offset)).toBe(day);
  });

  it('agrees with Date#getUTCDay/getUTCHours of the shifted instant for every hour of a week', () => {
    const start = at('2026-03-02T00:00:00Z');
    for (const offset of [0, 60, -300, 330, 345, -570, 765]) {
      for (let h = 0; h < 7 * 24; h++) {
        const ms = start + h * MS_PER_HOUR + 17 * MS_PER_MINUTE;
        const shifted = new Date(ms + offset * MS_PER_MINUTE);
        expect(localHour(ms, offset)).toBe(shifted.getUTCHours());
        expect(localDayOfWeek(ms, offset)).toBe(shifted.getUTCDay());
      }
    }
  });
});

describe('nextLocalHour', () => {
  const at = (s: string): number => new Date(s).getTime();

  it.each([
    ['late evening: 08:00 the next morning', '2026-03-01T23:30:00+01:00', 60, 8, '2026-03-02T08:00:00+01:00'],
    ['early morning: 08:00 the same day', '2026-03-02T03:00:00+01:00', 60, 8, '2026-03-02T08:00:00+01:00'],
    ['exactly on the hour: that instant', '2026-03-02T08:00:00+01:00', 60, 8, '2026-03-02T08:00:00+01:00'],
    [
      'one millisecond past: the next day',
      '2026-03-02T08:00:00.001+01:00',
      60,
      8,
      '2026-03-03T08:00:00+01:00',
    ],
    ['a negative offset', '2026-03-01T23:30:00-05:00', -300, 8, '2026-03-02T08:00:00-05:00'],
    ['a half-hour offset', '2026-03-01T22:10:00+05:30', 330, 7, '2026-03-02T07:00:00+05:30'],
    ['across a month end', '2026-02-28T23:00:00Z', 0, 6, '2026-03-01T06:00:00Z'],
    ['hour 0', '2026-03-01T00:00:01-09:30', -570, 0, '2026-03-02T00:00:00-09:30'],
  ])('%s', (_name, from, offset, hour, expected) => {
    expect(nextLocalHour(at(from), offset, hour)).toBe(at(expected));
  });
});
