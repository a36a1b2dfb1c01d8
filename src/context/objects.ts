/**
 * The context's objects and lists: fixed-shape objects (fieldsOf), records keyed by name
 * (key actions, attributes: their size is checked only when their entries are sound, as
 * zod does), and lists (asks, cooldowns).
 */
import { LIMITS } from '../shared/limits.js';
import {
  ARR,
  bad,
  children,
  field,
  item,
  json,
  keys,
  node,
  OBJ,
  PRIM,
  skip,
  value,
  type Walk,
} from '../shared/read.js';
import type { DraftAsk } from './asks.js';
import { isName, num, oneOf, text, time, wrongType } from './fields.js';
import {
  ASK_OUTCOMES,
  type AttributeValue,
  type KeyActionStat,
  SNOOZE_SCOPES,
  type Snooze,
} from './types.js';

const L = LIMITS.context;
const KINDS = Object.keys(ASK_OUTCOMES);
const ASK = ['kind', 'at', 'outcome'];
const SNOOZE = ['until', 'scope', 'reason'];
const STAT = ['count', 'lastAt'];

/**
 * The keys of an object at `v` (nesting `depth`), or undefined, with an issue, when `v`
 * is something else (read all the same, as data).
 *
 * @example
 * const ks = objectKeys(w, input, 0); // undefined for a list, a string, null…
 */
export function objectKeys(w: Walk, v: unknown, depth: number, expected = 'object'): string[] | undefined {
  const kind = node(w, v, depth);
  if (kind === OBJ) return keys(w, v as object);
  children(w, v, kind, depth);
  wrongType(w, undefined, expected, v);
  return undefined;
}

/**
 * Reads an object of known fields at `v`: `w.fields[i]` becomes the value of `names[i]`
 * (undefined when absent), other keys are read as data only. False, with an issue, when
 * `v` is not an object. One scratch list per walk, read before the next call: these
 * objects (platform, sessions, a stat, an ask, a snooze) never nest.
 *
 * @example
 * if (fieldsOf(w, v, 1, ['os', 'osVersion'])) w.fields[0]; // the os
 */
export function fieldsOf(w: Walk, v: unknown, depth: number, names: readonly string[]): boolean {
  const ks = objectKeys(w, v, depth);
  if (ks === undefined) return false;
  const f = w.fields;
  for (let i = 0; i < names.length; i++) f[i] = undefined;
  for (const k of ks) {
    let i = 0;
    while (i < names.length && names[i] !== k) i++;
    if (i < names.length) f[i] = value(w, v as object, k, depth + 1);
    else skip(w, v as object, k, depth + 1);
  }
  return true;
}

/** The elements of a list at `v` (nesting 1), or undefined with an issue. */
function listOf(w: Walk, v: unknown, max: number): readonly unknown[] | undefined {
  const kind = node(w, v, 1);
  if (kind !== ARR) {
    children(w, v, kind, 1);
    wrongType(w, undefined, 'array', v);
    return undefined;
  }
  const list = v as readonly unknown[];
  if (list.length <= max) return list;
  // zod reports the length alone and skips the elements; the walk still reads them as data.
  bad(w, 'limit-exceeded', `must be at most ${max} items`);
  children(w, v, kind, 1);
  return undefined;
}

/**
 * A record by name at `v`: `entry` reads each value of a valid name; bad names are reported
 * (their values read as data only); the size is checked only when no entry had a type error.
 */
function recordOf<T>(
  w: Walk,
  v: unknown,
  max: number,
  what: string,
  entry: (w: Walk, x: unknown) => T | undefined,
): Record<string, T> | undefined {
  const ks = objectKeys(w, v, 1, 'record');
  if (ks === undefined) return undefined;
  const out: Record<string, T> = Object.create(null);
  const hard = w.hard;
  let n = 0;
  for (const name of ks) {
    const x = field(w, v as object, name);
    if (x === undefined) continue;
    n++;
    w.path.push(name);
    if (isName(name)) {
      const e = entry(w, x);
      if (e !== undefined) out[name] = e;
    } else {
      bad(w, 'invalid-value', `a name must be 1 to ${L.maxNameLength} characters`);
      json(w, x, 2);
    }
    w.path.pop();
  }
  if (n > max && w.hard === hard) bad(w, 'invalid-value', `at most ${max} ${what}`);
  return out;
}

/**
 * `keyActions`: counts by name. `lastAt` is as written; each stat that has one is added to
 * `dated`, for the caller to clamp to `now`.
 *
 * @example
 * keyActionsOf(w, { order_placed: { count: 2 } }, []); // { order_placed: { count: 2, lastAt: undefined } }
 */
export function keyActionsOf(
  w: Walk,
  v: unknown,
  dated: { lastAt?: number | undefined }[],
): Record<string, KeyActionStat> | undefined {
  return recordOf(w, v, L.maxKeyActions, 'key actions', (w, x) => {
    if (!fieldsOf(w, x, 2, STAT)) return undefined;
    const count = w.fields[0];
    const last = w.fields[1];
    const n = w.issues.length;
    num(w, 'count', count, 0, Number.MAX_SAFE_INTEGER, true, true);
    const stat = {
      count: count as number,
      lastAt: last === undefined ? undefined : time(w, 'lastAt', last, true),
    };
    if (last !== undefined) dated.push(stat);
    return w.issues.length > n ? undefined : stat;
  });
}

/**
 * `attributes`: strings, numbers, booleans, or lists of only strings or only numbers.
 *
 * @example
 * attributesOf(w, { tier: 'gold', tags: ['a'] });
 */
export function attributesOf(w: Walk, v: unknown): Record<string, AttributeValue> | undefined {
  return recordOf(w, v, L.maxAttributes, 'attributes', (w, x) => {
    const kind = node(w, x, 2);
    if (kind === PRIM && x !== null) return x as AttributeValue;
    if (kind === ARR) {
      const list = x as readonly unknown[];
      const n = list.length;
      // A fresh list: the caller's stays theirs.
      const out: unknown[] = new Array(n);
      let strings = 0;
      let numbers = 0;
      for (let i = 0; i < n && !w.stop; i++) {
        const e = item(w, list, i);
        if (e === undefined) continue;
        w.path.push(i);
        json(w, e, 3);
        w.path.pop();
        if (typeof e === 'string') strings++;
        else if (typeof e === 'number') numbers++;
        out[i] = e;
      }
      if (n <= L.maxListLength && (strings === n || numbers === n)) return out as AttributeValue;
    } else children(w, x, kind, 2);
    bad(
      w,
      'invalid-value',
      `must be a string, number, boolean or list of up to ${L.maxListLength} strings or numbers`,
    );
    return undefined;
  });
}

/**
 * A list of fixed-shape objects at `v` (asks, cooldowns): `entry` checks each one's fields
 * (in `w.fields`, by position in `names`) and gives its value, or undefined when invalid.
 */
function listOfObjects<T>(
  w: Walk,
  v: unknown,
  max: number,
  names: readonly string[],
  entry: (w: Walk) => T | undefined,
): T[] | undefined {
  const list = listOf(w, v, max);
  if (list === undefined) return undefined;
  const out: T[] = [];
  for (let i = 0; i < list.length && !w.stop; i++) {
    const x = item(w, list, i);
    if (x === undefined) continue;
    w.path.push(i);
    const e = fieldsOf(w, x, 2, names) ? entry(w) : undefined;
    if (e !== undefined) out.push(e);
    w.path.pop();
  }
  return out;
}

/**
 * `asks`: each checked against its kind's outcomes; `at` as written (normalizeAsks clamps).
 *
 * @example
 * asksOf(w, [{ kind: 'soft-prompt', at: '2026-03-01T09:30:00Z', outcome: 'declined' }]);
 */
export function asksOf(w: Walk, v: unknown): DraftAsk[] | undefined {
  return listOfObjects(w, v, L.maxAsks, ASK, (w) => {
    const f = w.fields;
    const kind = f[0];
    // The kind picks the shape: with an unknown kind nothing else is checked.
    if (kind !== 'soft-prompt' && kind !== 'system-prompt' && kind !== 'settings-link') {
      bad(
        w,
        'invalid-value',
        `"kind" must be one of ${KINDS.map((k) => JSON.stringify(k)).join(', ')}`,
        'kind',
      );
      return undefined;
    }
    const n = w.issues.length;
    const ms = time(w, 'at', f[1], true);
    oneOf(w, 'outcome', f[2], ASK_OUTCOMES[kind], true);
    return w.issues.length > n ? undefined : { kind, at: ms, outcome: f[2] as string };
  });
}

/**
 * `cooldowns`: snoozes (scope `all` when absent).
 *
 * @example
 * cooldownsOf(w, [{ until: '2026-03-05T00:00:00Z' }]); // [{ until: 1772668800000, scope: 'all', reason: undefined }]
 */
export function cooldownsOf(w: Walk, v: unknown): Snooze[] | undefined {
  return listOfObjects(w, v, L.maxCooldowns, SNOOZE, (w) => {
    const f = w.fields;
    const until = f[0];
    const scope = f[1];
    const reason = f[2];
    const n = w.issues.length;
    const ms = time(w, 'until', until, true);
    oneOf(w, 'scope', scope, SNOOZE_SCOPES, false);
    if (reason !== undefined) text(w, 'reason', reason, 0, Number.POSITIVE_INFINITY);
    if (w.issues.length > n) return undefined;
    return { until: ms, scope: (scope ?? 'all') as Snooze['scope'], reason: reason as string | undefined };
  });
}
