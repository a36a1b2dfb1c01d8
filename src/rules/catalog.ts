/**
 * The catalog: the one list of what a rule may name (facts, their types and paths, the
 * operators per type) and what a decision may say (actions, reasons). The loader checks
 * conditions against it, the evaluator derives its fact readers from it, and the authoring
 * wing derives the JSON Schema, docs/rules.md, the linter's integer facts and the explain
 * words from it (their prose lives there, in src/authoring/catalog-docs.ts, keyed by these
 * names so that a fact without a description fails to compile).
 */

export const OS_VALUES = ['ios', 'android', 'web'] as const;
export const HOST_OS_VALUES = [
  'ios',
  'ipados',
  'android',
  'macos',
  'windows',
  'linux',
  'chromeos',
  'other',
] as const;
export const BROWSER_VALUES = ['chrome', 'edge', 'firefox', 'safari', 'samsung', 'opera', 'other'] as const;
export const PERMISSION_VALUES = ['not-determined', 'provisional', 'ephemeral', 'granted', 'denied'] as const;

/** Value types a fact (or a declared attribute) can have. */
export type ValueType = 'number' | 'string' | 'boolean' | 'version' | 'string[]' | 'number[]';

/** The json-rules-engine operators, plus version comparisons for `osVersion`. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'versionLessThan',
  'versionLessThanInclusive',
  'versionGreaterThan',
  'versionGreaterThanInclusive',
] as const;
export type Operator = (typeof OPERATORS)[number];

const EQUALITY = ['equal', 'notEqual', 'in', 'notIn'] as const;
const CONTAINS = ['contains', 'doesNotContain'] as const;

/** Which operators apply to which value type (anything else is refused at load). */
export const OPERATORS_BY_TYPE: Readonly<Record<ValueType, readonly Operator[]>> = {
  number: [...EQUALITY, 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'],
  string: EQUALITY,
  boolean: ['equal', 'notEqual'],
  version: [
    ...EQUALITY,
    'versionLessThan',
    'versionLessThanInclusive',
    'versionGreaterThan',
    'versionGreaterThanInclusive',
  ],
  'string[]': CONTAINS,
  'number[]': CONTAINS,
};

/** How a fact takes a `path`: none, `$.NAME.count`, `$.NAME` of an attribute, `$.ID` of an experiment. */
export type PathKind = 'none' | 'keyActions' | 'attributes' | 'experiment';

/** One fact of the catalog. */
export interface FactSpec {
  readonly name: string;
  /** For `keyActions` and `attributes`, the type after the path is resolved. */
  readonly type: ValueType;
  readonly enum?: readonly string[];
  readonly path: PathKind;
  /** Only whole numbers (`> 1` and `< 2` cannot both hold). */
  readonly integer?: boolean;
}

/** A number fact without a path (whole numbers only when `integer`). */
function n<N extends string>(name: N, integer?: true): FactSpec & { readonly name: N } {
  return integer ? { name, type: 'number', path: 'none', integer } : { name, type: 'number', path: 'none' };
}

/**
 * Every fact a condition may name, in the order of the docs.
 *
 * @example
 * FACTS.find((f) => f.name === 'sessionCount')?.type; // 'number'
 */
export const FACTS = [
  { name: 'os', type: 'string', enum: OS_VALUES, path: 'none' },
  { name: 'hostOs', type: 'string', enum: HOST_OS_VALUES, path: 'none' },
  { name: 'osVersion', type: 'version', path: 'none' },
  n('osMajorVersion', true),
  n('apiLevel', true),
  { name: 'browser', type: 'string', enum: BROWSER_VALUES, path: 'none' },
  { name: 'permission', type: 'string', enum: PERMISSION_VALUES, path: 'none' },
  { name: 'systemPromptAvailable', type: 'boolean', path: 'none' },
  n('sessionCount', true),
  n('daysSinceFirstSeen'),
  n('secondsInSession'),
  { name: 'trigger', type: 'string', path: 'none' },
  { name: 'keyActions', type: 'number', path: 'keyActions' },
  n('totalKeyActions', true),
  n('softPromptShows', true),
  n('softPromptDeclines', true),
  n('hoursSinceLastSoftPrompt'),
  n('systemPromptShows', true),
  n('systemPromptDenials', true),
  n('settingsLinkShows', true),
  n('hoursSinceLastSettingsLink'),
  { name: 'previouslyGranted', type: 'boolean', path: 'none' },
  n('localHour', true),
  n('localDayOfWeek', true),
  n('userBucket', true),
  // The user's arm in an experiment of the rule set; its values are that experiment's arm names.
  { name: 'experiment', type: 'string', path: 'experiment' },
  { name: 'attributes', type: 'string', path: 'attributes' },
] as const satisfies readonly FactSpec[];

/** The name of a catalog fact. */
export type FactName = (typeof FACTS)[number]['name'];

/**
 * Each fact's position in the catalog: where the evaluator keeps its value.
 *
 * @example
 * FACTS[FACT_INDEX.trigger].name; // 'trigger'
 */
export const FACT_INDEX: Readonly<Record<FactName, number>> = Object.fromEntries(
  FACTS.map((f, i) => [f.name, i]),
) as Record<FactName, number>;

/** Catalog entries by name (a null-prototype map: `__proto__` is never a fact). */
export const FACT_BY_NAME: Readonly<Record<string, FactSpec>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, FactSpec>,
    Object.fromEntries(FACTS.map((s) => [s.name, s])),
  ),
);

/** Fields under `keyActions.$.NAME`. */
export const KEY_ACTION_FIELDS = ['count', 'hoursSinceLast'] as const;

/** Attribute declaration types a rule set may use. */
export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'string[]', 'number[]'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/**
 * Decision actions, which are also the rule event types.
 *
 * @example
 * ACTIONS; // ['show-soft-prompt', 'show-settings-link', 'wait']
 */
export const ACTIONS = ['show-soft-prompt', 'show-settings-link', 'wait'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Reasons a decision can carry.
 *
 * @example
 * REASONS.includes(decision.reason); // always true
 */
export const REASONS = [
  'rule-matched',
  'already-granted',
  'unsupported',
  'no-rule-matched',
  'cooldown',
  'max-shows',
  'session-cap',
  'quiet-hours',
  'snoozed',
  'permission-blocked',
  'browser-embargo',
  'holdout',
  'invalid-context',
] as const;
export type Reason = (typeof REASONS)[number];
