/**
 * Reading untrusted input as JSON data, bounded: own enumerable data properties only (a
 * getter is reported, never run; a polluted `Object.prototype` is never read), plain or
 * null-prototype objects, finite numbers, and the documented limits (depth, values,
 * characters, string and list lengths, keys) checked as the walk goes, before any work is
 * done on what they bound. The one reading layer: the context validator reads in place
 * with it (src/context), the rule-set loader and the authoring wing's reference take a
 * plain copy with {@link copy} (shared/json-snapshot.ts); the rules and messages are the
 * same for both. Recursion is bounded by the depth limit: no stack overflow at any depth.
 *
 * Issues come in two lists: `read` (the document is not bounded JSON data) and `issues`
 * (it is, but not what the caller reads). When `read` has any, they are the answer alone:
 * what a schema says about data that could not be read is noise.
 */
import type { Issue, IssueCode } from './errors.js';

/** Plain JSON data, as {@link copy} produces it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The limits of one kind of document. */
export interface ReadLimits {
  /** Nesting depth of the document (the document itself is at 0). */
  readonly maxDepth: number;
  /** JSON values in the whole document. */
  readonly maxNodes: number;
  /** Characters of all strings and keys together: the document's size without its syntax. */
  readonly maxChars: number;
  /** Elements of a list, and keys of an object. */
  readonly maxKeys: number;
  /** Characters of one string value or object key. */
  readonly maxString: number;
  /**
   * `__proto__`, `constructor` and `prototype` keys (how prototype pollution gets in) are
   * never read: dropped silently (contexts), or also reported as `forbidden-key` (rule sets).
   */
  readonly reportForbidden: boolean;
}

/** Keys that are never read: they are how prototype pollution gets in. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Read issues collected before the walk stops: a hostile document (a million NaNs) must
 * not become a million issue objects.
 */
export const MAX_READ_ISSUES = 100;

// Taken once: a caller that replaces them later cannot change how input is read.
const ownDescriptor = Object.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const protoOf = Object.getPrototypeOf;
const keysOf = Object.keys;
const isArray = Array.isArray;
const OBJECT_PROTO = Object.prototype;

/** Where schema issues go: a list, and the path of the value being checked. */
export interface Check {
  /** The path of the value being read (pushed and popped as the walk goes). */
  readonly path: (string | number)[];
  readonly issues: Issue[];
  /** Schema issues after which zod skips a record's size check (all but range and format). */
  hard: number;
}

/** The state of one walk over a document. */
export interface Walk extends Check, ReadLimits {
  readonly read: Issue[];
  nodes: number;
  chars: number;
  /** A document budget ran out or too many read issues: nothing more is read. */
  stop: boolean;
  /** The field values of the fixed-shape object read last (see fieldsOf, in src/context/objects.ts). */
  readonly fields: unknown[];
}

/** What {@link node} found: dropped (or stopped), a primitive, a plain object, an array. */
export const DROP = 0;
export const PRIM = 1;
export const OBJ = 2;
export const ARR = 3;

/**
 * A new walk over a document with these limits.
 *
 * @example
 * const w = newWalk(CONTEXT_LIMITS); json(w, input, 0); w.read; // [] for bounded JSON data
 */
export function newWalk(limits: ReadLimits): Walk {
  // fields: seven slots up front (the platform has seven), so writing them never grows the list
  const fields = [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  const { maxDepth, maxNodes, maxChars, maxKeys, maxString, reportForbidden } = limits;
  return {
    path: [],
    read: [],
    issues: [],
    hard: 0,
    nodes: 0,
    chars: 0,
    stop: false,
    fields,
    maxDepth,
    maxNodes,
    maxChars,
    maxKeys,
    maxString,
    reportForbidden,
  };
}

/**
 * Runs `read` (a walk over untrusted input) so that nothing escapes: what a Proxy trap
 * throws becomes a read issue, and a walk stopped by too many issues says so last.
 * Undefined when it threw.
 *
 * @example
 * const ctx = readSafely(w, validateContext, input);
 */
export function readSafely<T>(w: Walk, read: (w: Walk, input: unknown) => T, input: unknown): T | undefined {
  let out: T;
  try {
    out = read(w, input);
  } catch (error) {
    w.read.push({
      code: 'invalid-type',
      path: [],
      message: `input could not be read: ${describeThrown(error)}`,
    });
    return undefined;
  }
  if (w.read.length >= MAX_READ_ISSUES) {
    w.read.push({
      code: 'limit-exceeded',
      path: [],
      message: `stopped reading after ${MAX_READ_ISSUES} issues`,
    });
  }
  return out;
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

function readIssue(w: Walk, code: IssueCode, message: string, key?: string | number): void {
  w.read.push({ code, path: key === undefined ? w.path.slice() : [...w.path, key], message });
  if (w.read.length >= MAX_READ_ISSUES) w.stop = true;
}

/**
 * A schema issue at the current path (or at its child `key`). `soft` marks the issues zod
 * lets a record's size check run after (a number out of range, a bad format).
 *
 * @example
 * bad(w, 'missing', 'required (string)', 'now');
 */
export function bad(w: Check, code: IssueCode, message: string, key?: string | number, soft?: true): void {
  w.issues.push({ code, path: key === undefined ? w.path.slice() : [...w.path, key], message });
  if (soft === undefined) w.hard++;
}

function spend(w: Walk, n: number, key?: string): boolean {
  w.chars += n;
  if (w.chars <= w.maxChars) return true;
  readIssue(
    w,
    'limit-exceeded',
    `more than ${w.maxChars} characters of strings and keys in the document`,
    key,
  );
  w.stop = true;
  return false;
}

/**
 * Checks one value itself (not its children) as the snapshot does, and says what it is.
 * `depth` is its nesting (the document is 0); `key`, when given, is the value's key under
 * the current path (a primitive needs no path of its own unless it has an issue).
 *
 * @example
 * node(w, 'x', 1); // PRIM
 */
export function node(w: Walk, v: unknown, depth: number, key?: string): number {
  if (w.stop) return DROP;
  if (++w.nodes > w.maxNodes) {
    readIssue(w, 'limit-exceeded', `more than ${w.maxNodes} values in the document`, key);
    w.stop = true;
    return DROP;
  }
  // if-chains on typeof, not a switch: V8 turns `typeof v === 'string'` into a type check.
  if (typeof v === 'string') {
    if (v.length <= w.maxString) return spend(w, v.length, key) ? PRIM : DROP;
    readIssue(w, 'limit-exceeded', `string longer than ${w.maxString} characters (${v.length})`, key);
    return DROP;
  }
  if (typeof v === 'number') {
    if (v - v !== 0 || (v === 0 && 1 / v < 0)) {
      readIssue(w, 'invalid-value', `must be a finite number (got ${v === 0 ? '-0' : String(v)})`, key);
    }
    return PRIM;
  }
  if (typeof v === 'boolean') return PRIM;
  if (typeof v !== 'object') {
    readIssue(w, 'invalid-type', `${typeof v} is not JSON data`, key);
    return DROP;
  }
  if (v === null) return PRIM;
  if (depth >= w.maxDepth) {
    readIssue(w, 'limit-exceeded', `nested deeper than ${w.maxDepth} levels`);
    return DROP;
  }
  if (isArray(v)) {
    if (v.length <= w.maxKeys) return ARR;
    readIssue(w, 'limit-exceeded', `list longer than ${w.maxKeys} items (${v.length})`);
    return DROP;
  }
  const proto: unknown = protoOf(v);
  if (proto === OBJECT_PROTO || proto === null) return OBJ;
  readIssue(w, 'invalid-type', 'only plain objects are JSON data');
  return DROP;
}

/**
 * The own enumerable keys of an object {@link node} found plain, or undefined past the limit.
 *
 * @example
 * for (const k of keys(w, o) ?? []) { const v = field(w, o, k); … }
 */
export function keys(w: Walk, o: object): string[] | undefined {
  const ks = keysOf(o);
  if (ks.length <= w.maxKeys) return ks;
  readIssue(w, 'limit-exceeded', `object with more than ${w.maxKeys} keys (${ks.length})`);
  return undefined;
}

/**
 * The value of own data property `k`, or undefined to skip the key: a key that is too long,
 * `__proto__` / `constructor` / `prototype` (dropped, as JSON.parse'd pollution must be, and
 * reported when the limits say so),
 * an accessor (reported, not run), an undefined value (dropped, as JSON.stringify does).
 *
 * @example
 * const v = field(w, attributes, name);
 */
export function field(w: Walk, o: object, k: string): unknown {
  if (w.stop) return undefined;
  if (k.length > w.maxString) {
    // The key itself stays out of the path: it may be megabytes long.
    readIssue(w, 'limit-exceeded', `a key longer than ${w.maxString} characters (${k.length})`);
    return undefined;
  }
  if (k !== '__proto__' && k !== 'constructor' && k !== 'prototype') return own(w, o, k);
  if (spend(w, k.length) && w.reportForbidden) {
    readIssue(w, 'forbidden-key', `"${k}" is not allowed as a key`, k);
  }
  return undefined;
}

/**
 * {@link field} for a key the schema names (short, never forbidden: those tests are moot).
 *
 * @example
 * const v = own(w, input, 'platform');
 */
export function own(w: Walk, o: object, k: string): unknown {
  if (w.stop || !spend(w, k.length)) return undefined;
  const d = ownDescriptor(o, k);
  if (d === undefined || !isAccessor(d)) return d?.value;
  readIssue(w, 'invalid-type', 'accessor properties are not read', k);
  return undefined;
}

/**
 * Whether a descriptor is an accessor's. `in` is the fast test (an accessor's descriptor
 * always has `get`); `hasOwn` settles it only when `Object.prototype.get` is polluted.
 */
const isAccessor = (d: PropertyDescriptor): boolean => 'get' in d && hasOwn(d, 'get');

/**
 * Element `i` of an array, or undefined (reported) for a hole, an accessor or undefined.
 *
 * @example
 * const a = item(w, list, 0);
 */
export function item(w: Walk, a: readonly unknown[], i: number): unknown {
  const d = ownDescriptor(a, i);
  const v: unknown = d === undefined || isAccessor(d) ? undefined : d.value;
  if (v === undefined) readIssue(w, 'invalid-type', 'holes, accessors and undefined are not JSON data', i);
  return v;
}

/**
 * The value of schema key `k` of `o` (nesting `depth`), read as data all the way down;
 * undefined when absent or skipped.
 *
 * @example
 * const os = value(w, platform, 'os', 2);
 */
export function value(w: Walk, o: object, k: string, depth: number): unknown {
  const x = own(w, o, k);
  // The usual case inline: a string, number or boolean well within the limits. Anything
  // else takes node(), which reports exactly what the limits say.
  if (w.nodes < w.maxNodes) {
    if (typeof x === 'string') {
      if (x.length <= w.maxString && w.chars + x.length <= w.maxChars) {
        w.nodes++;
        w.chars += x.length;
        return x;
      }
    } else if (typeof x === 'boolean' || (typeof x === 'number' && x - x === 0 && (x !== 0 || 1 / x > 0))) {
      w.nodes++;
      return x;
    }
  }
  if (typeof x === 'object' && x !== null) {
    w.path.push(k);
    json(w, x, depth);
    w.path.pop();
  } else if (x !== undefined) {
    node(w, x, depth, k);
  }
  return x;
}

/**
 * Reads key `k` of `o` when the schema has no use for it: checked as data, nothing kept.
 *
 * @example
 * skip(w, platform, 'model', 2);
 */
export function skip(w: Walk, o: object, k: string, depth: number): void {
  const x = field(w, o, k);
  if (x === undefined) return;
  w.path.push(k);
  json(w, x, depth);
  w.path.pop();
}

/**
 * Reads a value the schema has no use for (an unknown key, a value of the wrong type):
 * checked as data all the way down, nothing kept.
 *
 * @example
 * json(w, input.extra, 1);
 */
export function json(w: Walk, v: unknown, depth: number): void {
  children(w, v, node(w, v, depth), depth);
}

/**
 * The children of a value {@link node} has already checked as `kind`, read as data all the
 * way down (nothing kept); with `plain` given, also copied (see {@link copy}).
 *
 * @example
 * children(w, v, node(w, v, 1), 1);
 */
export function children(
  w: Walk,
  v: unknown,
  kind: number,
  depth: number,
  plain?: boolean,
): Json | undefined {
  if (kind === OBJ) {
    const out: { [key: string]: Json } | undefined =
      plain === undefined ? undefined : plain ? {} : Object.create(null);
    for (const k of keys(w, v as object) ?? []) {
      const x = field(w, v as object, k);
      if (x === undefined) continue;
      w.path.push(k);
      const c = children(w, x, node(w, x, depth + 1), depth + 1, plain);
      w.path.pop();
      if (out !== undefined && c !== undefined) out[k] = c;
    }
    return w.stop ? undefined : out;
  }
  if (kind === ARR) {
    const a = v as readonly unknown[];
    const out: Json[] | undefined = plain === undefined ? undefined : new Array(a.length);
    for (let i = 0; i < a.length && !w.stop; i++) {
      const x = item(w, a, i);
      w.path.push(i);
      const c = x === undefined ? undefined : children(w, x, node(w, x, depth + 1), depth + 1, plain);
      w.path.pop();
      if (out !== undefined) out[i] = c === undefined ? null : c;
    }
    return w.stop ? undefined : out;
  }
  return kind === PRIM ? (v as Json) : undefined;
}

/**
 * A copy of `v` (nesting `depth`) as plain JSON data, read as {@link json} reads it:
 * ordinary objects when `plain` (safe: forbidden keys are never copied), null-prototype
 * ones otherwise. Undefined when `v` is dropped, or when the walk stopped (the copy is then
 * unusable); a dropped list element becomes null. Usable only while `w.read` is empty.
 *
 * @example
 * const w = newWalk(limits); const source = copy(w, JSON.parse(text), 0, true);
 */
export function copy(w: Walk, v: unknown, depth: number, plain: boolean): Json | undefined {
  return children(w, v, node(w, v, depth), depth, plain);
}
