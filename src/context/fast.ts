/**
 * The fast path of context validation: one walk over the input's own data properties that
 * checks the schema and builds the normalized Context directly, without the snapshot copy
 * and zod's generic machinery (18 µs -> about 1 µs on a typical context).
 *
 * It is conservative: it returns a Context only for input that the reference path
 * (snapshot + zod schema + normalize, in context.ts) certainly accepts, with the same
 * normalized result; for anything else (an unknown key, a forbidden key, an accessor, a
 * limit reached, any invalid value) it returns null and the caller runs the reference
 * path, which then produces the issues. So both paths accept and reject exactly the same
 * inputs (test/perf/context-fast.test.ts checks it with fast-check).
 */
import { BROWSER_VALUES, HOST_OS_VALUES, OS_VALUES, PERMISSION_VALUES } from '../rules/catalog.js';
import { LIMITS } from '../shared/limits.js';
import { parseTimestamp } from '../shared/time.js';
import { isVersion } from '../shared/version.js';
import type { Ask, AttributeValue, Context, KeyActionStat, Snooze } from './parse.js';

const L = LIMITS.context;
const OS: ReadonlySet<unknown> = new Set(OS_VALUES);
const HOST_OS: ReadonlySet<unknown> = new Set(HOST_OS_VALUES);
const BROWSERS: ReadonlySet<unknown> = new Set(BROWSER_VALUES);
const PERMISSIONS: ReadonlySet<unknown> = new Set(PERMISSION_VALUES);
const SCOPES: ReadonlySet<unknown> = new Set(['all', 'soft-prompt', 'settings-link']);

/**
 * The bit of a (kind, outcome) pair, 0 when the pair is not in the schema. Compared with
 * ===, not looked up by key: the strings come from the caller, and a keyed lookup with a
 * string that is not internalized costs a string-table probe each time.
 */
function pairBit(kind: unknown, outcome: unknown): number {
  if (kind === 'soft-prompt') {
    return outcome === 'accepted' ? 1 : outcome === 'declined' ? 2 : outcome === 'dismissed' ? 4 : 0;
  }
  if (kind === 'system-prompt') {
    if (outcome === 'granted') return 8;
    if (outcome === 'denied') return 16;
    if (outcome === 'dismissed') return 32;
    if (outcome === 'ignored') return 64;
    return outcome === 'provisional' ? 128 : 0;
  }
  if (kind === 'settings-link') return outcome === 'opened' ? 256 : outcome === 'dismissed' ? 512 : 0;
  return 0;
}

/** Sort order of kinds (soft prompt, system prompt, settings link), as context.ts's. */
const kindOrder = (k: string): number => (k === 'soft-prompt' ? 0 : k === 'system-prompt' ? 1 : 2);

/** Thrown inside the walk to give up; caught at the top, never escapes. */
const BAIL = Symbol('bail');

/** The snapshot's document-wide budgets, counted the same way (values, characters). */
interface Budget {
  nodes: number;
  chars: number;
}

/**
 * Validates and normalizes a context in one pass, or returns null when the reference path
 * must decide (it then accepts or rejects with issues). Never throws.
 *
 * @example
 * parseContextFast(JSON.parse(body)) ?? safeParseContextReference(JSON.parse(body));
 */
export function parseContextFast(input: unknown): Context | null {
  try {
    return root(input, { nodes: 1, chars: 0 });
  } catch {
    // BAIL, or a Proxy trap that threw: the reference path reports it.
    return null;
  }
}

function bail(): never {
  throw BAIL;
}

/** Own keys of a plain (or null-prototype) object, as the snapshot reads them. */
function keysOf(v: unknown, b: Budget): string[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bail();
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) bail();
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) b.chars += (keys[i] as string).length;
  if (b.chars > L.maxChars) bail();
  return keys;
}

/** The value of an own data property (undefined = absent, as the snapshot drops it). */
function ownValue(o: object, key: string | number, b: Budget): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  if (d === undefined || !('value' in d)) bail();
  const v: unknown = d.value;
  if (v !== undefined && ++b.nodes > L.maxNodes) bail();
  return v;
}

function str(v: unknown, b: Budget, min: number, max: number): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) bail();
  b.chars += v.length;
  if (b.chars > L.maxChars) bail();
  return v;
}

function time(v: unknown, b: Budget): number {
  const t = parseTimestamp(str(v, b, 0, L.maxStringLength));
  if (t === null) bail();
  return t.ms;
}

function int(v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max || Object.is(v, -0)) bail();
  return v;
}

function member<T>(v: unknown, set: ReadonlySet<unknown>, b: Budget): T {
  if (!set.has(v)) bail();
  b.chars += (v as string).length;
  if (b.chars > L.maxChars) bail();
  return v as T;
}

function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') bail();
  return v;
}

function array(v: unknown, max: number): readonly unknown[] {
  if (!Array.isArray(v) || v.length > max) bail();
  return v;
}

function root(input: unknown, b: Budget): Context {
  const keys = keysOf(input, b);
  const o = input as object;
  let nowRaw: unknown;
  let userId: string | undefined;
  let platformRaw: unknown;
  let permission: unknown;
  let canAskAgain: boolean | undefined;
  let sessionsRaw: unknown;
  let keyActionsRaw: unknown;
  let trigger: string | undefined;
  let asksRaw: unknown;
  let cooldownsRaw: unknown;
  let attributesRaw: unknown;
  for (const k of keys) {
    const v = ownValue(o, k, b);
    if (v === undefined) continue;
    switch (k) {
      case 'now':
        nowRaw = v;
        break;
      case 'userId':
        userId = str(v, b, 0, 200);
        break;
      case 'platform':
        platformRaw = v;
        break;
      case 'permission':
        permission = v;
        break;
      case 'canAskAgain':
        canAskAgain = bool(v);
        break;
      case 'sessions':
        sessionsRaw = v;
        break;
      case 'keyActions':
        keyActionsRaw = v;
        break;
      case 'trigger':
        trigger = str(v, b, 1, 100);
        break;
      case 'asks':
        asksRaw = v;
        break;
      case 'cooldowns':
        cooldownsRaw = v;
        break;
      case 'attributes':
        attributesRaw = v;
        break;
      default:
        bail();
    }
  }
  const nowStr = str(nowRaw, b, 0, L.maxStringLength);
  const nowI = parseTimestamp(nowStr);
  if (nowI === null) bail();
  const now = nowI.ms;
  const platform = platformOf(platformRaw, b);
  const perm = member<Context['permission']>(permission, PERMISSIONS, b);
  const sessions = sessionsOf(sessionsRaw, now, b);
  const keyActions = keyActionsRaw === undefined ? Object.create(null) : keyActionsOf(keyActionsRaw, now, b);
  const asks = asksRaw === undefined ? [] : asksOf(asksRaw, now, b);
  const cooldowns = cooldownsRaw === undefined ? [] : cooldownsOf(cooldownsRaw, b);
  const attributes = attributesRaw === undefined ? Object.create(null) : attributesOf(attributesRaw, b);
  // The same fields in the same order as context.ts's normalize().
  return {
    now,
    offsetMinutes: nowI.offsetMinutes,
    userId,
    platform,
    permission: perm,
    canAskAgain,
    sessions,
    keyActions,
    trigger,
    asks,
    cooldowns,
    attributes,
  };
}

function platformOf(v: unknown, b: Budget): Context['platform'] {
  const keys = keysOf(v, b);
  const o = v as object;
  let os: unknown;
  let osVersion: string | undefined;
  let hostOs: Context['platform']['hostOs'];
  let apiLevel: number | undefined;
  let targetSdk: number | undefined;
  let browser: Context['platform']['browser'];
  let installedToHomeScreen: boolean | undefined;
  for (const k of keys) {
    const x = ownValue(o, k, b);
    if (x === undefined) continue;
    switch (k) {
      case 'os':
        os = x;
        break;
      case 'osVersion':
        osVersion = str(x, b, 0, L.maxStringLength);
        if (!isVersion(osVersion)) bail();
        break;
      case 'hostOs':
        hostOs = member(x, HOST_OS, b);
        break;
      case 'apiLevel':
        apiLevel = int(x, 1, 1000);
        break;
      case 'targetSdk':
        targetSdk = int(x, 1, 1000);
        break;
      case 'browser':
        browser = member(x, BROWSERS, b);
        break;
      case 'installedToHomeScreen':
        installedToHomeScreen = bool(x);
        break;
      default:
        bail();
    }
  }
  return {
    os: member(os, OS, b),
    osVersion,
    hostOs,
    apiLevel,
    targetSdk,
    browser,
    installedToHomeScreen,
  };
}

function sessionsOf(v: unknown, now: number, b: Budget): Context['sessions'] {
  const keys = keysOf(v, b);
  const o = v as object;
  let count: unknown;
  let firstSeenAt: number | undefined;
  let currentStartedAt: number | undefined;
  for (const k of keys) {
    const x = ownValue(o, k, b);
    if (x === undefined) continue;
    if (k === 'count') count = x;
    else if (k === 'firstSeenAt') firstSeenAt = Math.min(time(x, b), now);
    else if (k === 'currentStartedAt') currentStartedAt = Math.min(time(x, b), now);
    else bail();
  }
  return { count: int(count, 1, Number.MAX_SAFE_INTEGER), firstSeenAt, currentStartedAt };
}

function keyActionsOf(v: unknown, now: number, b: Budget): Record<string, KeyActionStat> {
  const names = keysOf(v, b);
  if (names.length > L.maxKeyActions) bail();
  const o = v as object;
  const out: Record<string, KeyActionStat> = Object.create(null);
  for (const name of names) {
    // Forbidden keys are dropped by the reference path: let it handle them.
    if (name.length < 1 || name.length > 100 || name === '__proto__' || name === 'constructor') bail();
    if (name === 'prototype') bail();
    const stat = ownValue(o, name, b);
    if (stat === undefined) continue;
    const keys = keysOf(stat, b);
    let count: unknown;
    let lastAt: number | undefined;
    for (const k of keys) {
      const x = ownValue(stat as object, k, b);
      if (x === undefined) continue;
      if (k === 'count') count = x;
      else if (k === 'lastAt') lastAt = Math.min(time(x, b), now);
      else bail();
    }
    out[name] = { count: int(count, 0, Number.MAX_SAFE_INTEGER), lastAt };
  }
  return out;
}

function asksOf(v: unknown, now: number, b: Budget): Ask[] {
  const list = array(v, L.maxAsks);
  const n = list.length;
  if (n > 16) return longAsks(list, now, b);
  const asks: Ask[] = [];
  const raws: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = readAsk(list, i, b);
    // The same ask logged twice counts once (the first one kept, as in the reference).
    if (isDuplicate(asks, raws, a.kind, a.at, a.outcome)) continue;
    raws.push(a.at);
    asks.push({ kind: a.kind, at: Math.min(a.at, now), outcome: a.outcome } as Ask);
  }
  if (asks.length > 1) {
    asks.sort(
      (x, y) =>
        x.at - y.at ||
        kindOrder(x.kind) - kindOrder(y.kind) ||
        (x.outcome < y.outcome ? -1 : x.outcome > y.outcome ? 1 : 0),
    );
  }
  return asks;
}

/** One ask, validated; `at` is the instant as written (not clamped). Reused: copy out. */
const scratchAsk = { kind: '', at: 0, outcome: '', bit: 0 };

function readAsk(list: readonly unknown[], i: number, b: Budget): typeof scratchAsk {
  const a = ownValue(list, i, b);
  if (a === undefined) bail();
  const keys = keysOf(a, b);
  let kind: unknown;
  let at: number | undefined;
  let outcome: unknown;
  for (const k of keys) {
    const x = ownValue(a as object, k, b);
    if (x === undefined) continue;
    if (k === 'kind') kind = x;
    else if (k === 'at') at = time(x, b);
    else if (k === 'outcome') outcome = x;
    else bail();
  }
  const bit = pairBit(kind, outcome);
  if (bit === 0 || at === undefined) bail();
  b.chars += (kind as string).length + (outcome as string).length;
  if (b.chars > L.maxChars) bail();
  scratchAsk.kind = kind as string;
  scratchAsk.at = at;
  scratchAsk.outcome = outcome as string;
  scratchAsk.bit = bit;
  return scratchAsk;
}

/**
 * Long lists: sort positions by (clamped time, kind, outcome, time as written), then drop
 * neighbours with the same written time, kind and outcome (duplicates sort next to each
 * other). The reference dedupes first and sorts stably after; both give equal arrays,
 * since asks that differ only in their written time look the same once clamped.
 */
function longAsks(list: readonly unknown[], now: number, b: Budget): Ask[] {
  const n = list.length;
  const raw = new Float64Array(n);
  const bits = new Uint16Array(n);
  const kinds: string[] = new Array(n);
  const outcomes: string[] = new Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const a = readAsk(list, i, b);
    raw[i] = a.at;
    bits[i] = a.bit;
    kinds[i] = a.kind;
    outcomes[i] = a.outcome;
    order[i] = i;
  }
  order.sort((x, y) => {
    const rx = raw[x] as number;
    const ry = raw[y] as number;
    const ox = outcomes[x] as string;
    const oy = outcomes[y] as string;
    return (
      Math.min(rx, now) - Math.min(ry, now) ||
      kindOrder(kinds[x] as string) - kindOrder(kinds[y] as string) ||
      (ox < oy ? -1 : ox > oy ? 1 : 0) ||
      rx - ry
    );
  });
  const asks: Ask[] = [];
  let last = -1;
  for (let j = 0; j < n; j++) {
    const i = order[j] as number;
    if (last >= 0 && raw[last] === raw[i] && bits[last] === bits[i]) continue;
    last = i;
    asks.push({ kind: kinds[i], at: Math.min(raw[i] as number, now), outcome: outcomes[i] } as Ask);
  }
  return asks;
}

function isDuplicate(
  asks: readonly Ask[],
  raws: readonly number[],
  kind: string,
  at: number,
  outcome: string,
) {
  for (let j = 0; j < asks.length; j++) {
    const p = asks[j] as Ask;
    if (raws[j] === at && p.kind === kind && p.outcome === outcome) return true;
  }
  return false;
}

function cooldownsOf(v: unknown, b: Budget): Snooze[] {
  const list = array(v, L.maxCooldowns);
  const out: Snooze[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = ownValue(list, i, b);
    if (c === undefined) bail();
    const keys = keysOf(c, b);
    let until: number | undefined;
    let scope: Snooze['scope'] | undefined;
    let reason: string | undefined;
    for (const k of keys) {
      const x = ownValue(c as object, k, b);
      if (x === undefined) continue;
      if (k === 'until') until = time(x, b);
      else if (k === 'scope') scope = member(x, SCOPES, b);
      else if (k === 'reason') reason = str(x, b, 0, L.maxStringLength);
      else bail();
    }
    if (until === undefined) bail();
    out.push({ until, scope: scope ?? 'all', reason });
  }
  return out;
}

function attributesOf(v: unknown, b: Budget): Record<string, AttributeValue> {
  const names = keysOf(v, b);
  if (names.length > L.maxAttributes) bail();
  const o = v as object;
  const out: Record<string, AttributeValue> = Object.create(null);
  for (const name of names) {
    if (name.length < 1 || name.length > 100 || name === '__proto__' || name === 'constructor') bail();
    if (name === 'prototype') bail();
    const x = ownValue(o, name, b);
    if (x === undefined) continue;
    out[name] = attributeValue(x, b);
  }
  return out;
}

function attributeValue(x: unknown, b: Budget): AttributeValue {
  switch (typeof x) {
    case 'string':
      return str(x, b, 0, L.maxStringLength);
    case 'number':
      if (!Number.isFinite(x) || Object.is(x, -0)) bail();
      return x;
    case 'boolean':
      return x;
  }
  const list = array(x, L.maxListLength);
  const n = list.length;
  // A fresh array, as the reference path's snapshot copy is: the caller's stays theirs.
  const out: (string | number)[] = new Array(n);
  if (n === 0) return out as string[];
  const first = ownValue(list, 0, b);
  const strings = typeof first === 'string';
  for (let i = 0; i < n; i++) {
    const e = i === 0 ? first : ownValue(list, i, b);
    if (strings) out[i] = str(e, b, 0, L.maxStringLength);
    else if (typeof e === 'number' && Number.isFinite(e) && !Object.is(e, -0)) out[i] = e;
    else bail();
  }
  return out as AttributeValue;
}
