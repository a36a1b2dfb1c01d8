/**
 * Conditions compiled once, at load, into closures. Evaluation is then a chain of plain
 * function calls: no promises, no clones, nothing written onto rule nodes. The traced
 * evaluator used for `explain` walks the same tree with the same leaf functions, so the
 * two cannot disagree.
 */

import type { KeyActionStat } from '../context/parse.js';
import type { Facts } from '../evaluate/facts.js';
import type { Json } from '../shared/json-snapshot.js';
import { MS_PER_HOUR } from '../shared/time.js';
import { FACT_INDEX, type FactName } from './catalog.js';
import type { ConditionNode, LeafCondition } from './conditions.js';
import { makeCheck, makeTest, type Test } from './operators.js';

export type Predicate = (f: Facts) => boolean;
type Getter = (f: Facts) => unknown;

/** One condition's outcome in a trace. */
export type ConditionTrace =
  | {
      readonly fact: string;
      readonly path?: string;
      readonly operator: string;
      readonly value: Json;
      /** What the fact was (`undefined` = absent). */
      readonly factValue: unknown;
      readonly result: boolean;
    }
  | { readonly all: readonly ConditionTrace[]; readonly result: boolean }
  | { readonly any: readonly ConditionTrace[]; readonly result: boolean }
  | { readonly not: ConditionTrace; readonly result: boolean };

/**
 * The reader for a leaf's fact (and path): `values[i]` with the fact's catalog position
 * fixed here, at load. `keyActions.$.NAME.count` is 0 for an action never done, so "fewer
 * than 3 articles" holds for a new user; `hoursSinceLast` is absent without `lastAt`.
 * Key actions, attributes and arms are null-prototype maps: only own entries are ever read.
 */
function getterFor(leaf: LeafCondition): Getter {
  const [name, field] = leaf.segments;
  if (leaf.fact === 'keyActions' && name !== undefined) {
    if (field === 'count') {
      return (f) => {
        const a = (f.values[KEY_ACTIONS] as Readonly<Record<string, KeyActionStat>>)[name];
        return a === undefined ? 0 : a.count;
      };
    }
    return (f) => {
      const at = (f.values[KEY_ACTIONS] as Readonly<Record<string, KeyActionStat>>)[name]?.lastAt;
      return at === undefined ? undefined : (f.now - at) / MS_PER_HOUR;
    };
  }
  if (leaf.fact === 'attributes' && name !== undefined) {
    return (f) => (f.values[ATTRIBUTES] as Readonly<Record<string, unknown>>)[name];
  }
  if (leaf.fact === 'experiment' && name !== undefined) {
    // The user's arm; undefined when not enrolled (src/experiments/enroll.ts fills the map).
    return (f) => (f.values[EXPERIMENT] as Readonly<Record<string, string | undefined>>)[name];
  }
  // A fact name the loader accepted is in the catalog; anything else reads undefined.
  const i = Object.hasOwn(FACT_INDEX, leaf.fact) ? FACT_INDEX[leaf.fact as FactName] : -1;
  return i < 0 ? () => undefined : (f) => f.values[i];
}

const KEY_ACTIONS = FACT_INDEX.keyActions;
const ATTRIBUTES = FACT_INDEX.attributes;
const EXPERIMENT = FACT_INDEX.experiment;

/**
 * Compiles a condition tree into a predicate.
 *
 * @example
 * const p = compileCondition(rule.conditions);
 * p(facts); // true or false
 */
export function compileCondition(node: ConditionNode): Predicate {
  switch (node.kind) {
    case 'leaf':
      // One closure per leaf: the operator's check reading the fact through its reader.
      return makeCheck(node.operator, node.value, getterFor(node));
    case 'not': {
      const c = compileCondition(node.child);
      return (f) => !c(f);
    }
    case 'all':
    case 'any': {
      const cs = node.children.map(compileCondition);
      const all = node.kind === 'all';
      if (cs.length === 1) return cs[0] as Predicate;
      if (cs.length === 2) {
        const [a, b] = cs as [Predicate, Predicate];
        return all ? (f) => a(f) && b(f) : (f) => a(f) || b(f);
      }
      return all
        ? (f) => {
            for (let i = 0; i < cs.length; i++) if (!(cs[i] as Predicate)(f)) return false;
            return true;
          }
        : (f) => {
            for (let i = 0; i < cs.length; i++) if ((cs[i] as Predicate)(f)) return true;
            return false;
          };
    }
  }
}

/**
 * The names of the facts a set of condition trees reads (so a decider computes only those).
 *
 * @example
 * factsRead([rule.conditions]); // Set { 'trigger', 'sessionCount' }
 */
export function factsRead(nodes: readonly ConditionNode[], out = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.kind === 'leaf') {
      out.add(node.fact);
    } else if (node.kind === 'not') factsRead([node.child], out);
    else factsRead(node.children, out);
  }
  return out;
}

/**
 * The values of `fact` without which a rule cannot match: the union of the string values
 * of `equal` / `in` leaves on that fact directly under the root `all` (each is a conjunct,
 * so the rule is false whenever the fact is not among them). Null when the rule has no
 * such conjunct. Lets a decider skip, by one map lookup, rules that cannot match.
 *
 * @example
 * requiredValues({ kind: 'all', children: [triggerEqualsOrderPlaced] }, 'trigger'); // Set { 'order_placed' }
 */
export function requiredValues(node: ConditionNode, fact: string): Set<string> | null {
  if (node.kind !== 'all') return null;
  let out: Set<string> | null = null;
  for (const c of node.children) {
    if (c.kind !== 'leaf' || c.fact !== fact || c.segments.length > 0) continue;
    const values = c.operator === 'equal' ? [c.value] : c.operator === 'in' ? (c.value as Json[]) : null;
    if (values === null || !values.every((v) => typeof v === 'string')) continue;
    // Several conjuncts on the fact: it must be in each, so in the intersection.
    const set = new Set(values as string[]);
    out = out === null ? set : new Set([...out].filter((v: string) => set.has(v)));
  }
  return out;
}

/** Leaf readers and tests built once per tree for the traced evaluator. */
export type LeafFns = ReadonlyMap<LeafCondition, { get: Getter; test: Test }>;

export function leafFunctions(
  node: ConditionNode,
  out = new Map<LeafCondition, { get: Getter; test: Test }>(),
): LeafFns {
  if (node.kind === 'leaf')
    out.set(node, { get: getterFor(node), test: makeTest(node.operator, node.value) });
  else if (node.kind === 'not') leafFunctions(node.child, out);
  else for (const c of node.children) leafFunctions(c, out);
  return out;
}

/**
 * Evaluates a tree recording every condition (no short-circuit, so the trace is whole;
 * the result is the same as the compiled predicate's).
 */
export function traceCondition(node: ConditionNode, fns: LeafFns, f: Facts): ConditionTrace {
  switch (node.kind) {
    case 'leaf': {
      const fn = fns.get(node);
      const factValue = fn ? fn.get(f) : undefined;
      return {
        fact: node.fact,
        ...(node.path !== undefined && { path: node.path }),
        operator: node.operator,
        value: node.value,
        factValue,
        result: fn ? fn.test(factValue) : false,
      };
    }
    case 'not': {
      const child = traceCondition(node.child, fns, f);
      return { not: child, result: !child.result };
    }
    case 'all': {
      const children = node.children.map((c) => traceCondition(c, fns, f));
      return { all: children, result: children.every((c) => c.result) };
    }
    case 'any': {
      const children = node.children.map((c) => traceCondition(c, fns, f));
      return { any: children, result: children.some((c) => c.result) };
    }
  }
}
