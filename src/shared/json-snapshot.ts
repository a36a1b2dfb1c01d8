/**
 * A bounded copy of untrusted input into plain JSON data: own enumerable data properties
 * only, null-prototype objects (so a polluted `Object.prototype` is never read), no
 * getters run, no cycles followed, depth and size bounded before any work is done.
 * Everything after this step (zod, facts, rules) sees only data it can trust.
 */
import type { Issue } from './errors.js';

/** Keys that are never copied: they are how prototype pollution gets in. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface SnapshotLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxArrayLength: number;
  /** Applies to string values and to object keys. */
  readonly maxStringLength: number;
  /** Characters of all strings and keys together: the document's size without its syntax. */
  readonly maxChars: number;
}

interface SnapshotOptions extends SnapshotLimits {
  /** `skip`: drop forbidden keys silently (contexts); `issue`: report them (rule sets). */
  readonly forbiddenKeys: 'skip' | 'issue';
  /**
   * Build ordinary objects instead of null-prototype ones (rule sets: their params and
   * source are handed back to callers as ordinary JSON). Safe because forbidden keys are
   * never copied.
   */
  readonly plain?: boolean;
}

/** Plain JSON data as produced by {@link snapshotJson}. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface State {
  readonly opts: SnapshotOptions;
  readonly issues: Issue[];
  nodes: number;
  chars: number;
}

/**
 * Issues collected before the copy stops: a hostile document (a million NaNs) must not
 * become a million issue objects.
 */
export const MAX_SNAPSHOT_ISSUES = 100;

const STOP = Symbol('stop');

/**
 * Copies `input` into plain data. Returns the copy and the issues found; the copy is
 * usable only when `issues` is empty.
 *
 * @example
 * snapshotJson(JSON.parse('{"a":1,"__proto__":{"x":1}}'), { maxDepth: 8, maxNodes: 100,
 *   maxArrayLength: 10, maxStringLength: 100, maxChars: 1000, forbiddenKeys: 'skip' });
 * // { value: { a: 1 }, issues: [] }
 */
export function snapshotJson(input: unknown, opts: SnapshotOptions): { value: Json; issues: Issue[] } {
  const state: State = { opts, issues: [], nodes: 0, chars: 0 };
  try {
    const value = copy(input, [], 0, state);
    if (state.issues.length >= MAX_SNAPSHOT_ISSUES) {
      state.issues.push({
        code: 'limit-exceeded',
        path: [],
        message: `stopped reading after ${MAX_SNAPSHOT_ISSUES} issues`,
      });
    }
    return { value: value === STOP ? null : value, issues: state.issues };
  } catch (error) {
    // A Proxy trap or an exotic object threw: report it rather than let it escape.
    state.issues.push({
      code: 'invalid-type',
      path: [],
      message: `input could not be read: ${describeThrown(error)}`,
    });
    return { value: null, issues: state.issues };
  }
}

/**
 * Text for whatever a trap threw, without throwing again: a thrown null-prototype object
 * or a Proxy makes `String()` and `instanceof` throw themselves.
 *
 * @example
 * describeThrown(new Error('evil')); // 'evil'
 */
export function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return 'an unreadable value was thrown';
  }
}

/** Counts characters against the budget; false (with one issue) once it is exceeded. */
function spend(n: number, path: readonly (string | number)[], s: State): boolean {
  s.chars += n;
  if (s.chars <= s.opts.maxChars) return true;
  if (s.chars - n <= s.opts.maxChars) {
    s.issues.push({
      code: 'limit-exceeded',
      path: [...path],
      message: `more than ${s.opts.maxChars} characters of strings and keys in the document`,
    });
  }
  return false;
}

function copy(v: unknown, path: (string | number)[], depth: number, s: State): Json | typeof STOP {
  if (s.issues.length >= MAX_SNAPSHOT_ISSUES) return STOP;
  if (++s.nodes > s.opts.maxNodes) {
    if (s.nodes === s.opts.maxNodes + 1) {
      s.issues.push({
        code: 'limit-exceeded',
        path: [...path],
        message: `more than ${s.opts.maxNodes} values in the document`,
      });
    }
    return STOP;
  }
  switch (typeof v) {
    case 'string':
      if (v.length > s.opts.maxStringLength) {
        s.issues.push({
          code: 'limit-exceeded',
          path: [...path],
          message: `string longer than ${s.opts.maxStringLength} characters (${v.length})`,
        });
        return STOP;
      }
      return spend(v.length, path, s) ? v : STOP;
    case 'number':
      if (!Number.isFinite(v) || Object.is(v, -0)) {
        s.issues.push({
          code: 'invalid-value',
          path: [...path],
          message: `must be a finite number (got ${Object.is(v, -0) ? '-0' : String(v)})`,
        });
      }
      return v;
    case 'boolean':
      return v;
    case 'object':
      break;
    default:
      s.issues.push({ code: 'invalid-type', path: [...path], message: `${typeof v} is not JSON data` });
      return STOP;
  }
  if (v === null) return null;
  if (depth >= s.opts.maxDepth) {
    s.issues.push({
      code: 'limit-exceeded',
      path: [...path],
      message: `nested deeper than ${s.opts.maxDepth} levels`,
    });
    return STOP;
  }
  if (Array.isArray(v)) return copyArray(v, path, depth, s);
  return copyObject(v, path, depth, s);
}

function copyObject(v: object, path: (string | number)[], depth: number, s: State): Json | typeof STOP {
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    s.issues.push({ code: 'invalid-type', path: [...path], message: 'only plain objects are JSON data' });
    return STOP;
  }
  const out: { [key: string]: Json } = s.opts.plain === true ? {} : Object.create(null);
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length > s.opts.maxArrayLength) {
    s.issues.push({
      code: 'limit-exceeded',
      path: [...path],
      message: `object with more than ${s.opts.maxArrayLength} keys (${keys.length})`,
    });
    return STOP;
  }
  for (const key of keys) {
    if (s.issues.length >= MAX_SNAPSHOT_ISSUES) return STOP;
    if (key.length > s.opts.maxStringLength) {
      // The key itself stays out of the path: it may be megabytes long.
      s.issues.push({
        code: 'limit-exceeded',
        path: [...path],
        message: `a key longer than ${s.opts.maxStringLength} characters (${key.length})`,
      });
      continue;
    }
    if (!spend(key.length, path, s)) return STOP;
    if (FORBIDDEN_KEYS.has(key)) {
      if (s.opts.forbiddenKeys === 'issue') {
        s.issues.push({
          code: 'forbidden-key',
          path: [...path, key],
          message: `"${key}" is not allowed as a key`,
        });
      }
      continue;
    }
    const desc = Object.getOwnPropertyDescriptor(obj, key);
    if (desc === undefined) continue;
    if (!('value' in desc)) {
      s.issues.push({
        code: 'invalid-type',
        path: [...path, key],
        message: 'accessor properties are not read',
      });
      continue;
    }
    if (desc.value === undefined) continue; // as JSON.stringify would drop it
    path.push(key);
    const c = copy(desc.value, path, depth + 1, s);
    path.pop();
    if (c === STOP) {
      if (stopped(s)) return STOP;
      continue;
    }
    out[key] = c;
  }
  return out;
}

function copyArray(
  v: readonly unknown[],
  path: (string | number)[],
  depth: number,
  s: State,
): Json | typeof STOP {
  const n = v.length;
  if (n > s.opts.maxArrayLength) {
    s.issues.push({
      code: 'limit-exceeded',
      path: [...path],
      message: `list longer than ${s.opts.maxArrayLength} items (${n})`,
    });
    return STOP;
  }
  const out: Json[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (s.issues.length >= MAX_SNAPSHOT_ISSUES) return STOP;
    const desc = Object.getOwnPropertyDescriptor(v, i);
    if (desc === undefined || !('value' in desc) || desc.value === undefined) {
      s.issues.push({
        code: 'invalid-type',
        path: [...path, i],
        message: 'holes, accessors and undefined are not JSON data',
      });
      out[i] = null;
      continue;
    }
    path.push(i);
    const c = copy(desc.value, path, depth + 1, s);
    path.pop();
    if (c === STOP) {
      if (stopped(s)) return STOP;
      out[i] = null;
      continue;
    }
    out[i] = c;
  }
  return out;
}

/** Whether the copy has given up (a document-wide budget is spent or too many issues). */
function stopped(s: State): boolean {
  return s.nodes > s.opts.maxNodes || s.chars > s.opts.maxChars || s.issues.length >= MAX_SNAPSHOT_ISSUES;
}
