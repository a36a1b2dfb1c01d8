/**
 * Operator semantics, exactly json-rules-engine's (engine-default-operators.js): numeric
 * operators are false for a missing or non-numeric fact, `notEqual`/`notIn` are true for a
 * missing fact, `contains` needs an array fact. Plus version comparisons for `osVersion`.
 */
import type { Operator } from './catalog.js';
import type { Json } from './json-snapshot.js';
import { compareVersions } from './version.js';

export type Test = (factValue: unknown) => boolean;

/** Lists longer than this are looked up through a Set (same answers as indexOf for JSON scalars). */
const SET_THRESHOLD = 8;

/**
 * Builds the test for one operator and value, once, at load.
 *
 * @example
 * makeTest('greaterThanInclusive', 2)(3); // true
 * makeTest('lessThan', 2)(undefined);     // false, as json-rules-engine
 */
export function makeTest(op: Operator, value: Json): Test {
  switch (op) {
    case 'equal':
      return (v) => v === value;
    case 'notEqual':
      return (v) => v !== value;
    case 'in':
    case 'notIn': {
      const list = value as readonly Json[];
      const want = op === 'in';
      if (list.length > SET_THRESHOLD) {
        const set = new Set<unknown>(list);
        return (v) => set.has(v) === want;
      }
      return (v) => list.indexOf(v as Json) > -1 === want;
    }
    case 'contains':
      return (v) => Array.isArray(v) && v.indexOf(value) > -1;
    case 'doesNotContain':
      return (v) => Array.isArray(v) && v.indexOf(value) === -1;
    case 'lessThan': {
      const b = value as number;
      return (v) => typeof v === 'number' && v < b;
    }
    case 'lessThanInclusive': {
      const b = value as number;
      return (v) => typeof v === 'number' && v <= b;
    }
    case 'greaterThan': {
      const b = value as number;
      return (v) => typeof v === 'number' && v > b;
    }
    case 'greaterThanInclusive': {
      const b = value as number;
      return (v) => typeof v === 'number' && v >= b;
    }
    case 'versionLessThan':
      return (v) => typeof v === 'string' && compareVersions(v, value as string) < 0;
    case 'versionLessThanInclusive':
      return (v) => typeof v === 'string' && compareVersions(v, value as string) <= 0;
    case 'versionGreaterThan':
      return (v) => typeof v === 'string' && compareVersions(v, value as string) > 0;
    case 'versionGreaterThanInclusive':
      return (v) => typeof v === 'string' && compareVersions(v, value as string) >= 0;
  }
}

/** The version operators as json-rules-engine operator callbacks (used by the adapter). */
export const VERSION_OPERATORS: readonly { name: Operator; cb: (a: unknown, b: unknown) => boolean }[] = (
  [
    'versionLessThan',
    'versionLessThanInclusive',
    'versionGreaterThan',
    'versionGreaterThanInclusive',
  ] as const
).map((name) => ({ name, cb: (a: unknown, b: unknown) => makeTest(name, b as Json)(a) }));
