/**
 * Rule sets: JSON files under `rules/` (DESIGN.md section 4). Loading validates
 * everything at once, reports every issue with its JSON path, and returns a frozen,
 * normalized rule set that no later change to the input can affect.
 */
import { declaredArms, type Experiment, loadExperiments } from '../experiments/load.js';
import { type Issue, RuleSetError } from '../shared/errors.js';
import { hashJson } from '../shared/hash.js';
import { LIMITS } from '../shared/limits.js';
import { copy, type Json, newWalk, type ReadLimits, readSafely } from '../shared/read.js';
import { didYouMean } from '../shared/suggest.js';
import { ACTIONS, type Action, ATTRIBUTE_TYPES, type AttributeType } from './catalog.js';
import { type ConditionNode, type ExperimentArms, validateConditions } from './conditions.js';
import { loadPolicy, type Policy } from './policy.js';

const R = LIMITS.ruleSet;
/** Rules are checked until this many issues have been found. */
const MAX_RULE_SET_ISSUES = 1_000;
const ENVELOPE_KEYS = [
  '$schema',
  'name',
  'description',
  'attributes',
  'policy',
  'variants',
  'experiments',
  'rules',
];
const RULE_KEYS = ['id', 'description', 'priority', 'conditions', 'event'];
/** A rule set as JSON data: lists as long as the longest the limits allow, forbidden keys reported. */
const READ_LIMITS: ReadLimits = {
  maxDepth: R.maxJsonDepth,
  maxNodes: R.maxNodes,
  maxChars: R.maxFileChars,
  maxKeys: Math.max(R.maxRules, R.maxListLength),
  maxString: R.maxStringLength,
  reportForbidden: true,
};
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const ID_RE = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * A rule's event params, passed back in the decision. `variant` (the copy the app shows) is
 * a string: the loader checks it.
 */
export type Params = {
  readonly variant?: string;
  readonly [key: string]: Json | undefined;
};

export interface Rule {
  readonly id: string;
  readonly description?: string;
  readonly priority: number;
  /** Position in the file (ties in priority go to the earlier rule). */
  readonly index: number;
  readonly conditions: ConditionNode;
  readonly event: { readonly type: Action; readonly params?: Params };
}

/** A loaded rule set: validated, normalized, deeply frozen. */
export interface RuleSet {
  readonly name: string;
  /**
   * 8 hex digits of FNV-1a over the canonical JSON (with experiments: over the canonical
   * JSON and the order of the experiments and their arms, which assignment depends on).
   */
  readonly hash: string;
  /** `name@hash`, as reported in every decision. */
  readonly id: string;
  readonly description?: string;
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly variants: readonly string[] | null;
  readonly policy: Policy;
  /** The `experiments` block, in file order (empty without one). */
  readonly experiments: readonly Experiment[];
  /** In file order. */
  readonly rules: readonly Rule[];
  /** The validated JSON (a frozen copy): loads unchanged into json-rules-engine. */
  readonly source: Json;
}

const BRAND = new WeakSet<object>();

/**
 * Whether `v` is a rule set returned by {@link loadRuleSet} (and so needs no validation).
 *
 * @example
 * isRuleSet(loadRuleSet(json)); // true
 * isRuleSet(json);              // false: plain JSON
 */
export function isRuleSet(v: unknown): v is RuleSet {
  return typeof v === 'object' && v !== null && BRAND.has(v);
}

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a rule set (parsed JSON) and returns it normalized and frozen. Throws
 * {@link RuleSetError} listing every issue with its JSON path.
 *
 * @example
 * const rs = loadRuleSet(JSON.parse(fs.readFileSync('rules/default.json', 'utf8')));
 * rs.id; // 'default@3f9c2a1b'
 */
export function loadRuleSet(json: unknown): RuleSet {
  const w = newWalk(READ_LIMITS);
  // Plain objects, so params and the source look like ordinary JSON to callers.
  const snap = { value: readSafely(w, (w, v) => copy(w, v, 0, true), json) };
  const issues = w.read;
  // Past a size limit nothing else is checked: the later passes are cheap only for
  // documents within the limits (a 50 MB fact name must not reach "did you mean").
  if (issues.some((i) => i.code === 'limit-exceeded') || !isObj(snap.value)) {
    if (!isObj(snap.value) && issues.length === 0) {
      issues.push({ code: 'invalid-type', path: [], message: 'a rule set must be a JSON object' });
    }
    throw new RuleSetError(issues);
  }
  // Plain objects (the snapshot's `plain` option; forbidden keys are gone), so params and
  // the source look like ordinary JSON to callers; every key check is an own-property check.
  const root = snap.value;
  for (const k of Object.keys(root)) {
    if (!ENVELOPE_KEYS.includes(k)) {
      issues.push({
        code: 'unknown-key',
        path: [k],
        message: `unknown key "${k}"${didYouMean(k, ENVELOPE_KEYS)}`,
      });
    }
  }
  const name = root.name;
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    issues.push({
      code: name === undefined ? 'missing' : 'invalid-value',
      path: ['name'],
      message: 'name is required: letters, digits, "_", "." or "-", at most 100 characters',
    });
  }
  if (root.description !== undefined && typeof root.description !== 'string') {
    issues.push({ code: 'invalid-type', path: ['description'], message: 'description must be a string' });
  }
  const attributes = loadAttributes(root.attributes, issues);
  const variants = loadVariants(root.variants, issues);
  const policy = loadPolicy(root.policy, issues);
  const experiments = loadExperiments(root.experiments, attributes, issues);
  const rules = loadRules(root.rules, attributes, declaredArms(root.experiments), issues);
  if (issues.length > 0) throw new RuleSetError(issues);

  const source = deepFreeze(root);
  // `$schema` is an editor hint (the presets name their release's schema URL): it is not
  // part of what the rules decide, so a version bump does not change every preset's hash.
  const { $schema: _editorHint, ...content } = source;
  // Canonical JSON sorts keys, but assignment follows the order experiments and arms are
  // written: that order is hashed too, so a tool that reorders keys (jq -S) and reshuffles
  // every user also changes the id the decisions log. Rule sets without experiments keep
  // the plain canonical hash.
  const hash =
    experiments.length === 0
      ? hashJson(content)
      : hashJson([content, experiments.map((e) => [e.id, e.arms.map((a) => a.name)])]);
  const rs: RuleSet = deepFreeze({
    name: name as string,
    hash,
    id: `${name as string}@${hash}`,
    ...(typeof root.description === 'string' && { description: root.description }),
    attributes,
    variants,
    policy,
    experiments,
    rules,
    source,
  });
  BRAND.add(rs);
  return rs;
}

function loadAttributes(v: Json | undefined, issues: Issue[]): Record<string, AttributeType> {
  const out: Record<string, AttributeType> = Object.create(null);
  if (v === undefined) return out;
  if (!isObj(v)) {
    issues.push({
      code: 'invalid-type',
      path: ['attributes'],
      message: 'attributes must map names to types',
    });
    return out;
  }
  const keys = Object.keys(v);
  if (keys.length > R.maxAttributes) {
    issues.push({
      code: 'limit-exceeded',
      path: ['attributes'],
      message: `more than ${R.maxAttributes} attributes (${keys.length})`,
    });
  }
  for (const k of keys) {
    const t = v[k];
    if (!/^[A-Za-z_][A-Za-z0-9_-]{0,99}$/.test(k)) {
      issues.push({
        code: 'invalid-value',
        path: ['attributes', k],
        message: 'attribute names are letters, digits, "_" and "-"',
      });
    } else if (typeof t !== 'string' || !(ATTRIBUTE_TYPES as readonly string[]).includes(t)) {
      issues.push({
        code: 'invalid-value',
        path: ['attributes', k],
        message: `type must be one of ${ATTRIBUTE_TYPES.join(', ')}${typeof t === 'string' ? didYouMean(t, ATTRIBUTE_TYPES) : ''}`,
      });
    } else {
      out[k] = t as AttributeType;
    }
  }
  return out;
}

function loadVariants(v: Json | undefined, issues: Issue[]): string[] | null {
  if (v === undefined) return null;
  if (!isObj(v)) {
    issues.push({
      code: 'invalid-type',
      path: ['variants'],
      message: 'variants must map variant names to { "description": … }',
    });
    return null;
  }
  for (const [k, d] of Object.entries(v)) {
    if (!isObj(d) || Object.values(d).some((x) => typeof x !== 'string')) {
      issues.push({
        code: 'invalid-type',
        path: ['variants', k],
        message: 'a variant is an object of strings (description, title, body, cta…)',
      });
    }
  }
  return Object.keys(v);
}

function loadRules(
  v: Json | undefined,
  attributes: Record<string, AttributeType>,
  experiments: ExperimentArms,
  issues: Issue[],
): Rule[] {
  if (!Array.isArray(v)) {
    issues.push({
      code: v === undefined ? 'missing' : 'invalid-type',
      path: ['rules'],
      message: 'rules must be a list',
    });
    return [];
  }
  if (v.length > R.maxRules) {
    issues.push({
      code: 'limit-exceeded',
      path: ['rules'],
      message: `more than ${R.maxRules} rules (${v.length})`,
    });
    return [];
  }
  const seen = new Map<string, number>();
  const rules: Rule[] = [];
  v.forEach((raw, index) => {
    // Enough to fix a file; a generated file with a million mistakes stops here.
    if (issues.length >= MAX_RULE_SET_ISSUES) return;
    const path = ['rules', index];
    if (!isObj(raw)) {
      issues.push({ code: 'invalid-type', path, message: 'a rule must be an object' });
      return;
    }
    const before = issues.length;
    for (const k of Object.keys(raw)) {
      if (!RULE_KEYS.includes(k)) {
        issues.push({
          code: 'unknown-key',
          path: [...path, k],
          message: `unknown key "${k}"${didYouMean(k, RULE_KEYS)}`,
        });
      }
    }
    const id = raw.id;
    if (typeof id !== 'string' || !ID_RE.test(id)) {
      issues.push({
        code: id === undefined ? 'missing' : 'invalid-value',
        path: [...path, 'id'],
        message: 'id is required: 1-100 of letters, digits, "_", ".", ":" or "-"',
      });
    } else if (seen.has(id)) {
      issues.push({
        code: 'duplicate-id',
        path: [...path, 'id'],
        message: `duplicate rule id "${id}" (first at rules[${seen.get(id)}])`,
      });
    } else {
      seen.set(id, index);
    }
    if (raw.description !== undefined && typeof raw.description !== 'string') {
      issues.push({
        code: 'invalid-type',
        path: [...path, 'description'],
        message: 'description must be a string',
      });
    }
    const priority = raw.priority ?? 1;
    // json-rules-engine requires a priority greater than zero.
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1 || priority > 1_000_000) {
      issues.push({
        code: 'invalid-value',
        path: [...path, 'priority'],
        message: 'priority must be an integer from 1 to 1000000 (higher wins)',
      });
    }
    const conditions = validateConditions(
      raw.conditions,
      [...path, 'conditions'],
      attributes,
      issues,
      experiments,
    );
    const event = loadEvent(raw.event, [...path, 'event'], issues);
    if (issues.length !== before || conditions === undefined || event === undefined) return;
    rules.push({
      id: id as string,
      ...(typeof raw.description === 'string' && { description: raw.description }),
      priority: priority as number,
      index,
      conditions,
      event,
    });
  });
  return rules;
}

function loadEvent(
  v: Json | undefined,
  path: (string | number)[],
  issues: Issue[],
): Rule['event'] | undefined {
  if (!isObj(v)) {
    issues.push({
      code: v === undefined ? 'missing' : 'invalid-type',
      path,
      message: `event must be { "type": ${ACTIONS.map((a) => `"${a}"`).join(' | ')}, "params"?: {…} }`,
    });
    return undefined;
  }
  let ok = true;
  for (const k of Object.keys(v)) {
    if (k !== 'type' && k !== 'params') {
      issues.push({
        code: 'unknown-key',
        path: [...path, k],
        message: `unknown key "${k}"${didYouMean(k, ['type', 'params'])}`,
      });
      ok = false;
    }
  }
  const type = v.type;
  if (typeof type !== 'string' || !(ACTIONS as readonly string[]).includes(type)) {
    issues.push({
      code: type === undefined ? 'missing' : 'invalid-value',
      path: [...path, 'type'],
      message: `event type must be one of ${ACTIONS.join(', ')}${typeof type === 'string' ? didYouMean(type, ACTIONS) : ''}`,
    });
    ok = false;
  }
  const params = v.params;
  if (params !== undefined && !isObj(params)) {
    issues.push({ code: 'invalid-type', path: [...path, 'params'], message: 'params must be an object' });
    ok = false;
  } else if (params !== undefined && typeof (params.variant ?? '') !== 'string') {
    issues.push({
      code: 'invalid-type',
      path: [...path, 'params', 'variant'],
      message: 'variant must be a string',
    });
    ok = false;
  } else if (params !== undefined && depthOf(params) > R.maxParamsDepth) {
    issues.push({
      code: 'limit-exceeded',
      path: [...path, 'params'],
      message: `params nested deeper than ${R.maxParamsDepth} levels`,
    });
    ok = false;
  }
  if (!ok) return undefined;
  return isObj(params) ? { type: type as Action, params } : { type: type as Action };
}

function depthOf(v: Json): number {
  if (v === null || typeof v !== 'object') return 0;
  let max = 0;
  for (const x of Object.values(v)) max = Math.max(max, depthOf(x));
  return max + 1;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
