/**
 * The compiled conditions: each operator with json-rules-engine's semantics (absent facts
 * included), each fact's value as conditions see it, and the traced evaluator agreeing
 * with the compiled closures.
 */
import { describe, expect, it } from 'vitest';
import { parseContext } from '../src/context/parse.js';
import { createDecider } from '../src/evaluate/decider.js';
import { computeFacts } from '../src/evaluate/facts.js';
import { summarizeHistory } from '../src/evaluate/history.js';
import { assessPlatform } from '../src/evaluate/platform.js';
import { userBucket } from '../src/index.js';
import { compileCondition, leafFunctions, traceCondition } from '../src/rules/compile.js';
import { loadRuleSet } from '../src/rules/load.js';

type Obj = Record<string, unknown>;
const NOW = '2026-03-10T12:00:00+01:00';
const ATTRIBUTES = { tier: 'string', ltv: 'number', beta: 'boolean', tags: 'string[]', scores: 'number[]' };

function ctxWith(extra: Obj = {}): Obj {
  return {
    now: NOW,
    platform: { os: 'ios' },
    permission: 'not-determined',
    sessions: { count: 3 },
    ...extra,
  };
}

/** Whether one condition holds for a context, through the compiled rule set. */
function holds(condition: Obj, extra: Obj = {}): boolean {
  const decider = createDecider({
    name: 'op',
    attributes: ATTRIBUTES,
    rules: [{ id: 'r', conditions: { all: [condition] }, event: { type: 'wait' } }],
  });
  return decider.matchingRules(parseContext(ctxWith(extra))).includes('r');
}

const c = (fact: string, operator: string, value: unknown, path?: string): Obj => ({
  fact,
  operator,
  value,
  ...(path !== undefined && { path }),
});

describe('operators', () => {
  it.each([
    ['equal, same value', c('trigger', 'equal', 'save_item'), { trigger: 'save_item' }, true],
    ['equal, other value', c('trigger', 'equal', 'save_item'), { trigger: 'order_placed' }, false],
    ['equal, absent fact', c('trigger', 'equal', 'save_item'), {}, false],
    ['notEqual, other value', c('trigger', 'notEqual', 'save_item'), { trigger: 'order_placed' }, true],
    ['notEqual, same value', c('trigger', 'notEqual', 'save_item'), { trigger: 'save_item' }, false],
    ['notEqual, absent fact: true', c('trigger', 'notEqual', 'save_item'), {}, true],
    ['in, member', c('sessionCount', 'in', [2, 3]), {}, true],
    ['in, not a member', c('sessionCount', 'in', [1, 2]), {}, false],
    ['in, empty list', c('sessionCount', 'in', []), {}, false],
    ['in, absent fact', c('trigger', 'in', ['a', 'b']), {}, false],
    [
      'in, long list (set lookup)',
      c('sessionCount', 'in', [10, 11, 12, 13, 14, 15, 16, 17, 18, 3]),
      {},
      true,
    ],
    ['notIn, not a member', c('sessionCount', 'notIn', [1, 2]), {}, true],
    ['notIn, member', c('sessionCount', 'notIn', [3]), {}, false],
    ['notIn, absent fact: true', c('trigger', 'notIn', ['a']), {}, true],
    [
      'contains, member',
      c('attributes', 'contains', 'news', '$.tags'),
      { attributes: { tags: ['news'] } },
      true,
    ],
    [
      'contains, not a member',
      c('attributes', 'contains', 'news', '$.tags'),
      { attributes: { tags: [] } },
      false,
    ],
    ['contains, absent fact', c('attributes', 'contains', 'news', '$.tags'), {}, false],
    [
      'contains, numbers',
      c('attributes', 'contains', 2, '$.scores'),
      { attributes: { scores: [1, 2] } },
      true,
    ],
    [
      'doesNotContain, not a member',
      c('attributes', 'doesNotContain', 'news', '$.tags'),
      { attributes: { tags: ['x'] } },
      true,
    ],
    [
      'doesNotContain, member',
      c('attributes', 'doesNotContain', 'news', '$.tags'),
      { attributes: { tags: ['news'] } },
      false,
    ],
    ['doesNotContain, absent fact: false', c('attributes', 'doesNotContain', 'news', '$.tags'), {}, false],
    ['lessThan', c('sessionCount', 'lessThan', 4), {}, true],
    ['lessThan, equal', c('sessionCount', 'lessThan', 3), {}, false],
    ['lessThanInclusive, equal', c('sessionCount', 'lessThanInclusive', 3), {}, true],
    ['lessThanInclusive, above', c('sessionCount', 'lessThanInclusive', 2), {}, false],
    ['greaterThan', c('sessionCount', 'greaterThan', 2), {}, true],
    ['greaterThan, equal', c('sessionCount', 'greaterThan', 3), {}, false],
    ['greaterThanInclusive, equal', c('sessionCount', 'greaterThanInclusive', 3), {}, true],
    ['greaterThanInclusive, below', c('sessionCount', 'greaterThanInclusive', 4), {}, false],
    ['lessThan, absent fact: false', c('apiLevel', 'lessThan', 100), {}, false],
    [
      'lessThanInclusive, absent fact: false',
      c('hoursSinceLastSoftPrompt', 'lessThanInclusive', 1e9),
      {},
      false,
    ],
    ['greaterThan, absent fact: false', c('daysSinceFirstSeen', 'greaterThan', -1), {}, false],
    ['greaterThanInclusive, absent fact: false', c('userBucket', 'greaterThanInclusive', 0), {}, false],
    [
      'versionGreaterThan 16.10 > 16.4',
      c('osVersion', 'versionGreaterThan', '16.4'),
      { platform: { os: 'ios', osVersion: '16.10' } },
      true,
    ],
    [
      'versionLessThan 16.10 < 16.4 is false',
      c('osVersion', 'versionLessThan', '16.4'),
      { platform: { os: 'ios', osVersion: '16.10' } },
      false,
    ],
    [
      'versionGreaterThanInclusive 16.4.0 >= 16.4',
      c('osVersion', 'versionGreaterThanInclusive', '16.4'),
      { platform: { os: 'ios', osVersion: '16.4.0' } },
      true,
    ],
    [
      'versionLessThanInclusive 16.4 <= 16.4',
      c('osVersion', 'versionLessThanInclusive', '16.4'),
      { platform: { os: 'ios', osVersion: '16.4' } },
      true,
    ],
    ['version operator, absent fact: false', c('osVersion', 'versionLessThan', '99'), {}, false],
    ['equal on a boolean', c('systemPromptAvailable', 'equal', true), {}, true],
    [
      'equal on a number attribute',
      c('attributes', 'equal', 120.5, '$.ltv'),
      { attributes: { ltv: 120.5 } },
      true,
    ],
    ['notEqual on an absent attribute: true', c('attributes', 'notEqual', 'gold', '$.tier'), {}, true],
    [
      'equal on an undeclared-but-sent attribute',
      c('attributes', 'equal', true, '$.beta'),
      { attributes: { beta: true, other: 1 } },
      true,
    ],
  ])('%s', (_name, condition, extra, expected) => {
    expect(holds(condition, extra)).toBe(expected);
  });

  it('compares exactly, never coercing ("5" is not 5)', () => {
    expect(holds(c('attributes', 'equal', 'gold', '$.tier'), { attributes: { tier: 'Gold' } })).toBe(false);
    expect(holds(c('sessionCount', 'in', [3]), { sessions: { count: 3 } })).toBe(true);
  });
});

describe('keyActions', () => {
  it('count is 0 for an action never done', () => {
    expect(holds(c('keyActions', 'equal', 0, '$.follow_topic.count'))).toBe(true);
    expect(holds(c('keyActions', 'lessThan', 3, '$.follow_topic.count'))).toBe(true);
  });

  it('count is the sent count', () => {
    const keyActions = { article_read: { count: 3 } };
    expect(holds(c('keyActions', 'greaterThanInclusive', 3, '$.article_read.count'), { keyActions })).toBe(
      true,
    );
    expect(holds(c('keyActions', 'greaterThan', 3, '$.article_read.count'), { keyActions })).toBe(false);
  });

  it('hoursSinceLast is measured from lastAt, and absent without it', () => {
    const withLast = { keyActions: { save_item: { count: 1, lastAt: '2026-03-10T09:00:00+01:00' } } };
    expect(holds(c('keyActions', 'equal', 3, '$.save_item.hoursSinceLast'), withLast)).toBe(true);
    const noLast = { keyActions: { save_item: { count: 1 } } };
    expect(holds(c('keyActions', 'greaterThanInclusive', 0, '$.save_item.hoursSinceLast'), noLast)).toBe(
      false,
    );
    expect(holds(c('keyActions', 'notEqual', 0, '$.save_item.hoursSinceLast'), noLast)).toBe(true);
  });

  it('a key action named like an Object.prototype member reads nothing inherited', () => {
    expect(holds(c('keyActions', 'equal', 0, '$.toString.count'))).toBe(true);
    expect(holds(c('keyActions', 'greaterThan', -1, '$.hasOwnProperty.hoursSinceLast'))).toBe(false);
  });
});

describe('facts as conditions see them', () => {
  const FACTS_RULE_SET = loadRuleSet({
    name: 'facts',
    attributes: ATTRIBUTES,
    rules: [
      {
        id: 'all-facts',
        conditions: {
          any: [
            c('os', 'equal', 'android'),
            c('hostOs', 'equal', 'ios'),
            c('osVersion', 'equal', '1'),
            c('osMajorVersion', 'equal', 0),
            c('apiLevel', 'equal', 0),
            c('browser', 'equal', 'chrome'),
            c('permission', 'equal', 'granted'),
            c('systemPromptAvailable', 'equal', false),
            c('sessionCount', 'equal', 0),
            c('daysSinceFirstSeen', 'equal', 0),
            c('secondsInSession', 'equal', 0),
            c('trigger', 'equal', 'x'),
            c('keyActions', 'equal', 0, '$.order_placed.count'),
            c('keyActions', 'equal', 0, '$.order_placed.hoursSinceLast'),
            c('totalKeyActions', 'equal', 0),
            c('softPromptShows', 'equal', 0),
            c('softPromptDeclines', 'equal', 0),
            c('hoursSinceLastSoftPrompt', 'equal', 0),
            c('systemPromptShows', 'equal', 0),
            c('systemPromptDenials', 'equal', 0),
            c('settingsLinkShows', 'equal', 0),
            c('hoursSinceLastSettingsLink', 'equal', 0),
            c('previouslyGranted', 'equal', true),
            c('localHour', 'equal', -1),
            c('localDayOfWeek', 'equal', -1),
            c('userBucket', 'equal', -1),
            c('attributes', 'equal', 'x', '$.tier'),
            c('attributes', 'contains', 'x', '$.tags'),
          ],
        },
        event: { type: 'wait' },
      },
    ],
  });

  function factValues(ctx: Obj): Record<string, unknown> {
    const d = createDecider(FACTS_RULE_SET).decideUnknown(ctx, { explain: true });
    const root = d.trace?.[0]?.conditions as unknown as {
      any: { fact: string; path?: string; factValue: unknown }[];
    };
    return Object.fromEntries(
      root.any.map((t) => [t.path === undefined ? t.fact : `${t.fact}${t.path.slice(1)}`, t.factValue]),
    );
  }

  it('computes every catalog fact from a full context', () => {
    const values = factValues({
      now: '2026-03-10T23:30:00+01:00',
      userId: 'user-42',
      platform: { os: 'android', osVersion: '14.1', apiLevel: 34, targetSdk: 34 },
      permission: 'denied',
      sessions: {
        count: 5,
        firstSeenAt: '2026-03-09T11:30:00+01:00',
        currentStartedAt: '2026-03-10T23:28:30+01:00',
      },
      keyActions: {
        order_placed: { count: 2, lastAt: '2026-03-10T20:30:00+01:00' },
        article_read: { count: 4 },
      },
      trigger: 'order_placed',
      asks: [
        { kind: 'soft-prompt', at: '2026-03-01T10:00:00Z', outcome: 'accepted' },
        { kind: 'system-prompt', at: '2026-03-01T10:00:05Z', outcome: 'denied' },
        { kind: 'soft-prompt', at: '2026-03-08T22:30:00Z', outcome: 'declined' },
        { kind: 'system-prompt', at: '2026-03-05T10:00:00Z', outcome: 'dismissed' },
        { kind: 'settings-link', at: '2026-03-09T22:30:00Z', outcome: 'dismissed' },
      ],
      attributes: { tier: 'gold', tags: ['a'] },
    });

    expect(values).toEqual({
      os: 'android',
      hostOs: undefined,
      osVersion: '14.1',
      osMajorVersion: 14,
      apiLevel: 34,
      browser: undefined,
      permission: 'denied',
      systemPromptAvailable: true,
      sessionCount: 5,
      daysSinceFirstSeen: 1.5,
      secondsInSession: 90,
      trigger: 'order_placed',
      'keyActions.order_placed.count': 2,
      'keyActions.order_placed.hoursSinceLast': 3,
      totalKeyActions: 6,
      softPromptShows: 2,
      softPromptDeclines: 1,
      hoursSinceLastSoftPrompt: 48,
      systemPromptShows: 2,
      systemPromptDenials: 1,
      settingsLinkShows: 1,
      hoursSinceLastSettingsLink: 24,
      previouslyGranted: false,
      localHour: 23,
      localDayOfWeek: 2,
      userBucket: userBucket('user-42'),
      'attributes.tier': 'gold',
      'attributes.tags': ['a'],
    });
  });

  it('leaves "since" facts and unsent optional facts absent', () => {
    const values = factValues(ctxWith());

    for (const k of [
      'hostOs',
      'osVersion',
      'osMajorVersion',
      'apiLevel',
      'browser',
      'daysSinceFirstSeen',
      'secondsInSession',
      'trigger',
      'keyActions.order_placed.hoursSinceLast',
      'hoursSinceLastSoftPrompt',
      'hoursSinceLastSettingsLink',
      'userBucket',
      'attributes.tier',
      'attributes.tags',
    ]) {
      expect(values[k], k).toBeUndefined();
    }
    expect(values['keyActions.order_placed.count']).toBe(0);
    expect(values.totalKeyActions).toBe(0);
    expect(values.localHour).toBe(12);
    expect(values.localDayOfWeek).toBe(2);
  });

  it('userBucket is stable and in 0-99', () => {
    for (const id of ['a', 'user-42', 'd41d8cd98f00b204e9800998ecf8427e', 'ü']) {
      const b = userBucket(id);
      expect(Number.isInteger(b) && b >= 0 && b < 100).toBe(true);
      expect(userBucket(id)).toBe(b);
    }
  });
});

describe('compiled and traced evaluation agree', () => {
  it('for nested all/any/not over several contexts', () => {
    const rs = loadRuleSet({
      name: 't',
      rules: [
        {
          id: 'r',
          conditions: {
            any: [
              { all: [c('sessionCount', 'greaterThan', 2), { not: c('trigger', 'equal', 'save_item') }] },
              { not: { any: [c('os', 'equal', 'ios'), c('os', 'equal', 'web')] } },
              { all: [c('trigger', 'in', ['save_item']), c('softPromptShows', 'equal', 0)] },
            ],
          },
          event: { type: 'wait' },
        },
      ],
    });
    const cond = rs.rules[0]?.conditions;
    if (cond === undefined) throw new Error('no conditions');
    const compiled = compileCondition(cond);
    const fns = leafFunctions(cond);
    const contexts = [
      ctxWith(),
      ctxWith({ sessions: { count: 1 } }),
      ctxWith({ trigger: 'save_item' }),
      ctxWith({ trigger: 'save_item', sessions: { count: 1 } }),
      ctxWith({ platform: { os: 'android' }, sessions: { count: 1 } }),
      ctxWith({
        trigger: 'save_item',
        sessions: { count: 1 },
        asks: [{ kind: 'soft-prompt', at: NOW, outcome: 'declined' }],
      }),
    ];
    const results = contexts.map((raw) => {
      const ctx = parseContext(raw);
      const h = summarizeHistory(ctx);
      const facts = computeFacts(ctx, h, assessPlatform(ctx, h));
      const traced = traceCondition(cond, fns, facts).result;
      expect(traced).toBe(compiled(facts));
      return traced;
    });
    expect(results).toEqual([true, false, true, true, true, false]);
  });
});
