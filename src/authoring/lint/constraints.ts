/**
 * Leaf conditions as sets of values, so the linter can tell when one condition implies
 * another (a shadowed rule) and when conditions on one fact cannot hold together (a rule
 * that never fires). Conservative by design: anything it cannot reason about (versions,
 * lists, `any`, `not`) is "unknown", which never produces a warning.
 */
import { FACT_BY_NAME } from '../../rules/catalog.js';
import type { ConditionNode, LeafCondition } from '../../rules/conditions.js';
import type { Json } from '../../shared/json-snapshot.js';

/** Values a leaf accepts; `absent` says whether it also holds when the fact is absent. */
export type Constraint =
  | { readonly kind: 'in'; readonly values: readonly Json[]; readonly absent: boolean }
  | { readonly kind: 'notIn'; readonly values: readonly Json[]; readonly absent: boolean }
  | {
      readonly kind: 'range';
      readonly lo: number;
      readonly loIncl: boolean;
      readonly hi: number;
      readonly hiIncl: boolean;
      readonly absent: boolean;
    };

/**
 * Fact and path, the identity of "the same fact" across leaves.
 *
 * @example
 * factKey(leaf); // 'keyActions $.order_placed.count'
 */
export function factKey(leaf: LeafCondition): string {
  return leaf.path === undefined ? leaf.fact : `${leaf.fact} ${leaf.path}`;
}

function isInteger(leaf: LeafCondition): boolean {
  return (
    FACT_BY_NAME[leaf.fact]?.integer === true || (leaf.fact === 'keyActions' && leaf.segments[1] === 'count')
  );
}

/**
 * The set of values a leaf accepts, or null when the linter cannot reason about it.
 *
 * @example
 * constraintOf(leaf); // sessionCount lessThan 2 → { kind: 'range', lo: -Infinity, hi: 1, hiIncl: true, … }
 */
export function constraintOf(leaf: LeafCondition): Constraint | null {
  const v = leaf.value;
  const range = (lo: number, loIncl: boolean, hi: number, hiIncl: boolean): Constraint => {
    if (!isInteger(leaf)) return { kind: 'range', lo, loIncl, hi, hiIncl, absent: false };
    // Whole-number facts: closed integer bounds, so `> 1` and `>= 2` compare equal.
    const l = lo === -Infinity ? lo : loIncl ? Math.ceil(lo) : Math.floor(lo) + 1;
    const h = hi === Infinity ? hi : hiIncl ? Math.floor(hi) : Math.ceil(hi) - 1;
    return { kind: 'range', lo: l, loIncl: true, hi: h, hiIncl: true, absent: false };
  };
  switch (leaf.operator) {
    case 'equal':
      return { kind: 'in', values: [v], absent: false };
    case 'notEqual':
      return { kind: 'notIn', values: [v], absent: true };
    case 'in':
      return Array.isArray(v) ? { kind: 'in', values: v, absent: false } : null;
    case 'notIn':
      return Array.isArray(v) ? { kind: 'notIn', values: v, absent: true } : null;
    case 'lessThan':
      return typeof v === 'number' ? range(-Infinity, false, v, false) : null;
    case 'lessThanInclusive':
      return typeof v === 'number' ? range(-Infinity, false, v, true) : null;
    case 'greaterThan':
      return typeof v === 'number' ? range(v, false, Infinity, false) : null;
    case 'greaterThanInclusive':
      return typeof v === 'number' ? range(v, true, Infinity, false) : null;
    default:
      return null;
  }
}

function accepts(c: Constraint, v: Json): boolean {
  if (c.kind === 'in') return c.values.some((x) => x === v);
  if (c.kind === 'notIn') return !c.values.some((x) => x === v);
  if (typeof v !== 'number') return false;
  return (c.loIncl ? v >= c.lo : v > c.lo) && (c.hiIncl ? v <= c.hi : v < c.hi);
}

/**
 * Whether every value (and absence) accepted by `a` is accepted by `b`.
 *
 * @example
 * constraintImplies(constraintOf(sessionCountAtLeast3)!, constraintOf(sessionCountAtLeast2)!); // true
 */
function constraintImplies(a: Constraint, b: Constraint): boolean {
  if (a.absent && !b.absent) return false;
  if (a.kind === 'in') return a.values.every((v) => accepts(b, v));
  if (a.kind === 'notIn') return b.kind === 'notIn' && b.values.every((v) => a.values.some((x) => x === v));
  if (b.kind === 'range') {
    const loOk = a.lo > b.lo || (a.lo === b.lo && (b.loIncl || !a.loIncl));
    const hiOk = a.hi < b.hi || (a.hi === b.hi && (b.hiIncl || !a.hiIncl));
    return loOk && hiOk;
  }
  if (b.kind === 'notIn') return b.values.every((v) => typeof v !== 'number' || !accepts(a, v));
  return false;
}

/** Finite domains: booleans and enum facts. */
function domainOf(leaf: LeafCondition): readonly Json[] | null {
  if (leaf.type === 'boolean') return [true, false];
  const spec = FACT_BY_NAME[leaf.fact];
  return spec?.enum !== undefined && leaf.path === undefined ? spec.enum : null;
}

/**
 * Whether constraints on the same fact can all hold at once (a fact's absence counts).
 *
 * @example
 * satisfiable(sessionCount, [lessThan 2, greaterThan 5]); // false
 */
export function satisfiable(leaf: LeafCondition, cs: readonly Constraint[]): boolean {
  if (cs.every((c) => c.absent)) return true;
  const sets = cs.filter((c) => c.kind === 'in');
  const candidates = sets.length > 0 ? (sets[0] as { values: readonly Json[] }).values : domainOf(leaf);
  if (candidates !== null) return candidates.some((v) => cs.every((c) => accepts(c, v)));
  let lo = -Infinity;
  let loIncl = false;
  let hi = Infinity;
  let hiIncl = false;
  for (const c of cs) {
    if (c.kind !== 'range') continue;
    if (c.lo > lo || (c.lo === lo && !c.loIncl)) [lo, loIncl] = [c.lo, c.loIncl];
    if (c.hi < hi || (c.hi === hi && !c.hiIncl)) [hi, hiIncl] = [c.hi, c.hiIncl];
  }
  if (lo < hi) return true;
  // A single point: it must be allowed by both bounds and by every exclusion.
  return lo === hi && loIncl && hiIncl && cs.every((c) => accepts(c, lo));
}

/** A leaf with its JSON path in the rule file. */
export interface PlacedLeaf {
  readonly leaf: LeafCondition;
  readonly path: readonly (string | number)[];
}

/**
 * The leaves a rule requires outright: the root `all` (nested `all`s flattened). `exact`
 * is false when the tree also has `any` or `not` parts (extra conditions the list omits).
 *
 * @example
 * conjunctiveLeaves(rule.conditions, ['rules', 0, 'conditions']).leaves[0]?.path; // ['rules', 0, 'conditions', 'all', 0]
 */
export function conjunctiveLeaves(
  node: ConditionNode,
  path: readonly (string | number)[],
): { leaves: PlacedLeaf[]; exact: boolean } {
  const leaves: PlacedLeaf[] = [];
  let exact = true;
  const walk = (n: ConditionNode, p: readonly (string | number)[]) => {
    if (n.kind === 'leaf') leaves.push({ leaf: n, path: p });
    else if (n.kind === 'all') n.children.forEach((c, i) => void walk(c, [...p, 'all', i]));
    else if (n.kind === 'any' && n.children.length === 1)
      walk(n.children[0] as ConditionNode, [...p, 'any', 0]);
    else exact = false;
  };
  walk(node, path);
  return { leaves, exact };
}

/**
 * Every leaf anywhere in the tree that is not under a `not`.
 *
 * @example
 * positiveLeaves(rule.conditions).some((l) => l.fact === 'trigger');
 */
export function positiveLeaves(node: ConditionNode): LeafCondition[] {
  if (node.kind === 'leaf') return [node];
  if (node.kind === 'not') return [];
  return node.children.flatMap(positiveLeaves);
}

/**
 * Whether leaf `a` implies leaf `b` (same fact and path, and a's values within b's).
 *
 * @example
 * leafImplies(triggerEqualCheckout, triggerInCheckoutOrPayment); // true
 */
export function leafImplies(a: LeafCondition, b: LeafCondition): boolean {
  if (factKey(a) !== factKey(b)) return false;
  if (a.operator === b.operator && JSON.stringify(a.value) === JSON.stringify(b.value)) return true;
  const ca = constraintOf(a);
  const cb = constraintOf(b);
  return ca !== null && cb !== null && constraintImplies(ca, cb);
}
