/**
 * Shared fast-check generators: valid contexts over every field of DESIGN.md section 2,
 * and valid rule sets over every fact, operator and event type of the catalog.
 *
 * Everything here is plain JSON (what a caller would send), built from integers only, so
 * the same seed gives the same values in any process and under any `TZ`.
 */
import fc from 'fast-check';
import {
  ATTRIBUTE_TYPES,
  type AttributeType,
  BROWSER_VALUES,
  FACTS,
  type FactSpec,
  HOST_OS_VALUES,
  OPERATORS_BY_TYPE,
  OS_VALUES,
  PERMISSION_VALUES,
  type ValueType,
} from '../../src/rules/catalog.js';

export const MS_MINUTE = 60_000;
export const MS_HOUR = 3_600_000;
export const MS_DAY = 86_400_000;

/** JSON as the generators produce it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

/** UTC offsets in minutes, the odd ones included: +05:45 (Nepal), -09:30 (Marquesas), +12:45 (Chatham). */
export const OFFSETS = [0, 60, 120, -300, -240, 330, 345, -570, 540, 765, 840, -720, -60] as const;

/** Key action names contexts send; rules also name one never sent. */
export const KEY_ACTION_NAMES = [
  'order_placed',
  'article_read',
  'follow_topic',
  'save_item',
  'content_viewed',
];
const RULE_KEY_ACTION_NAMES = [...KEY_ACTION_NAMES, 'never_done'];
export const TRIGGERS = [
  'order_placed',
  'follow_topic',
  'save_item',
  'add_to_wishlist',
  'onboarding_completed',
  'content_viewed',
  'checkout_started',
  'delivery_started',
];
export const VERSIONS = [
  '9',
  '12',
  '13.0',
  '15.8',
  '16',
  '16.3',
  '16.4',
  '16.4.1',
  '16.10',
  '17.2',
  '18.1',
  '10.15.7',
];

/**
 * Attributes with a fixed type per name, so generated contexts always send the type a
 * generated rule set declares (a mistyped attribute is an invalid context, covered by the
 * never-throws property instead). `plan` and `score` are declared but never sent.
 */
export const ATTRIBUTE_POOL: Readonly<Record<string, AttributeType>> = {
  tier: 'string',
  ltv: 'number',
  beta: 'boolean',
  tags: 'string[]',
  scores: 'number[]',
  plan: 'string',
  score: 'number',
};
const SENT_ATTRIBUTES = ['tier', 'ltv', 'beta', 'tags', 'scores'];
const TIERS = ['gold', 'silver', 'free'];
const TAGS = ['news', 'sports', 'deals'];

// 2024-01-01T00:00:00Z .. 2027-01-01T00:00:00Z
const NOW_MIN = 1_704_067_200_000;
const NOW_MAX = 1_798_761_600_000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * RFC 3339 text of an instant at an offset. `Date#toISOString` is pure UTC arithmetic, so
 * this never reads the machine's time zone. Whole seconds may drop the fraction.
 *
 * @example
 * formatAt(0, 345, false, false); // '1970-01-01T05:45:00+05:45'
 */
export function formatAt(ms: number, offsetMinutes: number, withMillis: boolean, zulu: boolean): string {
  const local = new Date(ms + offsetMinutes * MS_MINUTE).toISOString();
  const body = withMillis || ms % 1000 !== 0 ? local.slice(0, 23) : local.slice(0, 19);
  if (offsetMinutes === 0 && zulu) return `${body}Z`;
  const a = Math.abs(offsetMinutes);
  return `${body}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The offset (minutes) an RFC 3339 text was written with. */
export function offsetOf(text: string): number {
  const m = /([+-])(\d\d):(\d\d)$/.exec(text);
  if (m === null) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const offsetArb = fc.constantFrom(...OFFSETS);

/** An instant relative to `now`, biased to day and hour boundaries (where windows end). */
const deltaArb = (pastDays: number, futureDays: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: -pastDays * MS_DAY, max: futureDays * MS_DAY }),
    fc
      .tuple(
        fc.integer({ min: -pastDays, max: futureDays }),
        fc.constantFrom(0, 0, 1, -1, MS_HOUR, -MS_HOUR, 1000),
      )
      .map(([d, j]) => d * MS_DAY + j),
    fc.integer({ min: -48, max: 6 }).map((h) => h * MS_HOUR),
    fc.constant(0),
  );

/** A timestamp `delta` ms from `now`, written at a random offset. */
const relTs = (now: number, pastDays: number, futureDays: number): fc.Arbitrary<string> =>
  fc
    .tuple(deltaArb(pastDays, futureDays), offsetArb, fc.boolean(), fc.boolean())
    .map(([d, off, millis, z]) => formatAt(now + d, off, millis, z));

const ASK_OUTCOMES = {
  'soft-prompt': ['accepted', 'declined', 'dismissed'],
  'system-prompt': ['granted', 'denied', 'dismissed', 'ignored', 'provisional'],
  'settings-link': ['opened', 'dismissed'],
} as const;

const askArb = (now: number): fc.Arbitrary<JsonObject> =>
  fc.constantFrom(...(Object.keys(ASK_OUTCOMES) as (keyof typeof ASK_OUTCOMES)[])).chain((kind) =>
    fc.record({
      kind: fc.constant(kind),
      at: relTs(now, 45, 2),
      outcome: fc.constantFrom(...ASK_OUTCOMES[kind]),
    }),
  );

/** Runs of system-prompt dismissals or ignores: enough to reach Chromium's embargo. */
const embargoRunArb = (now: number): fc.Arbitrary<JsonObject[]> =>
  fc.tuple(fc.constantFrom('dismissed', 'ignored'), fc.integer({ min: 3, max: 5 })).chain(([outcome, n]) =>
    fc.array(
      relTs(now, 10, 1).map((at) => ({ kind: 'system-prompt', at, outcome })),
      { minLength: n, maxLength: n },
    ),
  );

/** Asks of every kind and outcome, before and after `now`, with exact duplicates. */
const asksArb = (now: number): fc.Arbitrary<JsonObject[]> =>
  fc
    .tuple(
      fc.array(askArb(now), { maxLength: 6 }),
      fc.option(embargoRunArb(now), { nil: undefined, freq: 4 }),
      fc.array(fc.nat(), { maxLength: 3 }),
    )
    .map(([asks, run, dups]) => {
      const all = run === undefined ? asks : [...asks, ...run];
      // The same ask logged twice (same kind, time and outcome) must count once.
      const copies = all.length === 0 ? [] : dups.map((i) => ({ ...(all[i % all.length] as JsonObject) }));
      return [...all, ...copies];
    });

const cooldownArb = (now: number): fc.Arbitrary<JsonObject> =>
  fc.record(
    {
      until: relTs(now, 5, 12),
      scope: fc.constantFrom('all', 'soft-prompt', 'settings-link'),
      reason: fc.constantFrom('support-ticket', 'user-snoozed'),
    },
    { requiredKeys: ['until'] },
  );

const keyActionsArb = (now: number): fc.Arbitrary<JsonObject> =>
  fc
    .uniqueArray(fc.constantFrom(...KEY_ACTION_NAMES), { maxLength: KEY_ACTION_NAMES.length })
    .chain((names) =>
      fc.tuple(
        ...names.map((n) =>
          fc
            .record(
              { count: fc.integer({ min: 0, max: 6 }), lastAt: relTs(now, 30, 1) },
              { requiredKeys: ['count'] },
            )
            .map((v) => [n, v] as const),
        ),
      ),
    )
    .map((entries) => Object.fromEntries(entries));

/** A value of an attribute's declared type. */
export function attributeValueArb(type: AttributeType): fc.Arbitrary<JsonValue> {
  switch (type) {
    case 'string':
      return fc.constantFrom(...TIERS);
    case 'number':
      // -0 is refused as an invalid context (no silent coercion): not part of a valid one.
      return fc.oneof(
        fc.integer({ min: -5, max: 500 }),
        fc.double({ min: -10, max: 10, noNaN: true }).map((x) => x + 0),
      );
    case 'boolean':
      return fc.boolean();
    case 'string[]':
      return fc.array(fc.constantFrom(...TAGS), { maxLength: 3 });
    case 'number[]':
      return fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 });
  }
}

const attributesArb: fc.Arbitrary<JsonObject> = fc
  .subarray(SENT_ATTRIBUTES)
  .chain((names) =>
    fc.tuple(
      ...names.map((n) => attributeValueArb(ATTRIBUTE_POOL[n] as AttributeType).map((v) => [n, v] as const)),
    ),
  )
  .map((entries) => Object.fromEntries(entries));

const platformArb = fc.record(
  {
    os: fc.constantFrom(...OS_VALUES),
    osVersion: fc.constantFrom(...VERSIONS),
    hostOs: fc.constantFrom(...HOST_OS_VALUES),
    apiLevel: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 33, max: 36 }) },
      fc.integer({ min: 21, max: 32 }),
    ),
    targetSdk: fc.integer({ min: 23, max: 36 }),
    browser: fc.constantFrom(...BROWSER_VALUES),
    installedToHomeScreen: fc.boolean(),
  },
  { requiredKeys: ['os'] },
);

/** The evaluation time: an instant and the user's offset. */
export const nowArb: fc.Arbitrary<{ ms: number; offset: number; text: string }> = fc
  .tuple(
    fc.integer({ min: NOW_MIN / 1000, max: NOW_MAX / 1000 }),
    fc.integer({ min: 0, max: 999 }),
    fc.boolean(),
    offsetArb,
    fc.boolean(),
  )
  .map(([s, extra, millis, offset, z]) => {
    const ms = s * 1000 + (millis ? extra : 0);
    return { ms, offset, text: formatAt(ms, offset, millis, z) };
  });

/**
 * A valid context over every field: all platforms and permission states, asks of every
 * kind and outcome before and after `now` (duplicates included), snoozes of every scope,
 * key actions, trigger, attributes, odd offsets, `currentStartedAt` present or not (and
 * sometimes after `now`).
 */
export const contextArb: fc.Arbitrary<JsonObject> = nowArb.chain(({ ms: now, text }) =>
  fc
    .record(
      {
        // A few fixed ids (so decisions repeat) and many others (so every experiment arm is met).
        userId: fc.oneof(
          fc.constantFrom('u-1', 'u-42', 'user-abc', 'd41d8c', ''),
          fc.nat({ max: 1_000_000 }).map((n) => `u-${n}`),
        ),
        platform: platformArb,
        // Weighted toward states where a prompt is possible, so the guardrails get exercised.
        permission: fc.oneof(
          { weight: 5, arbitrary: fc.constant('not-determined') },
          { weight: 2, arbitrary: fc.constantFrom(...PERMISSION_VALUES) },
          { weight: 2, arbitrary: fc.constant('denied') },
        ),
        canAskAgain: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
        sessions: fc.record(
          {
            count: fc.integer({ min: 1, max: 12 }),
            firstSeenAt: relTs(now, 60, 0),
            currentStartedAt: fc
              .tuple(fc.integer({ min: -180, max: 30 }), offsetArb)
              .map(([min, off]) => formatAt(now + min * MS_MINUTE, off, false, false)),
          },
          { requiredKeys: ['count'] },
        ),
        keyActions: keyActionsArb(now),
        trigger: fc.constantFrom(...TRIGGERS),
        asks: asksArb(now),
        cooldowns: fc.array(cooldownArb(now), { maxLength: 2 }),
        attributes: attributesArb,
      },
      { requiredKeys: ['platform', 'permission', 'sessions'] },
    )
    .map((c) => ({ now: text, ...c }) as JsonObject),
);

// ---------------------------------------------------------------------------------------
// Rule sets
// ---------------------------------------------------------------------------------------

/** Values that make each number fact sometimes true and sometimes false. */
const NUMBER_RANGES: Readonly<Record<string, [number, number]>> = {
  osMajorVersion: [8, 19],
  apiLevel: [20, 36],
  sessionCount: [0, 12],
  daysSinceFirstSeen: [0, 60],
  secondsInSession: [-10, 11_000],
  totalKeyActions: [0, 20],
  softPromptShows: [0, 4],
  softPromptDeclines: [0, 4],
  hoursSinceLastSoftPrompt: [0, 1000],
  systemPromptShows: [0, 5],
  systemPromptDenials: [0, 3],
  settingsLinkShows: [0, 3],
  hoursSinceLastSettingsLink: [0, 1000],
  localHour: [0, 23],
  localDayOfWeek: [0, 6],
  userBucket: [0, 99],
};

const numberIn = ([min, max]: [number, number]): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.double({ min, max, noNaN: true }).map((x) => x + 0) },
  );

/** A scalar of the right type for a fact (after its path). */
function scalarArb(spec: FactSpec, type: ValueType, segments: readonly string[]): fc.Arbitrary<JsonValue> {
  if (spec.enum !== undefined) return fc.constantFrom(...spec.enum);
  if (spec.name === 'trigger') return fc.constantFrom(...TRIGGERS, 'never_happens');
  if (type === 'version') return fc.constantFrom(...VERSIONS);
  if (type === 'boolean') return fc.boolean();
  if (spec.name === 'keyActions') return numberIn(segments[1] === 'count' ? [0, 7] : [0, 800]);
  if (spec.name === 'attributes') {
    const t = ATTRIBUTE_POOL[segments[0] ?? ''] ?? 'string';
    // `contains` on a list attribute compares one element.
    const element: AttributeType = t === 'string[]' ? 'string' : t === 'number[]' ? 'number' : t;
    return element === 'string' ? fc.constantFrom(...TIERS, ...TAGS) : attributeValueArb(element);
  }
  return numberIn(NUMBER_RANGES[spec.name] ?? [0, 10]);
}

/** Experiment ids with their arm names: what the `experiment` fact may read (none in an audience). */
export type ExperimentArmNames = Readonly<Record<string, readonly string[]>>;

/** A leaf condition over any catalog fact, with an operator allowed for its type. */
function leafArb(declared: readonly string[], experiments: ExperimentArmNames): fc.Arbitrary<JsonObject> {
  const ids = Object.keys(experiments);
  const usable = FACTS.filter(
    (s) => (s.path !== 'attributes' || declared.length > 0) && (s.path !== 'experiment' || ids.length > 0),
  );
  return fc.constantFrom(...usable).chain((spec) => {
    const pathArb: fc.Arbitrary<{ path?: string; segments: string[]; type: ValueType }> =
      spec.path === 'experiment'
        ? fc.constantFrom(...ids).map((id) => ({ path: `$.${id}`, segments: [id], type: 'string' as const }))
        : spec.path === 'keyActions'
          ? fc
              .tuple(fc.constantFrom(...RULE_KEY_ACTION_NAMES), fc.constantFrom('count', 'hoursSinceLast'))
              .map(([n, field]) => ({
                path: `$.${n}.${field}`,
                segments: [n, field],
                type: 'number' as const,
              }))
          : spec.path === 'attributes'
            ? fc.constantFrom(...declared).map((n) => ({
                path: `$.${n}`,
                segments: [n],
                type: ATTRIBUTE_POOL[n] as AttributeType,
              }))
            : fc.constant({ segments: [], type: spec.type });
    return pathArb.chain(({ path, segments, type }) =>
      fc.constantFrom(...OPERATORS_BY_TYPE[type]).chain((operator) => {
        const scalar =
          spec.name === 'experiment'
            ? fc.constantFrom(...(experiments[segments[0] ?? ''] ?? []))
            : scalarArb(spec, type, segments);
        // Past 8 items the compiled test switches to a Set: cover both.
        const list = fc.oneof(
          fc.array(scalar, { maxLength: 5 }),
          fc.array(scalar, { minLength: 9, maxLength: 14 }),
        );
        const value = operator === 'in' || operator === 'notIn' ? list : scalar;
        return value.map((v) => ({
          fact: spec.name,
          operator,
          value: v,
          ...(path !== undefined && { path }),
        }));
      }),
    );
  });
}

/** A condition tree: `all` (possibly empty), `any` (never empty), `not`, nested. */
function conditionArb(
  declared: readonly string[],
  experiments: ExperimentArmNames,
  depth: number,
): fc.Arbitrary<JsonObject> {
  const leaf = leafArb(declared, experiments);
  const node =
    depth <= 1
      ? leaf
      : fc.oneof({ weight: 3, arbitrary: leaf }, conditionArb(declared, experiments, depth - 1));
  return fc.oneof(
    fc.array(node, { maxLength: 3 }).map((all) => ({ all })),
    fc.array(node, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    node.map((not) => ({ not })),
  );
}

const paramsArb: fc.Arbitrary<JsonObject> = fc.record(
  {
    variant: fc.constantFrom('order-updates', 'new-content', 'missing-updates'),
    weight: fc.integer({ min: 0, max: 3 }),
    copy: fc.record({ title: fc.constantFrom('Stay in the loop', 'Never miss it') }),
  },
  { requiredKeys: [] },
);

const EVENT_TYPES = ['show-soft-prompt', 'show-settings-link', 'wait'] as const;
/** Few distinct priorities, so ties (decided by file order) are common. */
const priorityArb = fc.constantFrom(1, 5, 10, 10, 50, 100);

const cooldownDaysArb = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 40 }),
    fc.double({ min: 0, max: 10, noNaN: true }).map((x) => x + 0),
  ),
  { maxLength: 4 },
);
const kindPolicyArb = fc.record(
  {
    cooldownDays: cooldownDaysArb,
    maxShows: fc.integer({ min: 0, max: 6 }),
    maxPerSession: fc.integer({ min: 0, max: 3 }),
  },
  { requiredKeys: [] },
);
const quietHoursArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 23 }))
  .map(([from, d]) => ({ from, to: (from + d) % 24 }));

export const policyArb: fc.Arbitrary<JsonObject> = fc.record(
  { softPrompt: kindPolicyArb, settingsLink: kindPolicyArb, quietHours: quietHoursArb },
  { requiredKeys: [] },
);

const ALWAYS = { all: [] };

/** Experiment ids and arm names the generators use (hyphens included: they are path segments). */
export const EXPERIMENT_IDS = ['primer-copy', 'reask_frequency', 'timing'] as const;
const ARM_NAMES = ['holdout', 'benefit', 'generic', 'control', 'late-ask'] as const;

/** One experiment's JSON: 1-4 arms with integer weights, often a holdout, maybe a salt and an audience. */
function experimentArb(declared: readonly string[]): fc.Arbitrary<JsonObject> {
  const arms = fc
    .uniqueArray(fc.constantFrom(...ARM_NAMES), { minLength: 1, maxLength: 4 })
    .chain((names) =>
      fc.tuple(
        ...names.map((name) =>
          fc
            .record(
              {
                // Small weights mostly; now and then large ones (the total stays under 10,000).
                weight: fc.oneof(
                  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) },
                  fc.integer({ min: 1, max: 2500 }),
                ),
                holdout: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, fc.constant(false)),
              },
              { requiredKeys: ['weight'] },
            )
            .map((arm) => [name, arm] as const),
        ),
      ),
    )
    .map((entries) => Object.fromEntries(entries) as JsonObject);
  return fc.record(
    {
      description: fc.constantFrom('a generated experiment'),
      salt: fc.constantFrom('s-2026-12', 'reshuffled', 'x'),
      // An audience reads the same facts as rules, never the experiment fact.
      audience: conditionArb(declared, {}, 2),
      arms,
    },
    { requiredKeys: ['arms'] },
  );
}

/** The `experiments` block, or undefined (about half the rule sets have none). */
export function experimentsArb(declared: readonly string[]): fc.Arbitrary<JsonObject | undefined> {
  return fc.option(
    fc
      .uniqueArray(fc.constantFrom(...EXPERIMENT_IDS), { minLength: 1, maxLength: EXPERIMENT_IDS.length })
      .chain((ids) => fc.tuple(...ids.map((id) => experimentArb(declared).map((e) => [id, e] as const))))
      .map((entries) => Object.fromEntries(entries) as JsonObject),
    { nil: undefined, freq: 2 },
  );
}

/** The arm names of each experiment of a generated block. */
export function armNamesOf(experiments: JsonObject | undefined): ExperimentArmNames {
  return Object.fromEntries(
    Object.entries(experiments ?? {}).map(([id, e]) => [
      id,
      Object.keys((e as JsonObject).arms as JsonObject),
    ]),
  );
}

/**
 * A rule set the loader accepts: a random policy (or none), declared attributes of every
 * type, often experiments (arms, holdouts, salts, audiences), 0-6 random rules with tied
 * priorities (conditions on any fact, the experiment fact included), and often an
 * always-true soft-prompt rule (frequently at the very top) and an always-true
 * settings-link rule.
 */
export const ruleSetArb: fc.Arbitrary<JsonObject> = fc
  .record({
    declared: fc.subarray(Object.keys(ATTRIBUTE_POOL)),
    policy: fc.option(policyArb, { nil: undefined, freq: 5 }),
    description: fc.option(fc.constantFrom('generated'), { nil: undefined }),
    variants: fc.option(
      fc.constant({
        'order-updates': { description: 'After an order', title: 'Track your order' },
        'new-content': { description: 'After reading' },
      }),
      { nil: undefined },
    ),
  })
  .chain((head) => experimentsArb(head.declared).map((experiments) => ({ ...head, experiments })))
  .chain(({ declared, policy, description, variants, experiments }) =>
    fc
      .record({
        rules: fc.array(
          fc.record(
            {
              priority: priorityArb,
              conditions: conditionArb(declared, armNamesOf(experiments), 3),
              type: fc.constantFrom(...EVENT_TYPES),
              params: paramsArb,
              description: fc.constantFrom('a generated rule'),
            },
            { requiredKeys: ['conditions', 'type'] },
          ),
          { maxLength: 6 },
        ),
        softAlways: fc.option(fc.constantFrom<'top' | 'any'>('top', 'top', 'any'), {
          nil: undefined,
          freq: 2,
        }),
        linkAlways: fc.option(fc.constantFrom<'top' | 'any'>('top', 'any'), { nil: undefined, freq: 2 }),
        softAt: fc.nat(),
        linkAt: fc.nat(),
        softPriority: priorityArb,
        linkPriority: priorityArb,
      })
      .map((g) => {
        const rules: JsonObject[] = g.rules.map((r, i) => ({
          id: `r${i}`,
          ...(r.description !== undefined && { description: r.description }),
          ...(r.priority !== undefined && { priority: r.priority }),
          conditions: r.conditions,
          event: { type: r.type, ...(r.params !== undefined && { params: r.params }) },
        }));
        const top = 1 + Math.max(1, ...g.rules.map((r) => r.priority ?? 1));
        if (g.linkAlways !== undefined) {
          rules.splice(g.linkAt % (rules.length + 1), 0, {
            id: 'always-settings-link',
            priority: g.linkAlways === 'top' ? top : g.linkPriority,
            conditions: ALWAYS,
            event: { type: 'show-settings-link', params: { variant: 'missing-updates' } },
          });
        }
        if (g.softAlways !== undefined) {
          // Placed after the settings-link rule so that at the top it wins ties by priority alone.
          rules.splice(g.softAt % (rules.length + 1), 0, {
            id: 'always-soft-prompt',
            priority: g.softAlways === 'top' ? top + 1 : g.softPriority,
            conditions: ALWAYS,
            event: { type: 'show-soft-prompt', params: { variant: 'generic' } },
          });
        }
        return {
          name: 'generated',
          ...(description !== undefined && { description }),
          attributes: Object.fromEntries(declared.map((n) => [n, ATTRIBUTE_POOL[n] as AttributeType])),
          ...(policy !== undefined && { policy }),
          ...(variants !== undefined && { variants }),
          ...(experiments !== undefined && { experiments }),
          rules,
        } as JsonObject;
      }),
  );

/** A generated rule set and a generated context, together. */
export const scenarioArb: fc.Arbitrary<{ ruleSet: JsonObject; context: JsonObject }> = fc.record({
  ruleSet: ruleSetArb,
  context: contextArb,
});

/** Every attribute type appears in the pool (checked by the arbitraries' own test). */
export const ALL_ATTRIBUTE_TYPES: readonly AttributeType[] = ATTRIBUTE_TYPES;
