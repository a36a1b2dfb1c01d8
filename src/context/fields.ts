/**
 * Schema checks of single values (strings, timestamps, integers, booleans, words from a
 * list), each reporting at most one issue at the child `key` of the current path, with the
 * code the authoring wing's zod schema gives (missing, invalid-type, invalid-value,
 * limit-exceeded). Lengths are code points, as zod and JSON Schema count them.
 */
import { LIMITS } from '../shared/limits.js';
import { bad, type Check, type Walk } from '../shared/read.js';
import { timestampMs } from '../shared/time.js';
import { isVersion } from '../shared/version.js';

/**
 * A value as a message shows it.
 *
 * @example
 * describe([1]); // 'a list'
 */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 40 ? 'a string' : JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : String(v);
}

/**
 * Reports a value of the wrong type (or none at all) for `expected`.
 *
 * @example
 * wrongType(w, 'count', 'number', '5'); // invalid-type: expected number, got "5"
 */
export function wrongType(w: Check, key: string | number | undefined, expected: string, v: unknown): void {
  if (v === undefined) bad(w, 'missing', `required (${expected})`, key);
  else bad(w, 'invalid-type', `expected ${expected}, got ${describe(v)}`, key);
}

/** Code points of a string (a surrogate pair is one character). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * Whether a string is 1 to `max` characters long; issues at `key` otherwise.
 *
 * @example
 * text(w, 'trigger', 'order_placed', 1, 100); // true
 */
export function text(w: Walk, key: string | undefined, v: unknown, min: 0 | 1, max: number): v is string {
  if (typeof v !== 'string') {
    wrongType(w, key, 'string', v);
    return false;
  }
  if (v.length < min) bad(w, 'invalid-value', `must be at least ${min} characters`, key, true);
  else if (v.length > max && codePoints(v) > max)
    bad(w, 'limit-exceeded', `must be at most ${max} characters`, key, true);
  else return true;
  return false;
}

/**
 * Whether a key action or attribute name is valid (1 to maxNameLength characters).
 *
 * @example
 * isName('order_placed'); // true
 */
export const isName = (s: string): boolean =>
  s.length > 0 && (s.length <= LIMITS.context.maxNameLength || codePoints(s) <= LIMITS.context.maxNameLength);

/**
 * An RFC 3339 timestamp with an offset as epoch ms; NaN (with an issue) otherwise.
 *
 * @example
 * time(w, 'now', '2026-03-01T09:30:00Z', true); // 1772357400000
 */
export function time(w: Walk, key: string, v: unknown, required: boolean): number {
  if (typeof v !== 'string') {
    if (v !== undefined || required) wrongType(w, key, 'string', v);
    return Number.NaN;
  }
  const ms = timestampMs(v);
  if (Number.isNaN(ms)) {
    bad(
      w,
      'invalid-value',
      'must be an RFC 3339 date-time with an offset, e.g. 2026-03-01T09:30:00Z or …+01:00',
      key,
      true,
    );
  }
  return ms;
}

/**
 * Whether `v` is a number in [min, max], a whole one when `whole` (or absent and optional).
 *
 * @example
 * num(w, 'count', 2, 1, Number.MAX_SAFE_INTEGER, true, true); // true
 */
export function num(
  w: Check,
  key: string | number,
  v: unknown,
  min: number,
  max: number,
  required: boolean,
  whole: boolean,
): boolean {
  if (v === undefined && !required) return true;
  if (typeof v !== 'number') wrongType(w, key, 'number', v);
  else if (whole && !Number.isInteger(v)) bad(w, 'invalid-type', `expected int, got ${v}`, key);
  else if (v < min) bad(w, 'invalid-value', `must be at least ${min}`, key, true);
  else if (v > max) bad(w, 'invalid-value', `must be at most ${max}`, key, true);
  else return true;
  return false;
}

/**
 * Whether `v` is a boolean (or absent).
 *
 * @example
 * flag(w, 'canAskAgain', 'false'); // false, with an invalid-type issue
 */
export function flag(w: Walk, key: string, v: unknown): boolean {
  if (v === undefined || typeof v === 'boolean') return true;
  wrongType(w, key, 'boolean', v);
  return false;
}

/**
 * Whether `v` is one of `words` (or absent and optional).
 *
 * @example
 * oneOf(w, 'os', 'ios', ['ios', 'android', 'web'], true); // true
 */
export function oneOf(
  w: Walk,
  key: string,
  v: unknown,
  words: readonly string[],
  required: boolean,
): boolean {
  if (v === undefined && !required) return true;
  // A loop of ===, not includes(): inlined, and no hashing of the caller's strings.
  for (let i = 0; i < words.length; i++) if (words[i] === v) return true;
  const list = words.map((x) => JSON.stringify(x)).join(', ');
  if (v === undefined) bad(w, 'missing', `required: one of ${list}`, key);
  else bad(w, 'invalid-value', `expected one of ${list}, got ${describe(v)}`, key);
  return false;
}

/**
 * Whether `v` is a version string (`17.2`, `10.15.7`), or absent.
 *
 * @example
 * version(w, 'osVersion', '17.x'); // false, with an invalid-value issue
 */
export function version(w: Walk, key: string, v: unknown): boolean {
  if (v === undefined) return true;
  if (!text(w, key, v, 0, Number.POSITIVE_INFINITY)) return false;
  if (isVersion(v)) return true;
  bad(w, 'invalid-value', 'must be a version like "17.2" or "10.15.7"', key, true);
  return false;
}
