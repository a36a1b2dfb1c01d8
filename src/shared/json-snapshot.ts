/**
 * A bounded copy of untrusted input into plain JSON data: own enumerable data properties
 * only, null-prototype objects (so a polluted `Object.prototype` is never read), no
 * getters run, no cycles followed, depth and size bounded before any work is done.
 * Everything after this step (zod, facts, rules) sees only data it can trust. The reading
 * itself is shared/read.ts's, the one reading layer (the context validator reads in place
 * with it; the rule-set loader copies with it).
 */
import type { Issue } from './errors.js';
import { copy, type Json, newWalk, readSafely } from './read.js';

export type { Json } from './read.js';
export { describeThrown, FORBIDDEN_KEYS, MAX_READ_ISSUES as MAX_SNAPSHOT_ISSUES } from './read.js';

interface SnapshotOptions {
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxArrayLength: number;
  /** Applies to string values and to object keys. */
  readonly maxStringLength: number;
  /** Characters of all strings and keys together: the document's size without its syntax. */
  readonly maxChars: number;
  /** `skip`: drop forbidden keys silently (contexts); `issue`: report them (rule sets). */
  readonly forbiddenKeys: 'skip' | 'issue';
  /**
   * Build ordinary objects instead of null-prototype ones (rule sets: their params and
   * source are handed back to callers as ordinary JSON). Safe because forbidden keys are
   * never copied.
   */
  readonly plain?: boolean;
}

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
  const w = newWalk({
    maxDepth: opts.maxDepth,
    maxNodes: opts.maxNodes,
    maxChars: opts.maxChars,
    maxKeys: opts.maxArrayLength,
    maxString: opts.maxStringLength,
    reportForbidden: opts.forbiddenKeys === 'issue',
  });
  const value = readSafely(w, (w, v) => copy(w, v, 0, opts.plain === true), input);
  return { value: value ?? null, issues: w.read };
}
