/**
 * A rule set's `experiments` block (DESIGN.md section 9), validated at load with every issue
 * at once, each with its JSON path:
 *
 * ```json
 * "experiments": {
 *   "primer-copy": {
 *     "description": "Benefit copy vs generic copy, with a 10% never-prompted holdout",
 *     "salt": "primer-copy-2026-12",
 *     "audience": { "all": [{ "fact": "os", "operator": "equal", "value": "ios" }] },
 *     "arms": { "holdout": { "weight": 10, "holdout": true }, "benefit": { "weight": 45 }, "generic": { "weight": 45 } }
 *   }
 * }
 * ```
 *
 * Experiment ids and arm names are plain names (a letter or "_" first, then letters,
 * digits, "_" or "-"): an id is a path segment (`$.primer-copy`), and no name is an
 * integer-like key, so JSON key order is the order written (JavaScript lists integer-like
 * keys first), which assignment depends on.
 */

import type { AttributeType } from '../rules/catalog.js';
import { type ConditionNode, type ExperimentArms, validateConditions } from '../rules/conditions.js';
import type { Issue } from '../shared/errors.js';
import type { Json } from '../shared/json-snapshot.js';
import { LIMITS } from '../shared/limits.js';
import { didYouMean } from '../shared/suggest.js';

/** One arm of an experiment. */
export interface Arm {
  readonly name: string;
  /** A positive integer; the arm gets `weight / total` of the enrolled users. */
  readonly weight: number;
  /** A holdout arm is never prompted (the holdout guardrail). */
  readonly holdout: boolean;
}

/** A loaded experiment. */
export interface Experiment {
  readonly id: string;
  readonly description?: string;
  /** Hashed with the user id; the experiment's id when not written. */
  readonly salt: string;
  /** Who is enrolled (besides having a userId); null: everyone with a userId. */
  readonly audience: ConditionNode | null;
  /** In the order written. */
  readonly arms: readonly Arm[];
}

/** The plain-name rule for experiment ids and arm names (the path-segment rule, too). */
export const EXPERIMENT_NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;

const R = LIMITS.ruleSet;
const EXPERIMENT_KEYS = ['description', 'salt', 'audience', 'arms'];
const ARM_KEYS = ['weight', 'holdout'];
// Messages say what is expected; the issue's path says where.
const ARM_SHAPE = '{ "weight": N, "holdout"?: true }';
const EXPERIMENT_SHAPE = `{ "arms": { NAME: ${ARM_SHAPE} }, "salt"?, "audience"? }`;

type Obj = { readonly [k: string]: Json };
type Path = readonly (string | number)[];
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(o: Obj, known: readonly string[], path: Path, issues: Issue[]): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) {
      issues.push({
        code: 'unknown-key',
        path: [...path, k],
        message: `unknown key "${k}"${didYouMean(k, known)}`,
      });
    }
  }
}

function plainName(name: string, what: string, path: Path, issues: Issue[]): boolean {
  if (EXPERIMENT_NAME_RE.test(name)) return true;
  issues.push({
    code: 'invalid-value',
    path,
    message: `${what} must be a plain name: a letter or "_", then letters, digits, "_" or "-"`,
  });
  return false;
}

/**
 * Validates the `experiments` block (undefined: none). Audiences are conditions over the
 * same facts as rules (declared attributes included), except the `experiment` fact.
 * Returns the experiments in file order; an experiment with issues is left out (the issues
 * make the load fail anyway).
 *
 * @example
 * const issues = [];
 * loadExperiments({ exp: { arms: { a: { weight: 1 }, b: { weight: 1 } } } }, {}, issues)[0]?.salt; // 'exp'
 */
export function loadExperiments(
  v: Json | undefined,
  attributes: Readonly<Record<string, AttributeType>>,
  issues: Issue[],
): Experiment[] {
  if (v === undefined) return [];
  const path = ['experiments'];
  if (!isObj(v)) {
    issues.push({
      code: 'invalid-type',
      path,
      message: `expected { ID: ${EXPERIMENT_SHAPE} }`,
    });
    return [];
  }
  const ids = Object.keys(v);
  if (ids.length > R.maxExperiments) {
    issues.push({
      code: 'limit-exceeded',
      path,
      message: `more than ${R.maxExperiments} experiments (${ids.length})`,
    });
    return [];
  }
  const out: Experiment[] = [];
  for (const id of ids) {
    const e = loadExperiment(id, v[id] as Json, [...path, id], attributes, issues);
    if (e !== undefined) out.push(e);
  }
  return out;
}

/**
 * The arm names each experiment id declares, read from the raw block, for validating rules'
 * `experiment` conditions: an experiment with a mistake elsewhere (a bad weight) still
 * declares its arms, so its rules get no second, misleading "unknown experiment" issue.
 *
 * @example
 * declaredArms({ exp: { arms: { a: { weight: 1 } } } }); // { exp: ['a'] }
 */
export function declaredArms(v: Json | undefined): ExperimentArms {
  const out: Record<string, readonly string[]> = Object.create(null);
  if (!isObj(v)) return out;
  for (const id of Object.keys(v)) {
    const e = v[id];
    out[id] = isObj(e) && isObj(e.arms) ? Object.keys(e.arms) : [];
  }
  return out;
}

function loadExperiment(
  id: string,
  v: Json,
  path: Path,
  attributes: Readonly<Record<string, AttributeType>>,
  issues: Issue[],
): Experiment | undefined {
  const before = issues.length;
  plainName(id, 'experiment id', path, issues);
  if (!isObj(v)) {
    issues.push({
      code: 'invalid-type',
      path,
      message: `expected ${EXPERIMENT_SHAPE}`,
    });
    return undefined;
  }
  const { description, salt, audience } = v;
  if (description !== undefined && typeof description !== 'string') {
    issues.push({
      code: 'invalid-type',
      path: [...path, 'description'],
      message: 'description must be a string',
    });
  }
  if (salt !== undefined && (typeof salt !== 'string' || salt.length === 0)) {
    issues.push({
      code: typeof salt === 'string' ? 'invalid-value' : 'invalid-type',
      path: [...path, 'salt'],
      message: 'salt must be a non-empty string',
    });
  }
  // An audience decides who is assigned, so it cannot read the assignment (null: no experiment fact).
  const who =
    audience === undefined
      ? null
      : validateConditions(audience, [...path, 'audience'], attributes, issues, null);
  const arms = loadArms(v.arms, [...path, 'arms'], issues);
  // Known keys first, then unknown ones, as the policy block (and zod) reports them.
  unknownKeys(v, EXPERIMENT_KEYS, path, issues);
  if (issues.length !== before) return undefined;
  return {
    id,
    ...(typeof description === 'string' && { description }),
    salt: typeof salt === 'string' ? salt : id,
    audience: who ?? null,
    arms,
  };
}

function loadArms(v: Json | undefined, path: Path, issues: Issue[]): Arm[] {
  if (!isObj(v)) {
    issues.push({
      code: v === undefined ? 'missing' : 'invalid-type',
      path,
      message: `expected { NAME: ${ARM_SHAPE} }`,
    });
    return [];
  }
  const names = Object.keys(v);
  if (names.length === 0) {
    issues.push({ code: 'invalid-value', path, message: 'an experiment needs at least one arm' });
    return [];
  }
  if (names.length > R.maxArms) {
    issues.push({ code: 'limit-exceeded', path, message: `more than ${R.maxArms} arms (${names.length})` });
    return [];
  }
  const arms: Arm[] = [];
  let total = 0;
  for (const name of names) {
    const armPath = [...path, name];
    const ok = plainName(name, 'arm name', armPath, issues);
    const a = v[name] as Json;
    if (!isObj(a)) {
      issues.push({
        code: 'invalid-type',
        path: armPath,
        message: `expected ${ARM_SHAPE}`,
      });
      continue;
    }
    const { weight, holdout } = a;
    const validWeight =
      typeof weight === 'number' && Number.isInteger(weight) && weight >= 1 && weight <= R.maxTotalWeight;
    if (!validWeight) {
      issues.push({
        code:
          weight === undefined ? 'missing' : typeof weight === 'number' ? 'invalid-value' : 'invalid-type',
        path: [...armPath, 'weight'],
        message: `weight must be a whole number from 1 to ${R.maxTotalWeight}`,
      });
    } else total += weight;
    if (holdout !== undefined && typeof holdout !== 'boolean') {
      issues.push({
        code: 'invalid-type',
        path: [...armPath, 'holdout'],
        message: 'holdout must be a boolean',
      });
    }
    unknownKeys(a, ARM_KEYS, armPath, issues);
    if (ok && validWeight) arms.push({ name, weight, holdout: holdout === true });
  }
  if (total > R.maxTotalWeight) {
    issues.push({
      code: 'limit-exceeded',
      path,
      message: `weights add up to ${total}, over ${R.maxTotalWeight} (only their ratios matter)`,
    });
  }
  return arms;
}
