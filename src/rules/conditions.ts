/**
 * Conditions in json-rules-engine's format, validated against the fact catalog and turned
 * into a normalized tree. Every problem is reported with its JSON path; recursion is
 * bounded by the depth limit, so a 10,000-deep file is an issue, never a stack overflow.
 */

import type { Issue } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import { FORBIDDEN_KEYS, type Json } from '../shared/read.js';
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

type Path = (string | number)[];

/**
 * What the `experiment` fact may name: each experiment's arm names by experiment id, or
 * null where the fact may not be read at all (an audience: it decides the assignment).
 */
export type ExperimentArms = Readonly<Record<string, readonly string[]>> | null;

const NO_EXPERIMENTS: Readonly<Record<string, readonly string[]>> = Object.freeze(Object.create(null));

interface Walk {
  readonly issues: Issue[];
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly experiments: ExperimentArms;
  leaves: number;
}

const LEAF_KEYS = ['fact', 'operator', 'value', 'path'];
const GROUP_KEYS = ['all', 'any', 'not'];
const FACT_NAMES = FACTS.map((f) => f.name);
const SEGMENT_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;

function isObj(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a rule's `conditions` (the root must be `all`, `any` or `not`, as
 * json-rules-engine requires). Returns the tree, or undefined when there were issues.
 * `experiments` lists the arms the `experiment` fact may name (none by default; null
 * refuses the fact, for an experiment's audience).
 */
export function validateConditions(
  input: Json | undefined,
  path: Path,
  attributes: Readonly<Record<string, AttributeType>>,
  issues: Issue[],
  experiments: ExperimentArms = NO_EXPERIMENTS,
): ConditionNode | undefined {
  const w: Walk = { issues, attributes, experiments, leaves: 0 };
  const before = issues.length;
  if (!isObj(input) || !GROUP_KEYS.some((k) => Object.hasOwn(input, k))) {
    issues.push({
      code: input === undefined ? 'missing' : 'invalid-type',
      path,
      message: 'conditions must be an object whose root is "all", "any" or "not"',
    });
    return undefined;
  }
  const node = walk(input, path, 1, w);
  if (w.leaves > LIMITS.ruleSet.maxConditionsPerRule) {
    issues.push({
      code: 'limit-exceeded',
      path,
      message: `more than ${LIMITS.ruleSet.maxConditionsPerRule} conditions in one rule (${w.leaves})`,
    });
  }
  return issues.length === before ? node : undefined;
}

function walk(v: Json, path: Path, depth: number, w: Walk): ConditionNode | undefined {
  if (!isObj(v)) {
    w.issues.push({ code: 'invalid-type', path, message: 'a condition must be an object' });
    return undefined;
  }
  const group = GROUP_KEYS.filter((k) => Object.hasOwn(v, k));
  if (group.length === 0) return leaf(v, path, w);
  if (depth > LIMITS.ruleSet.maxDepth) {
    w.issues.push({
      code: 'limit-exceeded',
      path,
      message: `conditions nested deeper than ${LIMITS.ruleSet.maxDepth} levels`,
    });
    return undefined;
  }
  if (group.length > 1) {
    w.issues.push({
      code: 'invalid-value',
      path,
      message: `use one of "all", "any", "not" per object (found ${group.join(', ')})`,
    });
    return undefined;
  }
  const key = group[0] as 'all' | 'any' | 'not';
  for (const k of Object.keys(v)) {
    if (k !== key)
      w.issues.push({
        code: 'unknown-key',
        path: [...path, k],
        message: `unknown key "${k}" beside "${key}"`,
      });
  }
  const inner = v[key] as Json;
  if (key === 'not') {
    const child = walk(inner, [...path, 'not'], depth + 1, w);
    return child && { kind: 'not', child };
  }
  if (!Array.isArray(inner)) {
    w.issues.push({
      code: 'invalid-type',
      path: [...path, key],
      message: `"${key}" must be a list of conditions`,
    });
    return undefined;
  }
  if (key === 'any' && inner.length === 0) {
    // json-rules-engine treats `any: []` as true; logic says false. Refuse the ambiguity.
    w.issues.push({
      code: 'empty-any',
      path: [...path, key],
      message:
        '"any" with no conditions is refused (json-rules-engine says true, logic says false); use "all": [] for "always"',
    });
    return undefined;
  }
  const children: ConditionNode[] = [];
  inner.forEach((c, i) => {
    const child = walk(c, [...path, key, i], depth + 1, w);
    if (child) children.push(child);
  });
  return children.length === inner.length ? { kind: key, children } : undefined;
}

function leaf(v: { [k: string]: Json }, path: Path, w: Walk): LeafCondition | undefined {
  w.leaves++;
  const before = w.issues.length;
  for (const k of Object.keys(v)) {
    if (!LEAF_KEYS.includes(k)) {
      const hint =
        k === 'params'
          ? ' (fact params are not supported)'
          : k === 'condition'
            ? ' (shared conditions are not supported)'
            : didYouMean(k, LEAF_KEYS);
      w.issues.push({ code: 'unknown-key', path: [...path, k], message: `unknown key "${k}"${hint}` });
    }
  }
  const fact = v.fact;
  if (typeof fact !== 'string') {
    w.issues.push({
      code: fact === undefined ? 'missing' : 'invalid-type',
      path: [...path, 'fact'],
      message: '"fact" must name a fact',
    });
    return undefined;
  }
  const spec = FACT_BY_NAME[fact];
  if (spec === undefined) {
    w.issues.push({
      code: 'unknown-fact',
      path: [...path, 'fact'],
      message: `unknown fact "${fact}"${didYouMean(fact, FACT_NAMES)}`,
    });
    return undefined;
  }
  if (spec.path === 'experiment' && w.experiments === null) {
    w.issues.push({
      code: 'invalid-value',
      path: [...path, 'fact'],
      message: 'an audience cannot read the experiment fact: it decides who is assigned an arm',
    });
    return undefined;
  }
  const resolved = resolvePath(spec, v.path, [...path, 'path'], w);
  const op = v.operator;
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    const shown = typeof op === 'string' ? `"${op}"` : String(op);
    w.issues.push({
      code: op === undefined ? 'missing' : 'unknown-operator',
      path: [...path, 'operator'],
      message: `unknown operator ${shown}${typeof op === 'string' ? didYouMean(op, OPERATORS) : ''}`,
    });
    return undefined;
  }
  if (resolved === undefined) return undefined;
  const operator = op as Operator;
  const allowed = OPERATORS_BY_TYPE[resolved.type];
  if (!allowed.includes(operator)) {
    w.issues.push({
      code: 'operator-not-allowed',
      path: [...path, 'operator'],
      message: `"${operator}" does not apply to ${fact}${resolved.segments.length ? ` ${v.path}` : ''} (${resolved.type}); use ${allowed.join(', ')}`,
    });
    return undefined;
  }
  if (!Object.hasOwn(v, 'value')) {
    w.issues.push({ code: 'missing', path: [...path, 'value'], message: '"value" is required' });
    return undefined;
  }
  checkValue(v.value as Json, operator, resolved, spec, [...path, 'value'], w);
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

function resolvePath(spec: FactSpec, p: Json | undefined, path: Path, w: Walk): Resolved | undefined {
  if (spec.path === 'none') {
    if (p !== undefined) {
      w.issues.push({
        code: 'invalid-path',
        path,
        message: `fact "${spec.name}" has no fields: remove "path"`,
      });
      return undefined;
    }
    return { segments: [], type: spec.type };
  }
  const shape =
    spec.path === 'keyActions'
      ? '$.NAME.count or $.NAME.hoursSinceLast'
      : spec.path === 'experiment'
        ? '$.EXPERIMENT_ID'
        : '$.NAME';
  if (typeof p !== 'string') {
    w.issues.push({
      code: p === undefined ? 'missing' : 'invalid-type',
      path,
      message: `fact "${spec.name}" needs a path ${shape}`,
    });
    return undefined;
  }
  // Plain `$.a.b` over own properties only: no filters, wildcards, recursive descent or
  // brackets (JSONPath expressions are a code-execution and DoS surface in jsonpath-plus).
  const segments = p.startsWith('$.') ? p.slice(2).split('.') : [];
  if (segments.length === 0 || !segments.every((s) => SEGMENT_RE.test(s))) {
    w.issues.push({
      code: 'invalid-path',
      path,
      message: `path must be plain ${shape} (no filters, wildcards or brackets), got "${p}"`,
    });
    return undefined;
  }
  const forbidden = segments.find((s) => FORBIDDEN_KEYS.has(s));
  if (forbidden !== undefined) {
    // Never a key a reader could follow into a prototype (json-rules-engine's facts are
    // plain objects, where `__proto__` is the prototype, not a key).
    w.issues.push({ code: 'forbidden-key', path, message: `"${forbidden}" is not allowed in a path` });
    return undefined;
  }
  if (spec.path === 'keyActions') {
    const field = segments[1];
    if (
      segments.length !== 2 ||
      field === undefined ||
      !(KEY_ACTION_FIELDS as readonly string[]).includes(field)
    ) {
      w.issues.push({
        code: 'invalid-path',
        path,
        message: `keyActions paths are ${shape}, got "${p}"${field ? didYouMean(field, KEY_ACTION_FIELDS) : ''}`,
      });
      return undefined;
    }
    return { segments, type: 'number' };
  }
  const name = segments[0] as string;
  if (spec.path === 'experiment') return experimentPath(name, segments, p, path, w);
  const declared = Object.hasOwn(w.attributes, name) ? w.attributes[name] : undefined;
  if (segments.length !== 1 || declared === undefined) {
    w.issues.push({
      code: segments.length !== 1 ? 'invalid-path' : 'undeclared-attribute',
      path,
      message:
        segments.length !== 1
          ? `attribute paths are $.NAME, got "${p}"`
          : `attribute "${name}" is not declared in the rule set's "attributes"${didYouMean(name, Object.keys(w.attributes))}`,
    });
    return undefined;
  }
  return { segments, type: declared };
}

/** `$.ID` of an experiment the rule set declares; its values are that experiment's arms. */
function experimentPath(
  id: string,
  segments: string[],
  p: string,
  path: Path,
  w: Walk,
): Resolved | undefined {
  const experiments = w.experiments ?? NO_EXPERIMENTS;
  const arms = Object.hasOwn(experiments, id) ? experiments[id] : undefined;
  if (segments.length !== 1 || arms === undefined) {
    const ids = Object.keys(experiments);
    w.issues.push({
      code: 'invalid-path',
      path,
      message:
        segments.length !== 1
          ? `experiment paths are $.EXPERIMENT_ID, got "${p}"`
          : ids.length === 0
            ? `"${id}" is not an experiment: the rule set declares no "experiments"`
            : `"${id}" is not an experiment of this rule set${didYouMean(id, ids)}; declared: ${ids.join(', ')}`,
    });
    return undefined;
  }
  return { segments, type: 'string', values: arms };
}

function checkValue(
  value: Json,
  op: Operator,
  resolved: Resolved,
  spec: FactSpec,
  path: Path,
  w: Walk,
): void {
  const type = resolved.type;
  const element: ValueType = type === 'string[]' ? 'string' : type === 'number[]' ? 'number' : type;
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(value)) {
      w.issues.push({ code: 'invalid-type', path, message: `"${op}" needs a list of ${element} values` });
      return;
    }
    if (value.length > LIMITS.ruleSet.maxListLength) {
      w.issues.push({
        code: 'limit-exceeded',
        path,
        message: `list longer than ${LIMITS.ruleSet.maxListLength} items (${value.length})`,
      });
      return;
    }
    for (let i = 0; i < value.length; i++)
      checkScalar(value[i] as Json, element, spec, resolved.values, [...path, i], w);
    return;
  }
  checkScalar(value, element, spec, resolved.values, path, w);
}

function checkScalar(
  v: Json,
  type: ValueType,
  spec: FactSpec,
  arms: readonly string[] | undefined,
  path: Path,
  w: Walk,
): void {
  const want = type === 'version' ? 'string' : type;
  if (isObj(v) && Object.hasOwn(v, 'fact')) {
    w.issues.push({
      code: 'invalid-type',
      path,
      message: 'fact references as values are not supported; compare with a literal',
    });
    return;
  }
  if (typeof v !== want) {
    w.issues.push({
      code: 'invalid-type',
      path,
      message: `expected a ${type} for ${spec.name}, got ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`,
    });
    return;
  }
  if (type === 'version' && !isVersion(v as string)) {
    w.issues.push({ code: 'invalid-value', path, message: `"${String(v)}" is not a version like "16.4"` });
  } else if (arms !== undefined && !arms.includes(v as string)) {
    w.issues.push({
      code: 'invalid-value',
      path,
      message: `"${String(v)}" is not an arm of this experiment${didYouMean(String(v), arms)}; its arms: ${arms.join(', ')}`,
    });
  } else if (spec.enum !== undefined && !spec.enum.includes(v as string)) {
    w.issues.push({
      code: 'invalid-value',
      path,
      message: `"${String(v)}" is not a value of ${spec.name}${didYouMean(String(v), spec.enum)}; expected one of ${spec.enum.join(', ')}`,
    });
  }
}
