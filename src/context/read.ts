/**
 * Reading untrusted input as JSON data, bounded, without copying it: own enumerable data
 * properties only (a getter is reported, never run; a polluted `Object.prototype` is never
 * read), plain or null-prototype objects, finite numbers, and the documented limits
 * (depth, values, characters, string and list lengths, keys) checked as the walk goes.
 * The same rules and messages as the snapshot copy of rule sets (shared/json-snapshot.ts),
 * so a context is held to exactly what the authoring wing's reference reads.
 *
 * Issues come in two lists: `read` (the document is not bounded JSON data) and `issues`
 * (it is, but not a context). When `read` has any, they are the answer alone: what the
 * schema says about data that could not be read is noise.
 */
import type { Issue, IssueCode } from '../shared/errors.js';
import { MAX_SNAPSHOT_ISSUES } from '../shared/json-snapshot.js';
import { LIMITS } from '../shared/limits.js';

const L = LIMITS.context;
/** Objects may have as many keys as the longest list (the snapshot's rule). */
const MAX_KEYS = L.maxAsks;
const MAX_STRING = L.maxStringLength;
const MAX_CHARS = L.maxChars;
const MAX_NODES = L.maxNodes;
// Taken once: a caller that replaces them later cannot change how input is read.
const ownDescriptor = Object.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const protoOf = Object.getPrototypeOf;
const keysOf = Object.keys;
const isArray = Array.isArray;
const OBJECT_PROTO = Object.prototype;

/** The state of one walk over a document. */
export interface Walk {
  /** The path of the value being read (pushed and popped as the walk goes). */
  readonly path: (string | number)[];
  readonly read: Issue[];
  readonly issues: Issue[];
  /** Schema issues after which zod skips a record's size check (all but range and format). */
  hard: number;
  nodes: number;
  chars: number;
  /** A document budget ran out or too many read issues: nothing more is read. */
  stop: boolean;
  /** The field values of the fixed-shape object read last (see fieldsOf, in objects.ts). */
  readonly fields: unknown[];
}

/** What {@link node} found: dropped (or stopped), a primitive, a plain object, an array. */
export const DROP = 0;
export const PRIM = 1;
export const OBJ = 2;
export const ARR = 3;

/**
 * A new walk.
 *
 * @example
 * const w = newWalk(); json(w, input, 0); w.read; // [] for bounded JSON data
 */
export function newWalk(): Walk {
  // fields: seven slots up front (the platform has seven), so writing them never grows the list
  const fields = [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  return { path: [], read: [], issues: [], hard: 0, nodes: 0, chars: 0, stop: false, fields };
}

function readIssue(w: Walk, code: IssueCode, message: string, key?: string | number): void {
  w.read.push({ code, path: key === undefined ? w.path.slice() : [...w.path, key], message });
  if (w.read.length >= MAX_SNAPSHOT_ISSUES) w.stop = true;
}

/**
 * A schema issue at the current path (or at its child `key`). `soft` marks the issues zod
 * lets a record's size check run after (a number out of range, a bad format).
 *
 * @example
 * bad(w, 'missing', 'required (string)', 'now');
 */
export function bad(w: Walk, code: IssueCode, message: string, key?: string | number, soft?: true): void {
  w.issues.push({ code, path: key === undefined ? w.path.slice() : [...w.path, key], message });
  if (soft === undefined) w.hard++;
}

function spend(w: Walk, n: number, key?: string): boolean {
  w.chars += n;
  if (w.chars <= MAX_CHARS) return true;
  readIssue(
    w,
    'limit-exceeded',
    `more than ${MAX_CHARS} characters of strings and keys in the document`,
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
  if (++w.nodes > MAX_NODES) {
    readIssue(w, 'limit-exceeded', `more than ${MAX_NODES} values in the document`, key);
    w.stop = true;
    return DROP;
  }
  // if-chains on typeof, not a switch: V8 turns `typeof v === 'string'` into a type check.
  if (typeof v === 'string') {
    if (v.length <= MAX_STRING) return spend(w, v.length, key) ? PRIM : DROP;
    readIssue(w, 'limit-exceeded', `string longer than ${MAX_STRING} characters (${v.length})`, key);
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
  if (depth >= L.maxDepth) {
    readIssue(w, 'limit-exceeded', `nested deeper than ${L.maxDepth} levels`);
    return DROP;
  }
  if (isArray(v)) {
    if (v.length <= MAX_KEYS) return ARR;
    readIssue(w, 'limit-exceeded', `list longer than ${MAX_KEYS} items (${v.length})`);
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
  if (ks.length <= MAX_KEYS) return ks;
  readIssue(w, 'limit-exceeded', `object with more than ${MAX_KEYS} keys (${ks.length})`);
  return undefined;
}

/**
 * The value of own data property `k`, or undefined to skip the key: a key that is too long,
 * `__proto__` / `constructor` / `prototype` (dropped, as JSON.parse'd pollution must be),
 * an accessor (reported, not run), an undefined value (dropped, as JSON.stringify does).
 *
 * @example
 * const v = field(w, attributes, name);
 */
export function field(w: Walk, o: object, k: string): unknown {
  if (w.stop) return undefined;
  if (k.length > MAX_STRING) {
    // The key itself stays out of the path: it may be megabytes long.
    readIssue(w, 'limit-exceeded', `a key longer than ${MAX_STRING} characters (${k.length})`);
    return undefined;
  }
  if (k !== '__proto__' && k !== 'constructor' && k !== 'prototype') return own(w, o, k);
  spend(w, k.length);
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
  if (w.nodes < MAX_NODES) {
    if (typeof x === 'string') {
      if (x.length <= MAX_STRING && w.chars + x.length <= MAX_CHARS) {
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
 * The children of a value {@link node} has already checked (a no-op for primitives).
 *
 * @example
 * children(w, v, node(w, v, 1), 1);
 */
export function children(w: Walk, v: unknown, kind: number, depth: number): void {
  if (kind === OBJ) {
    for (const k of keys(w, v as object) ?? []) skip(w, v as object, k, depth + 1);
  } else if (kind === ARR) {
    const a = v as readonly unknown[];
    for (let i = 0; i < a.length && !w.stop; i++) {
      const x = item(w, a, i);
      if (x === undefined) continue;
      w.path.push(i);
      json(w, x, depth + 1);
      w.path.pop();
    }
  }
}
