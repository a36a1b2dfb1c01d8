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
import { isObj, missingOr, type Obj, optional, PLAIN_NAME_RE, tooMany, unknownKeys } from '../rules/check.js';
import { type ConditionNode, type ExperimentArms, validateConditions } from '../rules/conditions.js';
import { LIMITS } from '../shared/limits.js';
import { bad, type Check, type Json } from '../shared/read.js';

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
export const EXPERIMENT_NAME_RE = PLAIN_NAME_RE;

const R = LIMITS.ruleSet;
const EXPERIMENT_KEYS = ['description', 'salt', 'audience', 'arms'];
const ARM_KEYS = ['weight', 'holdout'];
// Messages say what is expected; the issue's path says where.
const ARM_SHAPE = '{ "weight": N, "holdout"?: true }';
const EXPERIMENT_SHAPE = `{ "arms": { NAME: ${ARM_SHAPE} }, "salt"?, "audience"? }`;

/** Whether `name` is a plain name; an issue at the walk's path otherwise. */
function plainName(w: Check, name: string, what: string): boolean {
  if (EXPERIMENT_NAME_RE.test(name)) return true;
  bad(w, 'invalid-value', `${what} must be a plain name: a letter or "_", then letters, digits, "_" or "-"`);
  return false;
}

/**
 * Validates the rule set's `experiments` block (absent: none), issues at the walk's path.
 * Audiences are conditions over the same facts as rules (declared attributes included),
 * except the `experiment` fact. Returns the experiments in file order; an experiment with
 * issues is left out (the issues make the load fail anyway).
 *
 * @example
 * loadExperiments(w, { experiments: { exp: { arms: { a: { weight: 1 } } } } }, {})[0]?.salt; // 'exp'
 */
export function loadExperiments(
  w: Check,
  root: Obj,
  attributes: Readonly<Record<string, AttributeType>>,
): Experiment[] {
  const v = root.experiments;
  const out: Experiment[] = [];
  if (v === undefined) return out;
  if (!isObj(v)) {
    bad(w, 'invalid-type', `expected { ID: ${EXPERIMENT_SHAPE} }`, 'experiments');
    return out;
  }
  const ids = Object.keys(v);
  if (ids.length > R.maxExperiments) {
    tooMany(w, ids.length, R.maxExperiments, 'experiments', 'experiments');
    return out;
  }
  w.path.push('experiments');
  for (const id of ids) {
    w.path.push(id);
    const e = loadExperiment(w, id, v[id] as Json, attributes);
    w.path.pop();
    if (e !== undefined) out.push(e);
  }
  w.path.pop();
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
  w: Check,
  id: string,
  v: Json,
  attributes: Readonly<Record<string, AttributeType>>,
): Experiment | undefined {
  const before = w.issues.length;
  plainName(w, id, 'experiment id');
  if (!isObj(v)) {
    bad(w, 'invalid-type', `expected ${EXPERIMENT_SHAPE}`);
    return undefined;
  }
  const { description, salt, audience } = v;
  optional(w, v, 'description', 'string');
  if (salt !== undefined && (typeof salt !== 'string' || salt.length === 0)) {
    bad(
      w,
      typeof salt === 'string' ? 'invalid-value' : 'invalid-type',
      'salt must be a non-empty string',
      'salt',
    );
  }
  // An audience decides who is assigned, so it cannot read the assignment (null: no experiment fact).
  const who = audience === undefined ? null : validateConditions(w, v, 'audience', attributes, null);
  w.path.push('arms');
  const arms = loadArms(w, v.arms);
  w.path.pop();
  // Known keys first, then unknown ones, as the policy block (and zod) reports them.
  unknownKeys(w, v, EXPERIMENT_KEYS);
  if (w.issues.length !== before) return undefined;
  return {
    id,
    ...(typeof description === 'string' && { description }),
    salt: typeof salt === 'string' ? salt : id,
    audience: who ?? null,
    arms,
  };
}

/** The `arms` of an experiment, at the walk's path. */
function loadArms(w: Check, v: Json | undefined): Arm[] {
  const arms: Arm[] = [];
  if (!isObj(v)) {
    bad(w, missingOr(v, 'invalid-type'), `expected { NAME: ${ARM_SHAPE} }`);
    return arms;
  }
  const names = Object.keys(v);
  if (names.length === 0) {
    bad(w, 'invalid-value', 'an experiment needs at least one arm');
    return arms;
  }
  if (names.length > R.maxArms) {
    tooMany(w, names.length, R.maxArms, 'arms');
    return arms;
  }
  let total = 0;
  for (const name of names) {
    w.path.push(name);
    const ok = plainName(w, name, 'arm name');
    const a = v[name] as Json;
    if (!isObj(a)) {
      bad(w, 'invalid-type', `expected ${ARM_SHAPE}`);
    } else {
      const weight = a.weight;
      const validWeight =
        typeof weight === 'number' && Number.isInteger(weight) && weight >= 1 && weight <= R.maxTotalWeight;
      if (validWeight) total += weight;
      else {
        bad(
          w,
          missingOr(weight, typeof weight === 'number' ? 'invalid-value' : 'invalid-type'),
          `weight must be a whole number from 1 to ${R.maxTotalWeight}`,
          'weight',
        );
      }
      optional(w, a, 'holdout', 'boolean');
      unknownKeys(w, a, ARM_KEYS);
      if (ok && validWeight) arms.push({ name, weight, holdout: a.holdout === true });
    }
    w.path.pop();
  }
  if (total > R.maxTotalWeight) {
    bad(
      w,
      'limit-exceeded',
      `weights add up to ${total}, over ${R.maxTotalWeight} (only their ratios matter)`,
    );
  }
  return arms;
}
