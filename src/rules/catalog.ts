/**
 * The fact catalog: the single source for what conditions may name. The loader checks
 * facts, operators, paths and value types against it; the JSON Schema and docs/rules.md
 * are generated from it.
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

/**
 * The json-rules-engine operators, plus version comparisons for `osVersion`.
 *
 * @example
 * OPERATORS.includes('greaterThanInclusive'); // true
 */
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

/** Which operators apply to which value type (anything else is refused at load). */
export const OPERATORS_BY_TYPE: Readonly<Record<ValueType, readonly Operator[]>> = {
  number: [
    'equal',
    'notEqual',
    'in',
    'notIn',
    'lessThan',
    'lessThanInclusive',
    'greaterThan',
    'greaterThanInclusive',
  ],
  string: ['equal', 'notEqual', 'in', 'notIn'],
  boolean: ['equal', 'notEqual'],
  version: [
    'equal',
    'notEqual',
    'in',
    'notIn',
    'versionLessThan',
    'versionLessThanInclusive',
    'versionGreaterThan',
    'versionGreaterThanInclusive',
  ],
  'string[]': ['contains', 'doesNotContain'],
  'number[]': ['contains', 'doesNotContain'],
};

/** Human descriptions of operators, for the JSON Schema and docs. */
export const OPERATOR_DOCS: Readonly<Record<Operator, string>> = {
  equal: 'fact === value',
  notEqual: 'fact !== value (true when the fact is absent)',
  in: 'value is a list and contains the fact',
  notIn: 'value is a list and does not contain the fact (true when the fact is absent)',
  contains: 'the fact is a list (array attribute) and contains value',
  doesNotContain: 'the fact is a list (array attribute) and does not contain value',
  lessThan: 'fact < value (false when the fact is absent)',
  lessThanInclusive: 'fact <= value (false when the fact is absent)',
  greaterThan: 'fact > value (false when the fact is absent)',
  greaterThanInclusive: 'fact >= value (false when the fact is absent)',
  versionLessThan: 'osVersion < value, compared as versions (16.4 < 16.10)',
  versionLessThanInclusive: 'osVersion <= value, compared as versions',
  versionGreaterThan: 'osVersion > value, compared as versions',
  versionGreaterThanInclusive: 'osVersion >= value, compared as versions',
};

/** How a fact takes a `path`. */
export type PathKind = 'none' | 'keyActions' | 'attributes';

export interface FactSpec {
  readonly name: string;
  /** For `keyActions` and `attributes`, the type after the path is resolved. */
  readonly type: ValueType;
  readonly enum?: readonly string[];
  readonly path: PathKind;
  readonly description: string;
  /** An example condition using the fact. */
  readonly example: { readonly operator: Operator; readonly value: unknown; readonly path?: string };
}

const f = (spec: FactSpec): FactSpec => spec;

/**
 * Every fact a condition may name: the single source for the loader, the JSON Schema and docs.
 *
 * @example
 * FACTS.find((f) => f.name === 'sessionCount')?.type; // 'number'
 */
export const FACTS: readonly FactSpec[] = [
  f({
    name: 'os',
    type: 'string',
    enum: OS_VALUES,
    path: 'none',
    description: 'The platform: ios, android or web.',
    example: { operator: 'equal', value: 'ios' },
  }),
  f({
    name: 'hostOs',
    type: 'string',
    enum: HOST_OS_VALUES,
    path: 'none',
    description: 'Web only: the OS the browser runs on. Absent when not sent.',
    example: { operator: 'in', value: ['windows', 'macos'] },
  }),
  f({
    name: 'osVersion',
    type: 'version',
    path: 'none',
    description:
      'The OS version as sent (for web, the host OS). Compare with the version* operators, never as numbers.',
    example: { operator: 'versionGreaterThanInclusive', value: '16.4' },
  }),
  f({
    name: 'osMajorVersion',
    type: 'number',
    path: 'none',
    description: 'The leading integer of osVersion (17 for "17.2").',
    example: { operator: 'greaterThanInclusive', value: 16 },
  }),
  f({
    name: 'apiLevel',
    type: 'number',
    path: 'none',
    description: 'Android API level of the device (33 = Android 13). Absent when not sent.',
    example: { operator: 'greaterThanInclusive', value: 33 },
  }),
  f({
    name: 'browser',
    type: 'string',
    enum: BROWSER_VALUES,
    path: 'none',
    description: 'Web only: the browser family.',
    example: { operator: 'in', value: ['chrome', 'edge'] },
  }),
  f({
    name: 'permission',
    type: 'string',
    enum: PERMISSION_VALUES,
    path: 'none',
    description: 'What the OS or browser reports now (web "default" is not-determined).',
    example: { operator: 'equal', value: 'denied' },
  }),
  f({
    name: 'systemPromptAvailable',
    type: 'boolean',
    path: 'none',
    description:
      'Whether the OS/browser dialog can still be shown, from the platform model and the ask history.',
    example: { operator: 'equal', value: false },
  }),
  f({
    name: 'sessionCount',
    type: 'number',
    path: 'none',
    description: 'Sessions so far, the current one included (1 on first launch).',
    example: { operator: 'greaterThanInclusive', value: 2 },
  }),
  f({
    name: 'daysSinceFirstSeen',
    type: 'number',
    path: 'none',
    description: 'Days (fractional) since sessions.firstSeenAt. Absent without it.',
    example: { operator: 'greaterThanInclusive', value: 3 },
  }),
  f({
    name: 'secondsInSession',
    type: 'number',
    path: 'none',
    description: 'Seconds since sessions.currentStartedAt. Absent without it.',
    example: { operator: 'greaterThan', value: 30 },
  }),
  f({
    name: 'trigger',
    type: 'string',
    path: 'none',
    description: 'The key action or moment happening right now (the moment of intent). Absent when none.',
    example: { operator: 'in', value: ['order_placed', 'add_to_wishlist'] },
  }),
  f({
    name: 'keyActions',
    type: 'number',
    path: 'keyActions',
    description:
      'Per key action: $.NAME.count (0 when never done) or $.NAME.hoursSinceLast (absent without lastAt).',
    example: { operator: 'greaterThanInclusive', value: 3, path: '$.article_read.count' },
  }),
  f({
    name: 'totalKeyActions',
    type: 'number',
    path: 'none',
    description: 'Sum of all key action counts.',
    example: { operator: 'greaterThanInclusive', value: 1 },
  }),
  f({
    name: 'softPromptShows',
    type: 'number',
    path: 'none',
    description: 'Soft prompts shown so far (any outcome).',
    example: { operator: 'equal', value: 0 },
  }),
  f({
    name: 'softPromptDeclines',
    type: 'number',
    path: 'none',
    description: 'Soft prompts answered "Not now" or dismissed.',
    example: { operator: 'lessThan', value: 2 },
  }),
  f({
    name: 'hoursSinceLastSoftPrompt',
    type: 'number',
    path: 'none',
    description: 'Hours since the last soft prompt. Absent if never shown.',
    example: { operator: 'greaterThan', value: 72 },
  }),
  f({
    name: 'systemPromptShows',
    type: 'number',
    path: 'none',
    description: 'OS/browser permission dialogs shown so far.',
    example: { operator: 'equal', value: 0 },
  }),
  f({
    name: 'systemPromptDenials',
    type: 'number',
    path: 'none',
    description: 'OS/browser dialogs answered "Don\'t allow" (dismissals are not denials).',
    example: { operator: 'equal', value: 1 },
  }),
  f({
    name: 'settingsLinkShows',
    type: 'number',
    path: 'none',
    description: 'Settings links shown so far.',
    example: { operator: 'lessThan', value: 2 },
  }),
  f({
    name: 'hoursSinceLastSettingsLink',
    type: 'number',
    path: 'none',
    description: 'Hours since the last settings link. Absent if never shown.',
    example: { operator: 'greaterThan', value: 720 },
  }),
  f({
    name: 'previouslyGranted',
    type: 'boolean',
    path: 'none',
    description:
      'Whether a system dialog was ever answered "Allow" (or provisional): a user who later turned notifications off.',
    example: { operator: 'equal', value: true },
  }),
  f({
    name: 'localHour',
    type: 'number',
    path: 'none',
    description: "Hour of day (0-23) at now's UTC offset.",
    example: { operator: 'lessThan', value: 21 },
  }),
  f({
    name: 'localDayOfWeek',
    type: 'number',
    path: 'none',
    description: "Day of week at now's offset: 0 = Sunday … 6 = Saturday.",
    example: { operator: 'in', value: [0, 6] },
  }),
  f({
    name: 'userBucket',
    type: 'number',
    path: 'none',
    description:
      'A stable bucket 0-99 from userId (FNV-1a, versioned "v1") for holdouts and variants. Absent without userId.',
    example: { operator: 'lessThan', value: 10 },
  }),
  f({
    name: 'attributes',
    type: 'string',
    path: 'attributes',
    description: 'A custom attribute declared by the rule set, as $.NAME; its type is the declared one.',
    example: { operator: 'equal', value: 'gold', path: '$.tier' },
  }),
];

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
  'invalid-context',
] as const;
export type Reason = (typeof REASONS)[number];

/**
 * What each reason means, for docs and the CLI's explanations.
 *
 * @example
 * REASON_DOCS['browser-embargo']; // "A matching soft-prompt rule was held back: Chromium's …"
 */
export const REASON_DOCS: Readonly<Record<Reason, string>> = {
  'rule-matched': 'The winning rule chose this action (a `wait` rule is a suppression).',
  'already-granted': 'Notifications are already on (granted, ephemeral, or on by default): never prompt.',
  unsupported: 'Push is not possible here (iOS/iPadOS web before 16.4 or outside a Home Screen web app).',
  'no-rule-matched': 'No rule matched, and none was held back.',
  cooldown:
    'A matching rule was held back by the cooldown after a "Not now" or a settings link; retryAt says when it ends.',
  'max-shows': 'A matching rule was held back: the lifetime cap (maxShows) is reached.',
  'session-cap': 'A matching rule was held back: the per-session cap (maxPerSession) is reached.',
  'quiet-hours':
    "A matching rule was held back by quiet hours (local time at now's offset); retryAt is their end.",
  snoozed: 'A matching rule was held back by a snooze from context.cooldowns; retryAt is its end.',
  'permission-blocked':
    'A matching soft-prompt rule was held back: the system prompt can no longer be shown.',
  'browser-embargo':
    "A matching soft-prompt rule was held back: Chromium's 7-day auto-block is in force; retryAt is its end.",
  'invalid-context': 'The context failed validation; issues lists every problem (fail closed).',
};
