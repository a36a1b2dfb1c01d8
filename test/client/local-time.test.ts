/**
 * localTimestamp writes the device's offset for that instant: run in child processes under
 * real TZ values (negative, half-hour, 45-minute zones, 30-minute DST, both DST transitions)
 * and checked two ways: golden strings worked out by hand, and, for many instants, against
 * Intl.DateTimeFormat for the named zone (an independent source of the offset and the wall
 * clock, which does not read TZ).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { localTimestamp } from '../../src/client/local-time.js';
import { createDecider } from '../../src/index.js';
import { parseTimestamp } from '../../src/shared/time.js';

const HOUR = 3_600_000;

/** localTimestamp of each batch's instants under its zone, in one child process. */
function inZones(batches: [string, number[]][]): string[][] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/client/local-time-child.ts'], {
    input: JSON.stringify(batches),
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 16 * 1024 * 1024,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as string[][];
}

/** [zone, UTC instant, expected text], worked out from the zone rules by hand. */
const GOLDEN: [string, string, string][] = [
  ['Asia/Tokyo', '2026-03-01T14:10:00Z', '2026-03-01T23:10:00+09:00'],
  ['Asia/Tokyo', '2026-03-01T14:10:00.123Z', '2026-03-01T23:10:00.123+09:00'],
  ['UTC', '2026-03-01T14:10:00Z', '2026-03-01T14:10:00+00:00'],
  ['America/New_York', '2026-03-08T06:59:59Z', '2026-03-08T01:59:59-05:00'], // last second of EST
  ['America/New_York', '2026-03-08T07:00:00Z', '2026-03-08T03:00:00-04:00'], // clocks jump 02:00 -> 03:00
  ['America/New_York', '2026-11-01T05:30:00Z', '2026-11-01T01:30:00-04:00'], // 01:30 twice: EDT first
  ['America/New_York', '2026-11-01T06:30:00Z', '2026-11-01T01:30:00-05:00'], // then EST
  ['America/New_York', '1969-07-20T20:17:40Z', '1969-07-20T16:17:40-04:00'], // before 1970
  ['America/St_Johns', '2026-01-15T12:00:00Z', '2026-01-15T08:30:00-03:30'],
  ['America/St_Johns', '2026-07-15T12:00:00Z', '2026-07-15T09:30:00-02:30'],
  ['Pacific/Marquesas', '2026-03-01T00:00:00Z', '2026-02-28T14:30:00-09:30'],
  ['Asia/Kolkata', '2026-03-01T18:45:00Z', '2026-03-02T00:15:00+05:30'],
  ['Asia/Kathmandu', '2026-03-01T18:00:00Z', '2026-03-01T23:45:00+05:45'],
  ['Australia/Eucla', '2026-03-01T15:30:00Z', '2026-03-02T00:15:00+08:45'],
  ['Pacific/Chatham', '2026-01-15T10:00:00Z', '2026-01-15T23:45:00+13:45'],
  ['Pacific/Chatham', '2026-07-15T10:00:00Z', '2026-07-15T22:45:00+12:45'],
  ['Australia/Lord_Howe', '2026-01-15T10:00:00Z', '2026-01-15T21:00:00+11:00'], // 30-minute DST
  ['Australia/Lord_Howe', '2026-07-15T10:00:00Z', '2026-07-15T20:30:00+10:30'],
  ['Pacific/Kiritimati', '2026-03-01T10:00:00Z', '2026-03-02T00:00:00+14:00'],
  ['Pacific/Pago_Pago', '2026-03-01T10:00:00Z', '2026-02-28T23:00:00-11:00'],
];

const formats = new Map<string, Intl.DateTimeFormat>();

/** Offset (minutes) and wall clock of an instant in a named zone, from Intl. */
function intlLocal(tz: string, ms: number): { offset: number; wall: string } {
  let f = formats.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formats.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const m = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(parts.timeZoneName ?? '');
  const offset = m?.[1] === undefined ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return {
    offset,
    wall: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

describe('localTimestamp', () => {
  it('writes the golden texts under each TZ (negative, half-hour, 45-minute zones, DST both ways)', () => {
    const zones = [...new Set(GOLDEN.map(([tz]) => tz))];
    const results = inZones(
      zones.map((tz) => [tz, GOLDEN.filter(([z]) => z === tz).map(([, at]) => Date.parse(at))]),
    );
    zones.forEach((tz, i) => {
      expect(results[i]).toEqual(GOLDEN.filter(([z]) => z === tz).map(([, , text]) => text));
    });
  });

  it('agrees with Intl for every local hour of two years in five zones, and keeps the instant', () => {
    const zones = [
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'Pacific/Chatham',
    ];
    // Every 7 hours plus a few minutes from 2025 to 2027: every local hour, both DST changes.
    const instants = Array.from(
      { length: 2600 },
      (_, i) => Date.parse('2025-01-01T00:00:00Z') + i * (7 * HOUR + 60_000),
    );
    const results = inZones(zones.map((tz) => [tz, instants]));
    zones.forEach((tz, z) => {
      results[z]!.forEach((text, i) => {
        const ms = instants[i]!;
        const parsed = parseTimestamp(text);
        expect(parsed?.ms, text).toBe(ms);
        const want = intlLocal(tz, ms);
        expect(
          { offset: parsed?.offsetMinutes, wall: text.slice(0, 19) },
          `${tz} ${new Date(ms).toISOString()}`,
        ).toEqual(want);
      });
    });
  });

  it('throws a RangeError for an invalid Date or a year RFC 3339 cannot write', () => {
    expect(() => localTimestamp(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => localTimestamp(new Date(Date.UTC(10_000, 0, 2)))).toThrow(RangeError);
  });

  it('moves quiet hours where a UTC now would not: a Tokyo user at 23:10', () => {
    const decider = createDecider({
      name: 'quiet',
      policy: { quietHours: { from: 22, to: 8 } },
      rules: [{ id: 'ask', conditions: { all: [] }, event: { type: 'show-soft-prompt' } }],
    });
    const instant = Date.parse('2026-03-01T14:10:00Z');
    const [[local]] = inZones([['Asia/Tokyo', [instant]]]) as [[string]];
    const base = { platform: { os: 'ios' }, permission: 'not-determined', sessions: { count: 2 } };
    expect(decider.decideUnknown({ ...base, now: local }).reason).toBe('quiet-hours');
    expect(decider.decideUnknown({ ...base, now: new Date(instant).toISOString() }).action).toBe(
      'show-soft-prompt',
    );
  });
});
