/**
 * The json-rules-engine adapter: a real Engine built from a loaded rule set finds the
 * same matching rules as the compiled evaluator, and its path resolver follows own
 * properties on `$.a.b` only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  engineFacts,
  engineMatches,
  ownPathResolver,
  toJsonRulesEngine,
} from '../src/adapter/json-rules-engine.js';
import { ContextError, createDecider, loadRuleSet, parseContext } from '../src/index.js';

type Obj = Record<string, unknown>;
const DEFAULT = loadRuleSet(JSON.parse(readFileSync('rules/default.json', 'utf8')));
const EXAMPLES = readdirSync('examples/contexts')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(`examples/contexts/${f}`, 'utf8'))] as [string, Obj]);

/** One rule per fact and operator family, so every fact is compared by both engines. */
const WIDE = loadRuleSet({
  name: 'wide',
  attributes: { tier: 'string', ltv: 'number', tags: 'string[]' },
  rules: (
    [
      ['os', 'equal', 'ios'],
      ['hostOs', 'notEqual', 'windows'],
      ['osVersion', 'versionGreaterThanInclusive', '16.4'],
      ['osMajorVersion', 'greaterThan', 13],
      ['apiLevel', 'lessThan', 33],
      ['browser', 'in', ['chrome', 'edge']],
      ['permission', 'notIn', ['granted']],
      ['systemPromptAvailable', 'equal', true],
      ['sessionCount', 'greaterThanInclusive', 3],
      ['daysSinceFirstSeen', 'greaterThan', 1],
      ['secondsInSession', 'lessThanInclusive', 600],
      ['trigger', 'notEqual', 'checkout_started'],
      ['totalKeyActions', 'greaterThan', 0],
      ['softPromptShows', 'equal', 0],
      ['softPromptDeclines', 'lessThan', 2],
      ['hoursSinceLastSoftPrompt', 'greaterThan', 24],
      ['systemPromptShows', 'greaterThanInclusive', 1],
      ['systemPromptDenials', 'equal', 1],
      ['settingsLinkShows', 'lessThan', 2],
      ['hoursSinceLastSettingsLink', 'greaterThan', 1],
      ['previouslyGranted', 'notEqual', true],
      ['localHour', 'in', [18, 19, 20]],
      ['localDayOfWeek', 'notIn', [0, 6]],
      ['userBucket', 'lessThan', 50],
    ] as [string, string, unknown][]
  )
    .map(
      ([fact, operator, value], i): Obj => ({
        id: `r${i}-${fact}`,
        conditions: { all: [{ fact, operator, value }] },
        event: { type: 'wait' },
      }),
    )
    .concat([
      {
        id: 'key-count',
        conditions: {
          all: [
            { fact: 'keyActions', path: '$.order_placed.count', operator: 'greaterThanInclusive', value: 1 },
          ],
        },
        event: { type: 'wait' },
      },
      {
        id: 'key-never',
        conditions: {
          all: [{ fact: 'keyActions', path: '$.never_done.count', operator: 'equal', value: 0 }],
        },
        event: { type: 'wait' },
      },
      {
        id: 'key-hours',
        conditions: {
          all: [
            { fact: 'keyActions', path: '$.order_placed.hoursSinceLast', operator: 'lessThan', value: 1 },
          ],
        },
        event: { type: 'wait' },
      },
      {
        id: 'attr',
        conditions: {
          any: [
            { fact: 'attributes', path: '$.tier', operator: 'equal', value: 'gold' },
            { fact: 'attributes', path: '$.tags', operator: 'doesNotContain', value: 'news' },
            { not: { fact: 'attributes', path: '$.ltv', operator: 'greaterThan', value: 10 } },
          ],
        },
        event: { type: 'wait' },
      },
    ]),
});

async function agree(rs: typeof DEFAULT, raw: Obj): Promise<string[]> {
  const ctx = parseContext(raw);
  const ours = createDecider(rs).matchingRules(ctx);
  const theirs = await engineMatches(toJsonRulesEngine(rs), engineFacts(rs, ctx));
  expect([...theirs].sort()).toEqual([...ours].sort());
  return ours;
}

describe('toJsonRulesEngine + engineFacts agree with matchingRules', () => {
  it.each(EXAMPLES)('default rules, %s', async (_file, raw) => {
    await agree(DEFAULT, raw);
  });

  it.each(EXAMPLES)('a rule per fact, %s', async (_file, raw) => {
    await agree(WIDE, raw);
  });

  it('the examples make a good share of rules match and fail', async () => {
    const matched = new Set<string>();
    for (const [, raw] of EXAMPLES) for (const id of await agree(WIDE, raw)) matched.add(id);
    expect(matched.size).toBeGreaterThan(WIDE.rules.length / 2);
    expect(matched.size).toBeLessThan(WIDE.rules.length);
  });

  it('the adapter names engine rules by rule id, with their priority', () => {
    const engine = toJsonRulesEngine(DEFAULT);
    const rules = (engine as unknown as { rules: { name: string; priority: number }[] }).rules;
    expect(rules.map((r) => [r.name, r.priority])).toEqual(DEFAULT.rules.map((r) => [r.id, r.priority]));
  });
});

describe('engineFacts', () => {
  it('leaves absent facts out and lists every key action a rule names', () => {
    const facts = engineFacts(
      WIDE,
      parseContext(EXAMPLES.find(([f]) => f === 'checkout-in-progress.json')?.[1]),
    );
    expect(facts).not.toHaveProperty('hoursSinceLastSoftPrompt');
    expect(facts).not.toHaveProperty('userBucket');
    expect(facts).not.toHaveProperty('now');
    expect(facts.keyActions).toEqual({ order_placed: { count: 0 }, never_done: { count: 0 } });
  });

  it('takes the context JSON as well, and says what is wrong with a bad one', () => {
    const json = EXAMPLES.find(([f]) => f === 'ios-after-order.json')?.[1];
    expect(engineFacts(WIDE, json)).toEqual(engineFacts(WIDE, parseContext(json)));
    expect(() => engineFacts(WIDE, { now: 'yesterday' })).toThrow(ContextError);
    expect(() => engineFacts(WIDE, { now: 'yesterday' })).toThrow(/\$\.now/);
  });
});

describe('systemPromptAvailable where decide answers before the rules', () => {
  // decide returns already-granted / unsupported before any rule runs, but the adapter and
  // matchingRules hand the fact to rules: it must say what the platform allows there too.
  const rs = loadRuleSet({
    name: 'available',
    rules: [
      {
        id: 'can-ask',
        conditions: { all: [{ fact: 'systemPromptAvailable', operator: 'equal', value: true }] },
        event: { type: 'show-soft-prompt' },
      },
    ],
  });
  const engine = toJsonRulesEngine(rs);
  const at = (extra: Obj): Obj => ({ now: '2026-03-10T12:00:00Z', sessions: { count: 3 }, ...extra });
  const cases: [string, Obj, string][] = [
    ['granted on iOS', at({ platform: { os: 'ios' }, permission: 'granted' }), 'already-granted'],
    ['ephemeral (App Clip)', at({ platform: { os: 'ios' }, permission: 'ephemeral' }), 'already-granted'],
    [
      'granted on the web',
      at({ platform: { os: 'web', browser: 'chrome' }, permission: 'granted' }),
      'already-granted',
    ],
    [
      'iOS web, not on the Home Screen',
      at({ platform: { os: 'web', hostOs: 'ios', osVersion: '17.4' }, permission: 'not-determined' }),
      'unsupported',
    ],
    [
      'iPadOS web before 16.4',
      at({
        platform: { os: 'web', hostOs: 'ipados', osVersion: '16.3', installedToHomeScreen: true },
        permission: 'not-determined',
      }),
      'unsupported',
    ],
  ];

  it.each(cases)('%s: false, so a rule on it matches nowhere', async (_name, json, reason) => {
    const facts = engineFacts(rs, json);
    expect(facts.systemPromptAvailable).toBe(false);
    expect(await engineMatches(engine, facts)).toEqual([]);
    expect(createDecider(rs).matchingRules(parseContext(json))).toEqual([]);
    expect(createDecider(rs).decideUnknown(json)).toMatchObject({ action: 'wait', reason });
  });

  it('true for a user the OS can still ask (the rule matches and decides)', async () => {
    const json = at({ platform: { os: 'ios' }, permission: 'not-determined' });
    expect(await engineMatches(engine, engineFacts(rs, json))).toEqual(['can-ask']);
    expect(createDecider(rs).decideUnknown(json)).toMatchObject({
      action: 'show-soft-prompt',
      ruleId: 'can-ask',
    });
  });
});

describe('experiments in the adapter', () => {
  const rs = loadRuleSet(JSON.parse(readFileSync('rules/primer-experiment.json', 'utf8')));
  const engine = toJsonRulesEngine(rs);
  const ios = (userId: string | undefined): Obj => ({
    now: '2026-03-10T12:00:00+01:00',
    ...(userId !== undefined && { userId }),
    platform: { os: 'ios' },
    permission: 'not-determined',
    sessions: { count: 3 },
    trigger: 'order_placed',
  });

  it('supplies the experiment fact: the arms of the experiments the user is enrolled in', async () => {
    const decider = createDecider(rs);
    for (const userId of ['u-1', 'u-2', 'u-4']) {
      const facts = engineFacts(rs, ios(userId));
      const arm = decider.decideUnknown(ios(userId)).experiments?.[0]?.arm;
      expect(facts.experiment).toEqual({ 'primer-copy': arm });
      expect((await engineMatches(engine, facts)).sort()).toEqual(
        decider.matchingRules(parseContext(ios(userId))).sort(),
      );
    }
    expect(engineFacts(rs, ios(undefined)).experiment).toEqual({});
  });

  it("does not enforce the holdout: json-rules-engine matches a holdout user's prompt rule; decide holds it back", async () => {
    const decider = createDecider(rs);
    const holdout = ['u-1', 'u-2', 'u-3', 'u-4', 'u-5'].find(
      (u) => decider.decideUnknown(ios(u)).experiments?.[0]?.arm === 'holdout',
    ) as string;
    expect(await engineMatches(engine, engineFacts(rs, ios(holdout)))).toContain('after-order');
    expect(decider.decideUnknown(ios(holdout))).toMatchObject({ action: 'wait', reason: 'holdout' });
  });

  it('the engine holds the rules only: the experiments block is left out', () => {
    const rules = (engine as unknown as { rules: { name: string }[] }).rules;
    expect(rules.map((r) => r.name).sort()).toEqual(rs.rules.map((r) => r.id).sort());
  });
});

describe('ownPathResolver', () => {
  it('follows own properties on $.a.b', () => {
    expect(ownPathResolver({ tier: 'gold' }, '$.tier')).toBe('gold');
    expect(ownPathResolver({ a: { b: { c: 3 } } }, '$.a.b.c')).toBe(3);
    expect(ownPathResolver({ a: { b: 0 } }, '$.a.b')).toBe(0);
  });

  it('never reads inherited properties', () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.polluted = 'yes';
      expect(ownPathResolver({}, '$.polluted')).toBeUndefined();
      expect(ownPathResolver({ a: {} }, '$.a.polluted')).toBeUndefined();
    } finally {
      delete proto.polluted;
    }
    expect(ownPathResolver({}, '$.constructor')).toBeUndefined();
    expect(ownPathResolver({}, '$.constructor.name')).toBeUndefined();
    expect(ownPathResolver({}, '$.__proto__')).toBeUndefined();
    expect(ownPathResolver({}, '$.toString')).toBeUndefined();
    expect(ownPathResolver(Object.create({ tier: 'gold' }), '$.tier')).toBeUndefined();
  });

  it('does not evaluate JSONPath expressions', () => {
    const data = { a: [{ b: 1 }], x: { y: 2 } };
    for (const p of ['$..b', '$.a[0].b', '$.a[?(@.b)]', '$[*]', '$.*', 'a.b', '$', '$..x.y']) {
      expect(ownPathResolver(data, p)).toBeUndefined();
    }
  });

  it('stops at non-objects', () => {
    expect(ownPathResolver({ a: 'text' }, '$.a.length')).toBeUndefined();
    expect(ownPathResolver({ a: null }, '$.a.b')).toBeUndefined();
    expect(ownPathResolver(null, '$.a')).toBeUndefined();
  });
});
