/**
 * Conditions in json-rules-engine's format, validated against the fact catalog and turned
 * into a normalized tree. Every problem is reported with its JSON path; recursion is
 * bounded by the depth limit, so a 10,000-deep file is an issue, never a stack overflow.
 */

import { describe } from '../context/fields.js';
import { LIMITS } from '../shared/limits.js';
import { bad, type Check, FORBIDDEN_KEYS, type Json } from '../shared/read.js';
import { didYouMean } from '../shared/suggest.js';
import { isVersion } from '../shared/version.js';
import {
  type AttributeType,
  FACT_BY_NAME,
  FACTS,
  type FactSpec,
  KEY_ACTION_FIELDS,
  OPERATORS,
  OPERATORS_BY_TYPE,
  type Operator,
  type ValueType,
} from './catalog.js';
import { isObj, missingOr, type Obj, PLAIN_NAME_RE } from './check.js';

/** A leaf condition after validation. `get` reads the fact (and path) from the facts. */
export interface LeafCondition {
  readonly kind: 'leaf';
  readonly fact: string;
  /**
   * `$.a.b` as written; an own property even when absent (undefined), so a polluted
   * `Object.prototype.path` never shows up in a trace.
   */
  readonly path?: string | undefined;
  /** The path's segments (after `$`). */
  readonly segments: readonly string[];
  readonly operator: Operator;
  readonly value: Json;
  /** The value type of the fact after the path. */
  readonly type: ValueType;
}

export type ConditionNode =
  | { readonly kind: 'all' | 'any'; readonly children: readonly ConditionNode[] }
  | { readonly kind: 'not'; readonly child: ConditionNode }
  | LeafCondition;

/**
 * What the `experiment` fact may name: each experiment's arm names by experiment id, or
 * null where the fact may not be read at all (an audience: it decides the assignment).
 */
export type ExperimentArms = Readonly<Record<string, readonly string[]>> | null;

const NO_EXPERIMENTS: Readonly<Record<string, readonly string[]>> = Object.freeze(Object.create(null));

/** What a rule's conditions may name, and how many leaves were read so far. */
interface Scope {
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly experiments: ExperimentArms;
  leaves: number;
}

const LEAF_KEYS = ['fact', 'operator', 'value', 'path'];
const GROUP_KEYS = ['all', 'any', 'not'];
const FACT_NAMES = FACTS.map((f) => f.name);
const R = LIMITS.ruleSet;

/**
 * Validates the conditions at `o[key]` (the root must be `all`, `any` or `not`, as
 * json-rules-engine requires), issues at the walk's path. Returns the tree, or undefined
 * when there were issues. `experiments` lists the arms the `experiment` fact may name (none
 * by default; null refuses the fact, for an experiment's audience).
 *
 * @example
 * validateConditions(w, rule, 'conditions', ruleSet.attributes); // the tree
 */
export function validateConditions(
  w: Check,
  o: Obj,
  key: string,
  attributes: Readonly<Record<string, AttributeType>>,
  experiments: ExperimentArms = NO_EXPERIMENTS,
): ConditionNode | undefined {
  const input = o[key];
  if (!isObj(input) || !GROUP_KEYS.some((k) => Object.hasOwn(input, k))) {
    bad(
      w,
      missingOr(input, 'invalid-type'),
      'conditions must be an object whose root is "all", "any" or "not"',
      key,
    );
    return undefined;
  }
  const scope: Scope = { attributes, experiments, leaves: 0 };
  const before = w.issues.length;
  w.path.push(key);
  const node = walk(w, input, 1, scope);
  if (scope.leaves > R.maxConditionsPerRule) {
    bad(w, 'limit-exceeded', `more than ${R.maxConditionsPerRule} conditions in one rule (${scope.leaves})`);
  }
  w.path.pop();
  return w.issues.length === before ? node : undefined;
}

/** The condition `v` at the walk's path (nested `depth` groups deep). */
function walk(w: Check, v: Json, depth: number, s: Scope): ConditionNode | undefined {
  if (!isObj(v)) {
    bad(w, 'invalid-type', 'a condition must be an object');
    return undefined;
  }
  const group = GROUP_KEYS.filter((k) => Object.hasOwn(v, k));
  if (group.length === 0) return leaf(w, v, s);
  if (depth > R.maxDepth) {
    bad(w, 'limit-exceeded', `conditions nested deeper than ${R.maxDepth} levels`);
    return undefined;
  }
  if (group.length > 1) {
    bad(w, 'invalid-value', `use one of "all", "any", "not" per object (found ${group.join(', ')})`);
    return undefined;
  }
  const key = group[0] as 'all' | 'any' | 'not';
  for (const k of Object.keys(v)) {
    if (k !== key) bad(w, 'unknown-key', `unknown key "${k}" beside "${key}"`, k);
  }
  const inner = v[key] as Json;
  if (key !== 'not' && !Array.isArray(inner)) {
    bad(w, 'invalid-type', `"${key}" must be a list of conditions`, key);
    return undefined;
  }
  if (key === 'any' && (inner as Json[]).length === 0) {
    // json-rules-engine treats `any: []` as true; logic says false. Refuse the ambiguity.
    bad(
      w,
      'empty-any',
      '"any" with no conditions is refused (json-rules-engine says true, logic says false); use "all": [] for "always"',
      key,
    );
    return undefined;
  }
  w.path.push(key);
  let node: ConditionNode | undefined;
  if (key === 'not') {
    const child = walk(w, inner, depth + 1, s);
    node = child && { kind: 'not', child };
  } else {
    const list = inner as Json[];
    const children: ConditionNode[] = [];
    for (let i = 0; i < list.length; i++) {
      w.path.push(i);
      const child = walk(w, list[i] as Json, depth + 1, s);
      w.path.pop();
      if (child) children.push(child);
    }
    node = children.length === list.length ? { kind: key, children } : undefined;
  }
  w.path.pop();
  return node;
}

function leaf(w: Check, v: Obj, s: Scope): LeafCondition | undefined {
  s.leaves++;
  const before = w.issues.length;
  for (const k of Object.keys(v)) {
    if (!LEAF_KEYS.includes(k)) {
      const hint =
        k === 'params'
          ? ' (fact params are not supported)'
          : k === 'condition'
            ? ' (shared conditions are not supported)'
            : didYouMean(k, LEAF_KEYS);
      bad(w, 'unknown-key', `unknown key "${k}"${hint}`, k);
    }
  }
  const fact = v.fact;
  if (typeof fact !== 'string') {
    bad(w, missingOr(fact, 'invalid-type'), '"fact" must name a fact', 'fact');
    return undefined;
  }
  const spec = FACT_BY_NAME[fact];
  if (spec === undefined) {
    bad(w, 'unknown-fact', `unknown fact "${fact}"${didYouMean(fact, FACT_NAMES)}`, 'fact');
    return undefined;
  }
  if (spec.path === 'experiment' && s.experiments === null) {
    bad(
      w,
      'invalid-value',
      'an audience cannot read the experiment fact: it decides who is assigned an arm',
      'fact',
    );
    return undefined;
  }
  w.path.push('path');
  const resolved = resolvePath(w, spec, v.path, s);
  w.path.pop();
  const op = v.operator;
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    const shown = typeof op === 'string' ? `"${op}"${didYouMean(op, OPERATORS)}` : String(op);
    bad(w, missingOr(op, 'unknown-operator'), `unknown operator ${shown}`, 'operator');
    return undefined;
  }
  if (resolved === undefined) return undefined;
  const operator = op as Operator;
  const allowed = OPERATORS_BY_TYPE[resolved.type];
  if (!allowed.includes(operator)) {
    bad(
      w,
      'operator-not-allowed',
      `"${operator}" does not apply to ${fact}${resolved.segments.length ? ` ${v.path}` : ''} (${resolved.type}); use ${allowed.join(', ')}`,
      'operator',
    );
    return undefined;
  }
  if (!Object.hasOwn(v, 'value')) {
    bad(w, 'missing', '"value" is required', 'value');
    return undefined;
  }
  w.path.push('value');
  checkValue(w, v.value as Json, operator, resolved, spec);
  w.path.pop();
  if (w.issues.length !== before) return undefined;
  return {
    kind: 'leaf',
    fact,
    path: typeof v.path === 'string' ? v.path : undefined,
    segments: resolved.segments,
    operator,
    value: v.value as Json,
    type: resolved.type,
  };
}

/** A fact after its path: segments, value type, and the values it can take when listed. */
interface Resolved {
  readonly segments: string[];
  readonly type: ValueType;
  /** An experiment's arm names. */
  readonly values?: readonly string[];
}

/** The leaf's `path` (`p`, at the walk's path) for the fact `spec`. */
function resolvePath(w: Check, spec: FactSpec, p: Json | undefined, s: Scope): Resolved | undefined {
  if (spec.path === 'none') {
    if (p === undefined) return { segments: [], type: spec.type };
    bad(w, 'invalid-path', `fact "${spec.name}" has no fields: remove "path"`);
    return undefined;
  }
  const shape =
    spec.path === 'keyActions'
      ? '$.NAME.count or $.NAME.hoursSinceLast'
      : spec.path === 'experiment'
        ? '$.EXPERIMENT_ID'
        : '$.NAME';
  if (typeof p !== 'string') {
    bad(w, missingOr(p, 'invalid-type'), `fact "${spec.name}" needs a path ${shape}`);
    return undefined;
  }
  // Plain `$.a.b` over own properties only: no filters, wildcards, recursive descent or
  // brackets (JSONPath expressions are a code-execution and DoS surface in jsonpath-plus).
  const segments = p.startsWith('$.') ? p.slice(2).split('.') : [];
  if (segments.length === 0 || !segments.every((x) => PLAIN_NAME_RE.test(x))) {
    bad(w, 'invalid-path', `path must be plain ${shape} (no filters, wildcards or brackets), got "${p}"`);
    return undefined;
  }
  const forbidden = segments.find((x) => FORBIDDEN_KEYS.has(x));
  if (forbidden !== undefined) {
    // Never a key a reader could follow into a prototype (json-rules-engine's facts are
    // plain objects, where `__proto__` is the prototype, not a key).
    bad(w, 'forbidden-key', `"${forbidden}" is not allowed in a path`);
    return undefined;
  }
  const name = segments[0] as string;
  const one = segments.length === 1;
  if (spec.path === 'keyActions') {
    const field = segments[1];
    if (segments.length === 2 && (KEY_ACTION_FIELDS as readonly (string | undefined)[]).includes(field)) {
      return { segments, type: 'number' };
    }
    bad(
      w,
      'invalid-path',
      `keyActions paths are ${shape}, got "${p}"${field ? didYouMean(field, KEY_ACTION_FIELDS) : ''}`,
    );
    return undefined;
  }
  if (spec.path === 'experiment') {
    // `$.ID` of an experiment the rule set declares; its values are that experiment's arms.
    const experiments = s.experiments ?? NO_EXPERIMENTS;
    const arms = Object.hasOwn(experiments, name) ? experiments[name] : undefined;
    if (one && arms !== undefined) return { segments, type: 'string', values: arms };
    const ids = Object.keys(experiments);
    bad(
      w,
      'invalid-path',
      !one
        ? `experiment paths are $.EXPERIMENT_ID, got "${p}"`
        : ids.length === 0
          ? `"${name}" is not an experiment: the rule set declares no "experiments"`
          : `"${name}" is not an experiment of this rule set${didYouMean(name, ids)}; declared: ${ids.join(', ')}`,
    );
    return undefined;
  }
  const declared = Object.hasOwn(s.attributes, name) ? s.attributes[name] : undefined;
  if (one && declared !== undefined) return { segments, type: declared };
  bad(
    w,
    one ? 'undeclared-attribute' : 'invalid-path',
    one
      ? `attribute "${name}" is not declared in the rule set's "attributes"${didYouMean(name, Object.keys(s.attributes))}`
      : `attribute paths are $.NAME, got "${p}"`,
  );
  return undefined;
}

/** The leaf's `value` (at the walk's path): a list of scalars for `in`/`notIn`, else one. */
function checkValue(w: Check, value: Json, op: Operator, resolved: Resolved, spec: FactSpec): void {
  const type = resolved.type;
  const element: ValueType = type === 'string[]' ? 'string' : type === 'number[]' ? 'number' : type;
  if (op !== 'in' && op !== 'notIn') {
    checkScalar(w, value, element, spec, resolved.values);
  } else if (!Array.isArray(value)) {
    bad(w, 'invalid-type', `"${op}" needs a list of ${element} values`);
  } else if (value.length > R.maxListLength) {
    bad(w, 'limit-exceeded', `list longer than ${R.maxListLength} items (${value.length})`);
  } else {
    for (let i = 0; i < value.length; i++) {
      w.path.push(i);
      checkScalar(w, value[i] as Json, element, spec, resolved.values);
      w.path.pop();
    }
  }
}

function checkScalar(
  w: Check,
  v: Json,
  type: ValueType,
  spec: FactSpec,
  arms: readonly string[] | undefined,
): void {
  const want = type === 'version' ? 'string' : type;
  if (isObj(v) && Object.hasOwn(v, 'fact')) {
    bad(w, 'invalid-type', 'fact references as values are not supported; compare with a literal');
  } else if (typeof v !== want) {
    bad(w, 'invalid-type', `expected a ${type} for ${spec.name}, got ${describe(v)}`);
  } else if (type === 'version' && !isVersion(v as string)) {
    bad(w, 'invalid-value', `"${String(v)}" is not a version like "16.4"`);
  } else if (arms !== undefined && !arms.includes(v as string)) {
    bad(
      w,
      'invalid-value',
      `"${String(v)}" is not an arm of this experiment${didYouMean(String(v), arms)}; its arms: ${arms.join(', ')}`,
    );
  } else if (spec.enum !== undefined && !spec.enum.includes(v as string)) {
    bad(
      w,
      'invalid-value',
      `"${String(v)}" is not a value of ${spec.name}${didYouMean(String(v), spec.enum)}; expected one of ${spec.enum.join(', ')}`,
    );
  }
}
