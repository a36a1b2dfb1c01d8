/**
 * The context validator: one walk over the input (read.ts) that checks every field of
 * DESIGN.md section 2 and builds the normalized Context as it goes. Every issue is found
 * in the same pass, with the path and code the authoring wing's zod schema reports for
 * the same input (test/context/differential.test.ts holds the two to it).
 *
 * Each object's keys are read in the caller's order (so limits trip where the reference's
 * copy trips); the fields of an object are then checked in schema order, so issues come
 * out in the order zod lists them.
 */
import { BROWSER_VALUES, HOST_OS_VALUES, OS_VALUES, PERMISSION_VALUES } from '../rules/catalog.js';
import { LIMITS } from '../shared/limits.js';
import { own, skip, value, type Walk } from '../shared/read.js';
import { offsetMinutesOf } from '../shared/time.js';
import { type DraftAsk, normalizeAsks } from './asks.js';
import { flag, num, oneOf, text, time, version, wrongType } from './fields.js';
import { asksOf, attributesOf, cooldownsOf, fieldsOf, keyActionsOf, objectKeys } from './objects.js';
import { type AttributeValue, type Context, type KeyActionStat, type Snooze, WEB_DEFAULT } from './types.js';

const L = LIMITS.context;
const PERMISSIONS: readonly string[] = [...PERMISSION_VALUES, WEB_DEFAULT];
const isContainer = (k: string): boolean =>
  k === 'platform' ||
  k === 'sessions' ||
  k === 'keyActions' ||
  k === 'asks' ||
  k === 'cooldowns' ||
  k === 'attributes';
/** Root fields in schema order: issues are listed in this order, as zod lists them. */
const ROOT = [
  'now',
  'userId',
  'platform',
  'permission',
  'canAskAgain',
  'sessions',
  'keyActions',
  'trigger',
  'asks',
  'cooldowns',
  'attributes',
];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Platform = Context['platform'];
type Sessions = Mutable<Context['sessions']>;

/**
 * Validates and normalizes a context in one walk; undefined when `w` holds issues.
 *
 * @example
 * const w = newWalk(); const ctx = validateContext(w, input); // w.read, w.issues
 */
export function validateContext(w: Walk, input: unknown): Context | undefined {
  const ks = objectKeys(w, input, 0);
  if (ks === undefined) return undefined;
  const o = input as object;
  let now: unknown;
  let userId: unknown;
  let platform: Platform | null | undefined;
  let permission: unknown;
  let canAskAgain: unknown;
  let sessions: Sessions | null | undefined;
  let keyActions: Record<string, KeyActionStat> | undefined;
  // Key actions with a `lastAt`, to clamp once `now` is known (it may come after them).
  const dated: Mutable<KeyActionStat>[] = [];
  let trigger: unknown;
  let asks: DraftAsk[] | undefined;
  let cooldowns: Snooze[] | undefined;
  let attributes: Record<string, AttributeValue> | undefined;
  for (const k of ks) {
    // Primitives are kept here and checked below, in schema order; containers as they come.
    if (k === 'now') now = value(w, o, k, 1);
    else if (k === 'userId') userId = value(w, o, k, 1);
    else if (k === 'permission') permission = value(w, o, k, 1);
    else if (k === 'canAskAgain') canAskAgain = value(w, o, k, 1);
    else if (k === 'trigger') trigger = value(w, o, k, 1);
    else if (!isContainer(k)) skip(w, o, k, 1);
    else {
      const x = own(w, o, k);
      if (x === undefined) continue;
      w.path.push(k);
      if (k === 'platform') platform = platformOf(w, x);
      else if (k === 'sessions') sessions = sessionsOf(w, x);
      else if (k === 'keyActions') keyActions = keyActionsOf(w, x, dated);
      else if (k === 'asks') asks = asksOf(w, x);
      else if (k === 'cooldowns') cooldowns = cooldownsOf(w, x);
      else attributes = attributesOf(w, x);
      w.path.pop();
    }
  }
  if (w.read.length > 0) return undefined;
  const at = time(w, 'now', now, true);
  if (userId !== undefined) text(w, 'userId', userId, 0, L.maxUserIdLength);
  if (platform === undefined) wrongType(w, 'platform', 'object', undefined);
  oneOf(w, 'permission', permission, PERMISSIONS, true);
  flag(w, 'canAskAgain', canAskAgain);
  if (sessions === undefined) wrongType(w, 'sessions', 'object', undefined);
  if (trigger !== undefined) text(w, 'trigger', trigger, 1, L.maxNameLength);
  if (w.issues.length > 0) {
    // A stable sort: the issues of one field keep their order.
    w.issues.sort((a, b) => ROOT.indexOf(a.path[0] as string) - ROOT.indexOf(b.path[0] as string));
    return undefined;
  }
  const s = sessions as Sessions;
  if (s.firstSeenAt !== undefined && s.firstSeenAt > at) s.firstSeenAt = at;
  if (s.currentStartedAt !== undefined && s.currentStartedAt > at) s.currentStartedAt = at;
  for (const stat of dated) if ((stat.lastAt as number) > at) stat.lastAt = at;
  // The fields in one order, every optional one an own property (undefined when absent):
  // a missing property would be looked up on Object.prototype, which a polluted runtime controls.
  return {
    now: at,
    offsetMinutes: offsetMinutesOf(now as string),
    userId: userId as string | undefined,
    platform: platform as Platform,
    permission: (permission === WEB_DEFAULT ? 'not-determined' : permission) as Context['permission'],
    canAskAgain: canAskAgain as boolean | undefined,
    sessions: s,
    keyActions: keyActions ?? Object.create(null),
    trigger: trigger as string | undefined,
    asks: asks === undefined ? [] : normalizeAsks(asks, at),
    cooldowns: cooldowns ?? [],
    attributes: attributes ?? Object.create(null),
  };
}

const PLATFORM = ['os', 'osVersion', 'hostOs', 'apiLevel', 'targetSdk', 'browser', 'installedToHomeScreen'];
const SESSIONS = ['count', 'firstSeenAt', 'currentStartedAt'];

/** The platform; null when present but invalid (its issues are in `w`). */
function platformOf(w: Walk, v: unknown): Platform | null {
  if (!fieldsOf(w, v, 1, PLATFORM)) return null;
  const f = w.fields;
  const n = w.issues.length;
  oneOf(w, 'os', f[0], OS_VALUES, true);
  version(w, 'osVersion', f[1]);
  oneOf(w, 'hostOs', f[2], HOST_OS_VALUES, false);
  num(w, 'apiLevel', f[3], L.minApiLevel, L.maxApiLevel, false, true);
  num(w, 'targetSdk', f[4], L.minApiLevel, L.maxApiLevel, false, true);
  oneOf(w, 'browser', f[5], BROWSER_VALUES, false);
  flag(w, 'installedToHomeScreen', f[6]);
  if (w.issues.length > n) return null;
  return {
    os: f[0],
    osVersion: f[1],
    hostOs: f[2],
    apiLevel: f[3],
    targetSdk: f[4],
    browser: f[5],
    installedToHomeScreen: f[6],
  } as Platform;
}

/** The session counts (times as written, clamped later); null when invalid. */
function sessionsOf(w: Walk, v: unknown): Sessions | null {
  if (!fieldsOf(w, v, 1, SESSIONS)) return null;
  const f = w.fields;
  const count = f[0];
  const first = f[1];
  const current = f[2];
  const n = w.issues.length;
  num(w, 'count', count, 1, Number.MAX_SAFE_INTEGER, true, true);
  const firstSeenAt = first === undefined ? undefined : time(w, 'firstSeenAt', first, true);
  const currentStartedAt = current === undefined ? undefined : time(w, 'currentStartedAt', current, true);
  return w.issues.length > n ? null : { count: count as number, firstSeenAt, currentStartedAt };
}
