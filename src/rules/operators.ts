/**
 * Operator semantics, exactly json-rules-engine's (engine-default-operators.js): numeric
 * operators are false for a missing or non-numeric fact, `notEqual`/`notIn` are true for a
 * missing fact, `contains` needs an array fact. Plus version comparisons for `osVersion`.
 * This file is the one place they are written: the compiled evaluator and the traced one
 * both build their checks here.
 */

import type { Json } from '../shared/json-snapshot.js';
import { compareVersions } from '../shared/version.js';
import type { Operator } from './catalog.js';

export type Test = (factValue: unknown) => boolean;

const identity = (v: unknown): unknown => v;

/**
 * Builds the check for one operator and value, once, at load, reading the fact through
 * `get`: the compiled evaluator passes the fact's reader, so a leaf is one closure over
 * facts (no extra call per condition); {@link makeTest} passes the identity.
 *
 * @example
 * const p = makeCheck('greaterThanInclusive', 2, (f: { sessionCount: number }) => f.sessionCount);
 * p({ sessionCount: 3 }); // true
 */
export function makeCheck<T>(op: Operator, value: Json, get: (x: T) => unknown): (x: T) => boolean {
  switch (op) {
    case 'equal':
      return (x) => get(x) === value;
    case 'notEqual':
      return (x) => get(x) !== value;
    case 'in':
    case 'notIn': {
      // A Set gives indexOf's answers for JSON scalars (no NaN; -0 and 0 are equal to both).
      const set = new Set<unknown>(value as readonly Json[]);
      const want = op === 'in';
      return (x) => set.has(get(x)) === want;
    }
    case 'contains':
      return (x) => {
        const v = get(x);
        return Array.isArray(v) && v.indexOf(value) > -1;
      };
    case 'doesNotContain':
      return (x) => {
        const v = get(x);
        return Array.isArray(v) && v.indexOf(value) === -1;
      };
    case 'lessThan': {
      const b = value as number;
      return (x) => {
        const v = get(x);
        return typeof v === 'number' && v < b;
      };
    }
    case 'lessThanInclusive': {
      const b = value as number;
      return (x) => {
        const v = get(x);
        return typeof v === 'number' && v <= b;
      };
    }
    case 'greaterThan': {
      const b = value as number;
      return (x) => {
        const v = get(x);
        return typeof v === 'number' && v > b;
      };
    }
    case 'greaterThanInclusive': {
      const b = value as number;
      return (x) => {
        const v = get(x);
        return typeof v === 'number' && v >= b;
      };
    }
    case 'versionLessThan':
      return (x) => version(get(x), value, -1, false);
    case 'versionLessThanInclusive':
      return (x) => version(get(x), value, -1, true);
    case 'versionGreaterThan':
      return (x) => version(get(x), value, 1, false);
    case 'versionGreaterThanInclusive':
      return (x) => version(get(x), value, 1, true);
  }
}

function version(v: unknown, b: Json, sign: -1 | 1, orEqual: boolean): boolean {
  if (typeof v !== 'string') return false;
  const c = compareVersions(v, b as string);
  return c === sign || (orEqual && c === 0);
}

/**
 * Builds the test for one operator and value, once, at load.
 *
 * @example
 * makeTest('greaterThanInclusive', 2)(3); // true
 * makeTest('lessThan', 2)(undefined);     // false, as json-rules-engine
 */
export function makeTest(op: Operator, value: Json): Test {
  return makeCheck(op, value, identity);
}

/** The version operators as json-rules-engine operator callbacks (used by the adapter). */
export const VERSION_OPERATORS: readonly { name: Operator; cb: (a: unknown, b: unknown) => boolean }[] =
  /* @__PURE__ */ (
    [
      'versionLessThan',
      'versionLessThanInclusive',
      'versionGreaterThan',
      'versionGreaterThanInclusive',
    ] as const
  ).map((name) => ({ name, cb: (a: unknown, b: unknown) => makeTest(name, b as Json)(a) }));
