/**
 * The decision (DESIGN.md section 5): every reason code, the held-back rule's id, params
 * and retryAt, wait rules as suppressions, the explain trace, attribute typing, and a
 * `decide` that never throws and never shares state between calls.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDecider, type Decision, parseContext, REASONS } from '../src/index.js';

type Obj = Record<string, unknown>;
const NOW = '2026-03-10T12:00:00+01:00';
const DEFAULT = JSON.parse(readFileSync('rules/default.json', 'utf8'));
const decider = createDecider(DEFAULT);
const RULE_SET_ID = decider.ruleSet.id;

function ios(extra: Obj = {}): Obj {
  return {
    now: NOW,
    platform: { os: 'ios', osVersion: '17.2' },
    permission: 'not-determined',
    sessions: { count: 3, currentStartedAt: '2026-03-10T11:50:00+01:00' },
    trigger: 'order_placed',
    ...extra,
  };
}
const softAsk = (at: string, outcome = 'declined'): Obj => ({ kind: 'soft-prompt', at, outcome });

describe('every reason code from the default rule set', () => {
  const cases: [string, Obj, Obj][] = [
    [
      'rule-matched (soft prompt)',
      ios(),
      {
        action: 'show-soft-prompt',
        reason: 'rule-matched',
        ruleId: 'after-first-order',
        params: { variant: 'order-updates' },
        retryAt: null,
      },
    ],
    [
      'rule-matched (settings link)',
      ios({ permission: 'denied' }),
      {
        action: 'show-settings-link',
        reason: 'rule-matched',
        ruleId: 'denied-high-value-moment',
        params: { variant: 'missing-updates' },
        retryAt: null,
      },
    ],
    [
      'rule-matched (wait rule: a suppression)',
      ios({ trigger: 'checkout_started' }),
      {
        action: 'wait',
        reason: 'rule-matched',
        ruleId: 'never-mid-task',
        params: { why: 'mid-task' },
        retryAt: null,
      },
    ],
    [
      'already-granted',
      ios({ permission: 'granted' }),
      { action: 'wait', reason: 'already-granted', retryAt: null },
    ],
    [
      'unsupported',
      ios({ platform: { os: 'web', hostOs: 'ios', osVersion: '16.3', installedToHomeScreen: true } }),
      { action: 'wait', reason: 'unsupported', retryAt: null },
    ],
    [
      'no-rule-matched',
      ios({ trigger: 'app_opened' }),
      { action: 'wait', reason: 'no-rule-matched', retryAt: null },
    ],
    [
      'cooldown',
      ios({ asks: [softAsk('2026-03-09T12:00:00+01:00')] }),
      {
        action: 'wait',
        reason: 'cooldown',
        ruleId: 'after-first-order',
        params: { variant: 'order-updates' },
        retryAt: '2026-03-12T11:00:00.000Z',
      },
    ],
    [
      'max-shows',
      ios({
        asks: [
          softAsk('2026-01-01T12:00:00Z'),
          softAsk('2026-01-10T12:00:00Z'),
          softAsk('2026-01-20T12:00:00Z'),
        ],
      }),
      {
        action: 'wait',
        reason: 'max-shows',
        ruleId: 'after-first-order',
        params: { variant: 'order-updates' },
        retryAt: null,
      },
    ],
    [
      'session-cap',
      ios({ asks: [softAsk('2026-03-10T11:55:00+01:00', 'accepted')] }),
      {
        action: 'wait',
        reason: 'session-cap',
        ruleId: 'after-first-order',
        params: { variant: 'order-updates' },
        retryAt: null,
      },
    ],
    [
      'quiet-hours',
      ios({ now: '2026-03-10T23:15:00+01:00', sessions: { count: 3 } }),
      {
        action: 'wait',
        reason: 'quiet-hours',
        ruleId: 'after-first-order',
        params: { variant: 'order-updates' },
        retryAt: '2026-03-11T07:00:00.000Z',
      },
    ],
    [
      'snoozed',
      ios({ cooldowns: [{ until: '2026-03-12T10:00:00Z', scope: 'soft-prompt' }] }),
      {
        action: 'wait',
        reason: 'snoozed',
        ruleId: 'after-first-order',
        params: { variant: 'order-updates' },
        retryAt: '2026-03-12T10:00:00.000Z',
      },
    ],
    [
      'permission-blocked',
      ios({ permission: 'denied', trigger: 'onboarding_completed' }),
      {
        action: 'wait',
        reason: 'permission-blocked',
        ruleId: 'onboarding-complete',
        params: { variant: 'welcome-updates' },
        retryAt: null,
      },
    ],
    [
      'browser-embargo',
      ios({
        platform: { os: 'web', hostOs: 'windows', browser: 'edge' },
        trigger: 'onboarding_completed',
        asks: ['2026-03-05', '2026-03-06', '2026-03-07'].map((d) => ({
          kind: 'system-prompt',
          at: `${d}T09:00:00Z`,
          outcome: 'dismissed',
        })),
      }),
      {
        action: 'wait',
        reason: 'browser-embargo',
        ruleId: 'onboarding-complete',
        params: { variant: 'welcome-updates' },
        retryAt: '2026-03-14T09:00:00.000Z',
      },
    ],
    [
      'invalid-context',
      ios({ permission: 'prompt' }),
      {
        action: 'wait',
        reason: 'invalid-context',
        retryAt: null,
        issues: [expect.objectContaining({ path: ['permission'], code: 'invalid-value' })],
      },
    ],
  ];

  it.each(cases)('%s', (_name, ctx, expected) => {
    expect(decider.decideUnknown(ctx)).toEqual({ ...expected, ruleSet: RULE_SET_ID });
  });

  it('covers every reason of the catalog (holdout needs an experiment: test/experiments/decide.test.ts)', () => {
    const seen = new Set(cases.map(([, ctx]) => decider.decideUnknown(ctx).reason));
    expect([...seen].sort()).toEqual(REASONS.filter((r) => r !== 'holdout').sort());
  });
});

describe('choosing among rules', () => {
  const soft = (id: string, priority: number, conditions: Obj = { all: [] }): Obj => ({
    id,
    priority,
    conditions,
    event: { type: 'show-soft-prompt', params: { variant: id } },
  });
  const link = (id: string, priority: number): Obj => ({
    id,
    priority,
    conditions: { all: [] },
    event: { type: 'show-settings-link' },
  });
  const wait = (id: string, priority: number): Obj => ({
    id,
    priority,
    conditions: { all: [] },
    event: { type: 'wait', params: { why: id } },
  });
  const make = (rules: Obj[]) => createDecider({ name: 't', rules });
  const declined = { asks: [softAsk('2026-03-09T12:00:00+01:00')] };

  it('a held-back rule is skipped and a lower permitted rule decides', () => {
    const d = make([soft('top', 10), link('below', 5)]).decideUnknown(ios({ permission: 'denied' }));
    expect(d).toMatchObject({ action: 'show-settings-link', reason: 'rule-matched', ruleId: 'below' });
  });

  it('the wait names the highest-priority held-back rule, with its params', () => {
    const d = make([soft('lower', 5), soft('higher', 10)]).decideUnknown(ios(declined));
    expect(d).toMatchObject({
      action: 'wait',
      reason: 'cooldown',
      ruleId: 'higher',
      params: { variant: 'higher' },
    });
  });

  it('a wait rule below a held-back rule still decides: waits are always permitted', () => {
    const d = make([soft('held', 10), wait('quiet', 5)]).decideUnknown(ios(declined));
    expect(d).toEqual({
      action: 'wait',
      reason: 'rule-matched',
      ruleId: 'quiet',
      params: { why: 'quiet' },
      retryAt: null,
      ruleSet: expect.any(String),
    });
  });

  it('a wait rule above suppresses every prompt', () => {
    const d = make([wait('never', 10), soft('soft', 5)]).decideUnknown(ios());
    expect(d).toMatchObject({ action: 'wait', reason: 'rule-matched', ruleId: 'never' });
  });

  it('a settings-link rule while the prompt is available is not a hold', () => {
    const d = make([link('link', 10)]).decideUnknown(ios());
    expect(d).toEqual({
      action: 'wait',
      reason: 'no-rule-matched',
      retryAt: null,
      ruleSet: expect.any(String),
    });
  });

  it('a rule without params gives a decision without params', () => {
    const d = make([link('link', 10)]).decideUnknown(ios({ permission: 'denied' }));
    expect(d).not.toHaveProperty('params');
  });

  it('decideParsed gives the same decision as decide', () => {
    for (const ctx of [ios(), ios(declined), ios({ permission: 'denied' }), ios({ permission: 'granted' })]) {
      expect(decider.decideParsed(parseContext(ctx))).toEqual(decider.decideUnknown(ctx));
    }
  });
});

describe('attributes are typed by their declaration', () => {
  const typed = createDecider({
    name: 'attrs',
    attributes: { tier: 'string', ltv: 'number', tags: 'string[]' },
    rules: [
      {
        id: 'gold',
        conditions: { all: [{ fact: 'attributes', path: '$.tier', operator: 'equal', value: 'gold' }] },
        event: { type: 'show-soft-prompt' },
      },
    ],
  });

  it('a declared attribute of its type is read', () => {
    expect(typed.decideUnknown(ios({ attributes: { tier: 'gold' } }))).toMatchObject({
      reason: 'rule-matched',
      ruleId: 'gold',
    });
  });

  it.each([
    ['a number for a string', { tier: 5 }, 'tier'],
    ['a string for a number', { ltv: '100' }, 'ltv'],
    ['numbers for a string list', { tags: [1, 2] }, 'tags'],
    ['a string for a list', { tags: 'news' }, 'tags'],
  ])('%s: invalid-context at its path, never coerced', (_name, attributes, name) => {
    expect(typed.decideUnknown(ios({ attributes }))).toEqual({
      action: 'wait',
      reason: 'invalid-context',
      retryAt: null,
      ruleSet: typed.ruleSet.id,
      issues: [expect.objectContaining({ path: ['attributes', name], code: 'invalid-type' })],
    });
  });

  it('attributes the rule set does not declare are ignored', () => {
    expect(typed.decideUnknown(ios({ attributes: { tier: 'gold', segment: 3 } }))).toMatchObject({
      reason: 'rule-matched',
    });
  });
});

describe('explain', () => {
  const rules = {
    name: 'explained',
    policy: { quietHours: { from: 22, to: 8 } },
    rules: [
      {
        id: 'mid-task',
        priority: 60,
        conditions: { all: [{ fact: 'trigger', operator: 'equal', value: 'checkout_started' }] },
        event: { type: 'wait' },
      },
      { id: 'link', priority: 50, conditions: { all: [] }, event: { type: 'show-settings-link' } },
      {
        id: 'held',
        priority: 40,
        conditions: { all: [{ fact: 'trigger', operator: 'equal', value: 'order_placed' }] },
        event: { type: 'show-soft-prompt', params: { variant: 'order' } },
      },
      {
        id: 'never',
        priority: 30,
        conditions: { any: [{ fact: 'sessionCount', operator: 'greaterThan', value: 100 }] },
        event: { type: 'show-soft-prompt' },
      },
      {
        id: 'fallback',
        priority: 20,
        conditions: { not: { all: [{ fact: 'sessionCount', operator: 'lessThan', value: 2 }] } },
        event: { type: 'wait' },
      },
      { id: 'after', priority: 10, conditions: { all: [] }, event: { type: 'show-soft-prompt' } },
    ],
  };
  const explained = createDecider(rules);
  const ctx = ios({ asks: [softAsk('2026-03-09T12:00:00+01:00')] });

  it('lists each rule in priority order with its status', () => {
    const d = explained.decideUnknown(ctx, { explain: true });
    expect(d.trace?.map((t) => [t.ruleId, t.priority, t.action, t.matched, t.status])).toEqual([
      ['mid-task', 60, 'wait', false, 'no-match'],
      ['link', 50, 'show-settings-link', true, 'not-applicable'],
      ['held', 40, 'show-soft-prompt', true, 'held-back'],
      ['never', 30, 'show-soft-prompt', false, 'no-match'],
      ['fallback', 20, 'wait', true, 'decided'],
      ['after', 10, 'show-soft-prompt', true, 'not-reached'],
    ]);
    expect(d.trace?.[2]?.hold).toEqual({ reason: 'cooldown', retryAt: '2026-03-12T11:00:00.000Z' });
  });

  it('records each condition with the fact value it saw and its result', () => {
    const d = explained.decideUnknown(ctx, { explain: true });
    expect(d.trace?.[0]?.conditions).toEqual({
      all: [
        {
          fact: 'trigger',
          operator: 'equal',
          value: 'checkout_started',
          factValue: 'order_placed',
          result: false,
        },
      ],
      result: false,
    });
    expect(d.trace?.[3]?.conditions).toEqual({
      any: [{ fact: 'sessionCount', operator: 'greaterThan', value: 100, factValue: 3, result: false }],
      result: false,
    });
    expect(d.trace?.[4]?.conditions).toEqual({
      not: {
        all: [{ fact: 'sessionCount', operator: 'lessThan', value: 2, factValue: 3, result: false }],
        result: false,
      },
      result: true,
    });
  });

  it('records a held-back decision and its retryAt', () => {
    const only = createDecider({ ...rules, rules: rules.rules.slice(2, 4) });
    const d = only.decideUnknown(ctx, { explain: true });
    expect(d).toMatchObject({
      action: 'wait',
      reason: 'cooldown',
      ruleId: 'held',
      params: { variant: 'order' },
      retryAt: '2026-03-12T11:00:00.000Z',
    });
    expect(d.trace?.map((t) => t.status)).toEqual(['held-back', 'no-match']);
  });

  it('is the same decision as without explain, plus the trace', () => {
    for (const c of [
      ctx,
      ios(),
      ios({ permission: 'denied' }),
      ios({ sessions: { count: 1 } }),
      ios({ now: '2026-03-10T23:00:00+01:00' }),
    ]) {
      const { trace, ...rest } = explained.decideUnknown(c, { explain: true });
      expect(trace).toBeDefined();
      expect(rest).toEqual(explained.decideUnknown(c));
    }
  });

  it('an already-granted decision has an empty trace', () => {
    expect(explained.decideUnknown(ios({ permission: 'granted' }), { explain: true })).toMatchObject({
      reason: 'already-granted',
      trace: [],
    });
  });

  it('has no trace unless asked', () => {
    expect(explained.decideUnknown(ctx)).not.toHaveProperty('trace');
  });
});

describe('decide never throws', () => {
  const cyclic: Obj = { ...ios() };
  cyclic.self = cyclic;
  (cyclic.platform as Obj).parent = cyclic;
  const throwingProxy = new Proxy(
    {},
    {
      get() {
        throw new Error('get trap');
      },
      ownKeys() {
        throw new Error('ownKeys trap');
      },
      getOwnPropertyDescriptor() {
        throw new Error('descriptor trap');
      },
      getPrototypeOf() {
        throw new Error('prototype trap');
      },
    },
  );
  const throwingGetter = Object.defineProperty({ ...ios() }, 'permission', {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  });
  const junk: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a string', 'context'],
    ['a boolean', true],
    ['a bigint', 10n],
    ['a symbol', Symbol('x')],
    ['a function', () => ios()],
    ['an array', [ios()]],
    ['an empty object', {}],
    ['a Date', new Date(0)],
    ['a cycle', cyclic],
    ['a Proxy whose traps throw', throwingProxy],
    ['a throwing getter', throwingGetter],
    ['a nested Proxy', { ...ios(), platform: throwingProxy }],
    ['Infinity where a number belongs', ios({ sessions: { count: Number.POSITIVE_INFINITY } })],
    ['-0 where a number belongs', ios({ sessions: { count: -0 } })],
  ];

  it.each(junk)('%s: wait / invalid-context with issues', (_name, input) => {
    let d: Decision | undefined;
    expect(() => {
      d = decider.decideUnknown(input);
    }).not.toThrow();
    expect(d).toMatchObject({
      action: 'wait',
      reason: 'invalid-context',
      retryAt: null,
      ruleSet: RULE_SET_ID,
    });
    expect(d && 'issues' in d && d.issues.length).toBeGreaterThan(0);
  });

  it('junk options are ignored', () => {
    expect(decider.decideUnknown(ios(), null as never)).toEqual(decider.decideUnknown(ios()));
  });
});

describe('decisions are fresh objects', () => {
  it('mutating a returned decision changes nothing later', () => {
    const first = decider.decideUnknown(ios());
    const snapshot = structuredClone(first);
    const m = first as unknown as Record<string, unknown>;
    m.action = 'show-settings-link';
    m.ruleId = 'hacked';
    delete m.retryAt;
    try {
      (first as { params: Record<string, unknown> }).params.variant = 'hacked';
    } catch {
      // Params are frozen: the mutation is refused, which is also fine.
    }

    const second = decider.decideUnknown(ios());

    expect(second).not.toBe(first);
    expect(second).toEqual(snapshot);
  });

  it('mutating an explain trace changes nothing later', () => {
    const first = decider.decideUnknown(ios(), { explain: true });
    const snapshot = structuredClone(first);
    try {
      (first.trace as unknown[]).length = 0;
    } catch {
      // A frozen trace is also fine.
    }
    expect(decider.decideUnknown(ios(), { explain: true })).toEqual(snapshot);
  });

  it('the same context twice gives deep-equal decisions', () => {
    const ctx = ios({ asks: [softAsk('2026-03-09T12:00:00+01:00')] });
    expect(decider.decideUnknown(ctx)).toEqual(decider.decideUnknown(ctx));
  });

  it('does not mutate the context', () => {
    const ctx = ios({ asks: [softAsk('2026-03-09T12:00:00+01:00'), softAsk('2026-03-09T12:00:00+01:00')] });
    const before = structuredClone(ctx);
    decider.decideUnknown(ctx, { explain: true });
    expect(ctx).toEqual(before);
  });
});

describe('which held-back rule a wait reports', () => {
  const twoKinds = (linkPriority: number) =>
    createDecider({
      name: 'two-kinds',
      policy: { settingsLink: { cooldownDays: [10], maxShows: 1 } },
      rules: [
        { id: 'soft', priority: 10, conditions: { all: [] }, event: { type: 'show-soft-prompt' } },
        {
          id: 'link',
          priority: linkPriority,
          conditions: { all: [] },
          event: { type: 'show-settings-link' },
        },
      ],
    });
  const denied = (asks: unknown[]) => ({
    now: '2026-11-23T12:00:00Z',
    platform: { os: 'ios' },
    permission: 'denied',
    sessions: { count: 5 },
    asks,
  });

  it('prefers the hold that ends over a permanent one, whatever the priorities', () => {
    const d = twoKinds(5).decideUnknown(denied([]));
    expect(d).toMatchObject({ action: 'show-settings-link', ruleId: 'link' });
    const shown = { kind: 'settings-link', at: '2026-11-20T12:00:00Z', outcome: 'opened' };
    // maxShows 1 is reached: both holds are permanent, so the higher-priority rule is named.
    expect(twoKinds(5).decideUnknown(denied([shown]))).toMatchObject({
      reason: 'permission-blocked',
      ruleId: 'soft',
      retryAt: null,
    });
    expect(twoKinds(20).decideUnknown(denied([shown]))).toMatchObject({
      reason: 'max-shows',
      ruleId: 'link',
      retryAt: null,
    });
  });

  it('names the settings link cooldown, with its end, over the soft prompt permission block', () => {
    const decider = createDecider({
      name: 'two-kinds',
      policy: { settingsLink: { cooldownDays: [10], maxShows: 2 } },
      rules: [
        { id: 'soft', priority: 10, conditions: { all: [] }, event: { type: 'show-soft-prompt' } },
        { id: 'link', priority: 5, conditions: { all: [] }, event: { type: 'show-settings-link' } },
      ],
    });
    const shown = { kind: 'settings-link', at: '2026-11-20T12:00:00Z', outcome: 'opened' };
    const plain = decider.decideUnknown(denied([shown]));
    expect(plain).toEqual({
      action: 'wait',
      reason: 'cooldown',
      ruleId: 'link',
      retryAt: '2026-11-30T12:00:00.000Z',
      ruleSet: decider.ruleSet.id,
    });
    const { trace, ...explained } = decider.decideUnknown(denied([shown]), { explain: true });
    expect(explained).toEqual(plain);
    expect(trace?.map((t) => [t.ruleId, t.status, t.hold?.reason])).toEqual([
      ['soft', 'held-back', 'permission-blocked'],
      ['link', 'held-back', 'cooldown'],
    ]);
  });
});
