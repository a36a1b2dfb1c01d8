/**
 * The catalog's prose: what each fact, operator and reason means, for the JSON Schema,
 * docs/rules.md, the linter and `decide --explain`. Authoring wing only: the runtime entry
 * carries the names (src/rules/catalog.ts), never these texts. Keyed by the catalog's own
 * types, so a fact, operator or reason added without its text fails to compile.
 */
import { FACTS, type FactName, type FactSpec, type Operator, type Reason } from '../rules/catalog.js';

/** A fact's description and an example condition using it. */
export interface FactDoc {
  readonly description: string;
  readonly example: { readonly operator: Operator; readonly value: unknown; readonly path?: string };
}

/** A catalog fact with its prose. */
export type DocumentedFact = FactSpec & FactDoc;

/**
 * What each fact means, with an example condition.
 *
 * @example
 * FACT_DOCS.sessionCount.description; // 'Sessions so far, the current one included (1 on first launch).'
 */
export const FACT_DOCS: Readonly<Record<FactName, FactDoc>> = {
  os: {
    description: 'The platform: ios, android or web.',
    example: { operator: 'equal', value: 'ios' },
  },
  hostOs: {
    description: 'Web only: the OS the browser runs on. Absent when not sent.',
    example: { operator: 'in', value: ['windows', 'macos'] },
  },
  osVersion: {
    description:
      'The OS version as sent (for web, the host OS). Compare with the version* operators, never as numbers.',
    example: { operator: 'versionGreaterThanInclusive', value: '16.4' },
  },
  osMajorVersion: {
    description: 'The leading integer of osVersion (17 for "17.2").',
    example: { operator: 'greaterThanInclusive', value: 16 },
  },
  apiLevel: {
    description: 'Android API level of the device (33 = Android 13). Absent when not sent.',
    example: { operator: 'greaterThanInclusive', value: 33 },
  },
  browser: {
    description: 'Web only: the browser family.',
    example: { operator: 'in', value: ['chrome', 'edge'] },
  },
  permission: {
    description: 'What the OS or browser reports now (web "default" is not-determined).',
    example: { operator: 'equal', value: 'denied' },
  },
  systemPromptAvailable: {
    description:
      'Whether the OS/browser dialog can still be shown, from the platform model and the ask history.',
    example: { operator: 'equal', value: false },
  },
  sessionCount: {
    description: 'Sessions so far, the current one included (1 on first launch).',
    example: { operator: 'greaterThanInclusive', value: 2 },
  },
  daysSinceFirstSeen: {
    description: 'Days (fractional) since sessions.firstSeenAt. Absent without it.',
    example: { operator: 'greaterThanInclusive', value: 3 },
  },
  secondsInSession: {
    description: 'Seconds since sessions.currentStartedAt. Absent without it.',
    example: { operator: 'greaterThan', value: 30 },
  },
  trigger: {
    description: 'The key action or moment happening right now (the moment of intent). Absent when none.',
    example: { operator: 'in', value: ['order_placed', 'add_to_wishlist'] },
  },
  keyActions: {
    description:
      'Per key action: $.NAME.count (0 when never done) or $.NAME.hoursSinceLast (absent without lastAt).',
    example: { operator: 'greaterThanInclusive', value: 3, path: '$.article_read.count' },
  },
  totalKeyActions: {
    description: 'Sum of all key action counts.',
    example: { operator: 'greaterThanInclusive', value: 1 },
  },
  softPromptShows: {
    description: 'Soft prompts shown so far (any outcome).',
    example: { operator: 'equal', value: 0 },
  },
  softPromptDeclines: {
    description:
      'Soft prompts answered "Not now" or dismissed, and accepted ones whose system dialog was then dismissed or ignored.',
    example: { operator: 'lessThan', value: 2 },
  },
  hoursSinceLastSoftPrompt: {
    description: 'Hours since the last soft prompt. Absent if never shown.',
    example: { operator: 'greaterThan', value: 72 },
  },
  systemPromptShows: {
    description: 'OS/browser permission dialogs shown so far.',
    example: { operator: 'equal', value: 0 },
  },
  systemPromptDenials: {
    description: 'OS/browser dialogs answered "Don\'t allow" (dismissals are not denials).',
    example: { operator: 'equal', value: 1 },
  },
  settingsLinkShows: {
    description: 'Settings links shown so far.',
    example: { operator: 'lessThan', value: 2 },
  },
  hoursSinceLastSettingsLink: {
    description: 'Hours since the last settings link. Absent if never shown.',
    example: { operator: 'greaterThan', value: 720 },
  },
  previouslyGranted: {
    description:
      'Whether a system dialog was ever answered "Allow" (or provisional): a user who later turned notifications off.',
    example: { operator: 'equal', value: true },
  },
  localHour: {
    description: "Hour of day (0-23) at now's UTC offset.",
    example: { operator: 'lessThan', value: 21 },
  },
  localDayOfWeek: {
    description: "Day of week at now's offset: 0 = Sunday … 6 = Saturday.",
    example: { operator: 'in', value: [0, 6] },
  },
  userBucket: {
    description:
      'A stable bucket 0-99 from userId (FNV-1a, versioned "v1") for holdouts and variants. Absent without userId.',
    example: { operator: 'lessThan', value: 10 },
  },
  experiment: {
    description:
      "The user's arm in an experiment of the rule set's \"experiments\", as $.EXPERIMENT_ID; values are that experiment's arm names. Absent when the user is not enrolled (no userId, or the audience does not hold).",
    example: { operator: 'equal', value: 'benefit', path: '$.primer-copy' },
  },
  attributes: {
    description: 'A custom attribute declared by the rule set, as $.NAME; its type is the declared one.',
    example: { operator: 'equal', value: 'gold', path: '$.tier' },
  },
};

/**
 * The catalog's facts with their prose, in catalog order.
 *
 * @example
 * DOCUMENTED_FACTS[0]; // { name: 'os', type: 'string', enum: [...], path: 'none', description: …, example: … }
 */
export const DOCUMENTED_FACTS: readonly DocumentedFact[] = FACTS.map((f) => ({ ...f, ...FACT_DOCS[f.name] }));

/**
 * Human descriptions of operators, for the JSON Schema and docs.
 *
 * @example
 * OPERATOR_DOCS.notEqual; // 'fact !== value (true when the fact is absent)'
 */
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

/**
 * Operators as short words, for readable traces (`decide --explain`).
 *
 * @example
 * OPERATOR_WORDS.greaterThanInclusive; // '≥'
 */
export const OPERATOR_WORDS: Readonly<Record<Operator, string>> = {
  equal: '=',
  notEqual: '≠',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  doesNotContain: 'does not contain',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  versionLessThan: 'version <',
  versionLessThanInclusive: 'version ≤',
  versionGreaterThan: 'version >',
  versionGreaterThanInclusive: 'version ≥',
};

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
  holdout:
    'A matching prompt rule was held back: the user is in a holdout arm of an experiment, never prompted whatever the rules say (retryAt null).',
  'invalid-context': 'The context failed validation; issues lists every problem (fail closed).',
};
