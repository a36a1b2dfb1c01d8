/**
 * Golden cases for every adapter mapping: test/adapters.cases.json, language-neutral
 * (`adapter`, `args`, `expected`, `note`) so a Swift or Kotlin port of the kit can run them.
 * `null` in `args` stands for an absent value (no `Notification` API); `expected: null`
 * means "nothing to record".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as kit from '../../src/client/index.js';
import { createDecider } from '../../src/index.js';

interface AdapterCase {
  readonly adapter: string;
  readonly args: unknown[];
  readonly expected: unknown;
  readonly note: string;
}
const CASES: AdapterCase[] = JSON.parse(readFileSync('test/adapters.cases.json', 'utf8'));
const ADAPTERS: Record<string, (...args: never[]) => unknown> = {
  permissionFromWeb: kit.permissionFromWeb,
  permissionFromIos: kit.permissionFromIos,
  permissionFromExpo: kit.permissionFromExpo,
  permissionFromRnPermissions: kit.permissionFromRnPermissions,
  outcomeFromWeb: kit.outcomeFromWeb,
  outcomeFromExpo: kit.outcomeFromExpo,
  outcomeFromRnPermissions: kit.outcomeFromRnPermissions,
};

describe('adapters (test/adapters.cases.json)', () => {
  it.each(CASES.map((c) => [`${c.adapter}(${JSON.stringify(c.args)}): ${c.note}`, c] as const))(
    '%s',
    (_, c) => {
      const fn = ADAPTERS[c.adapter];
      expect(fn, c.adapter).toBeDefined();
      const args = c.args.map((a) => (a === null ? undefined : a));
      expect((fn as (...a: unknown[]) => unknown)(...args)).toEqual(c.expected);
    },
  );

  it('covers every adapter, every status of every platform vocabulary', () => {
    expect(new Set(CASES.map((c) => c.adapter))).toEqual(new Set(Object.keys(ADAPTERS)));
    const inputs = (name: string) =>
      new Set(
        CASES.filter((c) => c.adapter === name).map((c) => {
          const a = c.args[0] as { status?: unknown; ios?: { status: unknown } } | string | number;
          return typeof a === 'object' && a !== null ? (a.ios?.status ?? a.status) : a;
        }),
      );
    expect(inputs('permissionFromWeb')).toEqual(new Set(['default', 'granted', 'denied', null, 'prompt']));
    for (const v of [0, 1, 2, 3, 4, 'notDetermined', 'denied', 'authorized', 'provisional', 'ephemeral'])
      expect(inputs('permissionFromIos')).toContain(v);
    for (const v of [0, 1, 2, 3, 4, 'undetermined', 'denied', 'granted'])
      expect(inputs('permissionFromExpo')).toContain(v);
    for (const v of ['unavailable', 'denied', 'limited', 'granted', 'blocked'])
      expect(inputs('permissionFromRnPermissions')).toContain(v);
  });

  it('gives readings that spread into a valid context', () => {
    const decider = createDecider({ name: 'any', rules: [] });
    for (const c of CASES.filter((x) => x.adapter.startsWith('permission'))) {
      const r = c.expected as kit.PermissionReading;
      if ('unsupported' in r) continue;
      const d = decider.decideUnknown({
        now: '2026-03-01T12:00:00+01:00',
        platform: { os: 'android' },
        sessions: { count: 2 },
        ...r,
      });
      expect(d.reason, c.note).not.toBe('invalid-context');
    }
  });
});
