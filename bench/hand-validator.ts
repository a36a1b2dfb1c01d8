/**
 * The floor for `decide(raw JSON)`: context validation written by hand for speed, doing the
 * same checks as the library's validator (plain objects only, own data properties, every
 * type, enum, range, length and count limit, RFC 3339 timestamps, the same normalization:
 * clamping, dedupe, sorting) but with direct property reads and no issue list (it returns
 * null for any invalid input). Paired with the hand-written decision (handwritten.ts), it
 * is what `decide(raw)` is measured against. test/perf/handwritten.test.ts checks it
 * accepts what `safeParseContext` accepts, with an equal Context.
 */
import type { Ask, Context, KeyActionStat } from '../src/index.js';
import { LIMITS } from '../src/index.js';
import { parseTimestamp } from '../src/shared/time.js';

const L = LIMITS.context;
const VERSION = /^\d{1,6}(\.\d{1,6}){0,3}$/;
const PERMISSIONS: Record<string, Context['permission']> = {
  'not-determined': 'not-determined',
  default: 'not-determined',
  provisional: 'provisional',
  ephemeral: 'ephemeral',
  granted: 'granted',
  denied: 'denied',
};
const OS = new Set(['ios', 'android', 'web']);
const HOST_OS = new Set(['ios', 'ipados', 'android', 'macos', 'windows', 'linux', 'chromeos', 'other']);
const BROWSERS = new Set(['chrome', 'edge', 'firefox', 'safari', 'samsung', 'opera', 'other']);
const OUTCOMES: Record<string, ReadonlySet<string>> = {
  'soft-prompt': new Set(['accepted', 'declined', 'dismissed']),
  'system-prompt': new Set(['granted', 'denied', 'dismissed', 'ignored', 'provisional']),
  'settings-link': new Set(['opened', 'dismissed']),
};
const KIND_ORDER: Record<string, number> = { 'soft-prompt': 0, 'system-prompt': 1, 'settings-link': 2 };
// At one instant a system dialog's walk-aways sort before its answers (as the library sorts).
const OUTCOME_ORDER: Record<string, number> = {
  accepted: 0,
  declined: 1,
  dismissed: 2,
  ignored: 3,
  denied: 4,
  granted: 5,
  provisional: 6,
  opened: 7,
};
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

type O = Record<string, unknown>;
const obj = (v: unknown): v is O => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};
const int = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max && !Object.is(v, -0);
const str = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const time = (v: unknown): number | null => (typeof v === 'string' ? (parseTimestamp(v)?.ms ?? null) : null);

function platformOf(p: unknown): Context['platform'] | null {
  if (!obj(p) || typeof p.os !== 'string' || !OS.has(p.os)) return null;
  const { osVersion, hostOs, apiLevel, targetSdk, browser, installedToHomeScreen } = p;
  if (osVersion !== undefined && (typeof osVersion !== 'string' || !VERSION.test(osVersion))) return null;
  if (hostOs !== undefined && !HOST_OS.has(hostOs as string)) return null;
  if (apiLevel !== undefined && !int(apiLevel, 1, 1000)) return null;
  if (targetSdk !== undefined && !int(targetSdk, 1, 1000)) return null;
  if (browser !== undefined && !BROWSERS.has(browser as string)) return null;
  if (installedToHomeScreen !== undefined && typeof installedToHomeScreen !== 'boolean') return null;
  return {
    os: p.os as Context['platform']['os'],
    osVersion,
    hostOs: hostOs as Context['platform']['hostOs'],
    apiLevel,
    targetSdk,
    browser: browser as Context['platform']['browser'],
    installedToHomeScreen,
  };
}

function asksOf(v: unknown, now: number): Ask[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > L.maxAsks) return null;
  const raw: { kind: string; at: number; outcome: string }[] = [];
  for (const a of v) {
    if (!obj(a) || typeof a.kind !== 'string' || typeof a.outcome !== 'string') return null;
    if (OUTCOMES[a.kind]?.has(a.outcome) !== true) return null;
    const at = time(a.at);
    if (at === null) return null;
    if (!raw.some((r) => r.at === at && r.kind === a.kind && r.outcome === a.outcome)) {
      raw.push({ kind: a.kind, at, outcome: a.outcome });
    }
  }
  raw.sort(
    (x, y) =>
      x.at - y.at ||
      (KIND_ORDER[x.kind] as number) - (KIND_ORDER[y.kind] as number) ||
      (OUTCOME_ORDER[x.outcome] as number) - (OUTCOME_ORDER[y.outcome] as number),
  );
  return raw.map((r) => ({ kind: r.kind, at: Math.min(r.at, now), outcome: r.outcome }) as Ask);
}

function keyActionsOf(v: unknown, now: number): Record<string, KeyActionStat> | null {
  const out: Record<string, KeyActionStat> = Object.create(null);
  if (v === undefined) return out;
  if (!obj(v)) return null;
  const names = Object.keys(v);
  if (names.length > L.maxKeyActions) return null;
  for (const name of names) {
    const s = v[name];
    if (!str(name, 1, 100) || FORBIDDEN.has(name) || !obj(s) || !int(s.count, 0, Number.MAX_SAFE_INTEGER))
      return null;
    const lastAt = s.lastAt === undefined ? undefined : time(s.lastAt);
    if (lastAt === null) return null;
    out[name] = { count: s.count, lastAt: lastAt === undefined ? undefined : Math.min(lastAt, now) };
  }
  return out;
}

function attributesOf(v: unknown): Context['attributes'] | null {
  const out: Record<string, Context['attributes'][string]> = Object.create(null);
  if (v === undefined) return out;
  if (!obj(v)) return null;
  const names = Object.keys(v);
  if (names.length > L.maxAttributes) return null;
  for (const name of names) {
    const x = v[name];
    if (!str(name, 1, 100) || FORBIDDEN.has(name)) return null;
    if (
      typeof x === 'number'
        ? !Number.isFinite(x) || Object.is(x, -0)
        : typeof x === 'string'
          ? x.length > L.maxStringLength
          : typeof x !== 'boolean'
    ) {
      if (!Array.isArray(x) || x.length > L.maxListLength) return null;
      const strings = typeof x[0] === 'string';
      if (!x.every((e) => (strings ? typeof e === 'string' : typeof e === 'number' && Number.isFinite(e))))
        return null;
      out[name] = [...x] as string[];
    } else out[name] = x as string | number | boolean;
  }
  return out;
}

/**
 * Validates and normalizes a context by hand; null when it is invalid.
 *
 * @example
 * handValidate(JSON.parse(body)) ?? fail();
 */
export function handValidate(v: unknown): Context | null {
  if (!obj(v) || typeof v.now !== 'string') return null;
  const nowI = parseTimestamp(v.now);
  const permission = PERMISSIONS[v.permission as string];
  if (nowI === null || permission === undefined) return null;
  const now = nowI.ms;
  const platform = platformOf(v.platform);
  const s = v.sessions;
  if (platform === null || !obj(s) || !int(s.count, 1, Number.MAX_SAFE_INTEGER)) return null;
  const firstSeenAt = s.firstSeenAt === undefined ? undefined : time(s.firstSeenAt);
  const currentStartedAt = s.currentStartedAt === undefined ? undefined : time(s.currentStartedAt);
  if (firstSeenAt === null || currentStartedAt === null) return null;
  if (v.userId !== undefined && !str(v.userId, 0, 200)) return null;
  if (v.trigger !== undefined && !str(v.trigger, 1, 100)) return null;
  if (v.canAskAgain !== undefined && typeof v.canAskAgain !== 'boolean') return null;
  const keyActions = keyActionsOf(v.keyActions, now);
  const asks = asksOf(v.asks, now);
  const attributes = attributesOf(v.attributes);
  if (keyActions === null || asks === null || attributes === null) return null;
  const cooldowns: Context['cooldowns'][number][] = [];
  if (v.cooldowns !== undefined) {
    if (!Array.isArray(v.cooldowns) || v.cooldowns.length > L.maxCooldowns) return null;
    for (const c of v.cooldowns) {
      const until = obj(c) ? time(c.until) : null;
      if (until === null || (c.reason !== undefined && typeof c.reason !== 'string')) return null;
      const scope = c.scope ?? 'all';
      if (scope !== 'all' && scope !== 'soft-prompt' && scope !== 'settings-link') return null;
      cooldowns.push({ until, scope, reason: c.reason as string | undefined });
    }
  }
  return {
    now,
    offsetMinutes: nowI.offsetMinutes,
    userId: v.userId as string | undefined,
    platform,
    permission,
    canAskAgain: v.canAskAgain as boolean | undefined,
    sessions: {
      count: s.count,
      firstSeenAt: firstSeenAt === undefined ? undefined : Math.min(firstSeenAt, now),
      currentStartedAt: currentStartedAt === undefined ? undefined : Math.min(currentStartedAt, now),
    },
    keyActions,
    trigger: v.trigger as string | undefined,
    asks,
    cooldowns,
    attributes,
  };
}
