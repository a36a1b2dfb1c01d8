/**
 * Rule sets: JSON files under `rules/` (DESIGN.md section 4). Loading validates
 * everything at once, reports every issue with its JSON path, and returns a frozen,
 * normalized rule set that no later change to the input can affect.
 */
import { declaredArms, type Experiment, loadExperiments } from '../experiments/load.js';
import { RuleSetError } from '../shared/errors.js';
import { hashJson } from '../shared/hash.js';
import { LIMITS } from '../shared/limits.js';
import { bad, type Check, copy, type Json, newWalk, type ReadLimits, readSafely } from '../shared/read.js';
import { didYouMean } from '../shared/suggest.js';
import { ACTIONS, type Action, ATTRIBUTE_TYPES, type AttributeType } from './catalog.js';
import { isObj, missingOr, optional, PLAIN_NAME_RE, tooMany, unknownKeys } from './check.js';
import { type ConditionNode, type ExperimentArms, validateConditions } from './conditions.js';
import { type Policy, policyOf } from './policy.js';

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
const EVENT_KEYS = ['type', 'params'];
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
  // A plain copy (ordinary objects: forbidden keys are never copied), so params and the
  // source look like ordinary JSON to callers; every key check is an own-property check.
  const root = readSafely(w, (w, v) => copy(w, v, 0, true), json);
  const issues = w.issues;
  // Past a size limit nothing else is checked: the later passes are cheap only for
  // documents within the limits (a 50 MB fact name must not reach "did you mean").
  if (w.read.some((i) => i.code === 'limit-exceeded') || !isObj(root)) {
    if (w.read.length === 0) bad(w, 'invalid-type', 'a rule set must be a JSON object');
    throw new RuleSetError(w.read.length === 0 ? issues : w.read);
  }
  issues.push(...w.read);
  unknownKeys(w, root, ENVELOPE_KEYS);
  const name = root.name;
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    bad(
      w,
      missingOr(name, 'invalid-value'),
      'name is required: letters, digits, "_", "." or "-", at most 100 characters',
      'name',
    );
  }
  optional(w, root, 'description', 'string');
  const attributes = loadAttributes(w, root.attributes);
  const variants = loadVariants(w, root.variants);
  const policy = policyOf(w, root);
  const experiments = loadExperiments(w, root, attributes);
  const rules = loadRules(w, root.rules, attributes, declaredArms(root.experiments));
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

function loadAttributes(w: Check, v: Json | undefined): Record<string, AttributeType> {
  const out: Record<string, AttributeType> = Object.create(null);
  if (v === undefined) return out;
  if (!isObj(v)) {
    bad(w, 'invalid-type', 'attributes must map names to types', 'attributes');
    return out;
  }
  const keys = Object.keys(v);
  if (keys.length > R.maxAttributes) tooMany(w, keys.length, R.maxAttributes, 'attributes', 'attributes');
  w.path.push('attributes');
  for (const k of keys) {
    const t = v[k];
    if (!PLAIN_NAME_RE.test(k)) {
      bad(w, 'invalid-value', 'attribute names are letters, digits, "_" and "-"', k);
    } else if (typeof t !== 'string' || !(ATTRIBUTE_TYPES as readonly string[]).includes(t)) {
      bad(
        w,
        'invalid-value',
        `type must be one of ${ATTRIBUTE_TYPES.join(', ')}${typeof t === 'string' ? didYouMean(t, ATTRIBUTE_TYPES) : ''}`,
        k,
      );
    } else {
      out[k] = t as AttributeType;
    }
  }
  w.path.pop();
  return out;
}

function loadVariants(w: Check, v: Json | undefined): string[] | null {
  if (v === undefined) return null;
  if (!isObj(v)) {
    bad(w, 'invalid-type', 'variants must map variant names to { "description": … }', 'variants');
    return null;
  }
  w.path.push('variants');
  for (const [k, d] of Object.entries(v)) {
    if (!isObj(d) || Object.values(d).some((x) => typeof x !== 'string')) {
      bad(w, 'invalid-type', 'a variant is an object of strings (description, title, body, cta…)', k);
    }
  }
  w.path.pop();
  return Object.keys(v);
}

function loadRules(
  w: Check,
  v: Json | undefined,
  attributes: Record<string, AttributeType>,
  experiments: ExperimentArms,
): Rule[] {
  const rules: Rule[] = [];
  if (!Array.isArray(v)) {
    bad(w, missingOr(v, 'invalid-type'), 'rules must be a list', 'rules');
    return rules;
  }
  if (v.length > R.maxRules) {
    tooMany(w, v.length, R.maxRules, 'rules', 'rules');
    return rules;
  }
  const seen = new Map<string, number>();
  w.path.push('rules');
  // Enough to fix a file; a generated file with a million mistakes stops there.
  for (let index = 0; index < v.length && w.issues.length < MAX_RULE_SET_ISSUES; index++) {
    w.path.push(index);
    const rule = loadRule(w, v[index] as Json, index, seen, attributes, experiments);
    if (rule !== undefined) rules.push(rule);
    w.path.pop();
  }
  w.path.pop();
  return rules;
}

/** Rule `index` (at the walk's path); undefined when it has issues. */
function loadRule(
  w: Check,
  raw: Json,
  index: number,
  seen: Map<string, number>,
  attributes: Record<string, AttributeType>,
  experiments: ExperimentArms,
): Rule | undefined {
  if (!isObj(raw)) {
    bad(w, 'invalid-type', 'a rule must be an object');
    return undefined;
  }
  const before = w.issues.length;
  unknownKeys(w, raw, RULE_KEYS);
  const id = raw.id;
  if (typeof id !== 'string' || !ID_RE.test(id)) {
    bad(
      w,
      missingOr(id, 'invalid-value'),
      'id is required: 1-100 of letters, digits, "_", ".", ":" or "-"',
      'id',
    );
  } else if (seen.has(id)) {
    bad(w, 'duplicate-id', `duplicate rule id "${id}" (first at rules[${seen.get(id)}])`, 'id');
  } else {
    seen.set(id, index);
  }
  optional(w, raw, 'description', 'string');
  const priority = raw.priority ?? 1;
  // json-rules-engine requires a priority greater than zero.
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1 || priority > 1_000_000) {
    bad(w, 'invalid-value', 'priority must be an integer from 1 to 1000000 (higher wins)', 'priority');
  }
  const conditions = validateConditions(w, raw, 'conditions', attributes, experiments);
  w.path.push('event');
  const event = loadEvent(w, raw.event);
  w.path.pop();
  if (w.issues.length !== before || conditions === undefined || event === undefined) return undefined;
  return {
    id: id as string,
    ...(typeof raw.description === 'string' && { description: raw.description }),
    priority: priority as number,
    index,
    conditions,
    event,
  };
}

/** A rule's event (at the walk's path). */
function loadEvent(w: Check, v: Json | undefined): Rule['event'] | undefined {
  if (!isObj(v)) {
    bad(
      w,
      missingOr(v, 'invalid-type'),
      `event must be { "type": ${ACTIONS.map((a) => `"${a}"`).join(' | ')}, "params"?: {…} }`,
    );
    return undefined;
  }
  let ok = unknownKeys(w, v, EVENT_KEYS);
  const type = v.type;
  if (typeof type !== 'string' || !(ACTIONS as readonly string[]).includes(type)) {
    bad(
      w,
      missingOr(type, 'invalid-value'),
      `event type must be one of ${ACTIONS.join(', ')}${typeof type === 'string' ? didYouMean(type, ACTIONS) : ''}`,
      'type',
    );
    ok = false;
  }
  const params = v.params;
  if (params === undefined) return ok ? { type: type as Action } : undefined;
  if (!isObj(params)) {
    bad(w, 'invalid-type', 'params must be an object', 'params');
  } else if (typeof (params.variant ?? '') !== 'string') {
    w.path.push('params');
    bad(w, 'invalid-type', 'variant must be a string', 'variant');
    w.path.pop();
  } else if (depthOf(params) > R.maxParamsDepth) {
    bad(w, 'limit-exceeded', `params nested deeper than ${R.maxParamsDepth} levels`, 'params');
  } else {
    return ok ? { type: type as Action, params } : undefined;
  }
  return undefined;
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
