/**
 * What the rule-set validators share (load.ts, conditions.ts, policy.ts and
 * src/experiments/load.ts): they check the loader's plain copy (shared/read.ts's `copy`)
 * with a walk whose path follows them, so an issue names only its own key
 * (shared/read.ts's `bad`) and the path says where.
 */
import type { IssueCode } from '../shared/errors.js';
import { bad, type Check, type Json } from '../shared/read.js';
import { didYouMean } from '../shared/suggest.js';

/**
 * A plain name: a letter or "_", then letters, digits, "_" or "-" (at most 100 characters).
 * Attribute names, experiment ids and arm names, and so every segment of a condition's path.
 *
 * @example
 * PLAIN_NAME_RE.test('primer-copy'); // true
 */
export const PLAIN_NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;

/** A JSON object of the loader's copy. */
export type Obj = { readonly [k: string]: Json };

/**
 * Whether `v` is a JSON object (not null, not a list).
 *
 * @example
 * isObj({}); // true
 * isObj([]); // false
 */
export const isObj = (v: Json | undefined): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `missing` for an absent value, `code` for a present one.
 *
 * @example
 * missingOr(undefined, 'invalid-type'); // 'missing'
 */
export const missingOr = (v: unknown, code: IssueCode): IssueCode => (v === undefined ? 'missing' : code);

/**
 * Reports each key of `o` that is not in `known`, with a "did you mean"; false when there
 * was one.
 *
 * @example
 * unknownKeys(w, { tpye: 'wait' }, ['type', 'params']); // false: unknown key "tpye" (did you mean "type"?)
 */
export function unknownKeys(w: Check, o: Obj, known: readonly string[]): boolean {
  let ok = true;
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) {
      bad(w, 'unknown-key', `unknown key "${k}"${didYouMean(k, known)}`, k);
      ok = false;
    }
  }
  return ok;
}

/**
 * Reports `o[key]` when it is present and not a `type`; false then.
 *
 * @example
 * optional(w, rule, 'description', 'string'); // "description must be a string"
 */
export function optional(w: Check, o: Obj, key: string, type: 'string' | 'boolean'): boolean {
  const v = o[key];
  if (v === undefined || typeof v === type) return true;
  bad(w, 'invalid-type', `${key} must be a ${type}`, key);
  return false;
}

/**
 * Reports a list or an object over its limit: "more than 100 arms (101)".
 *
 * @example
 * if (names.length > max) tooMany(w, names.length, max, 'arms');
 */
export function tooMany(w: Check, n: number, max: number, what: string, key?: string): void {
  bad(w, 'limit-exceeded', `more than ${max} ${what} (${n})`, key);
}
