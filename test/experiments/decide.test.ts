/**
 * Experiments in decisions (DESIGN.md section 9): who is enrolled, the experiment fact,
 * exposure on every decision of an enrolled user, and the holdout guardrail in decide,
 * decideParsed and explain, with its precedence over the other guardrails. Users are picked
 * per arm with the exported assignment functions (checked against golden vectors), never
 * by a recorded decision.
 */
import { describe, expect, it } from 'vitest';
import {
  assignArm,
  createDecider,
  type Decision,
  experimentBucket,
  parseContext,
  type WeightedArm,
} from '../../src/index.js';

type Obj = Record<string, unknown>;
const NOW = '2026-03-10T12:00:00+01:00';
const SALT = 'primer-copy-2026-12';
const ARMS: WeightedArm[] = [
  { name: 'holdout', weight: 10 },
  { name: 'benefit', weight: 45 },
  { name: 'generic', weight: 45 },
];

/** The first user id `u-N` that lands in `arm` (found with the assignment functions alone). */
function userIn(arm: string, salt = SALT, arms = ARMS, from = 0): string {
  for (let i = from; ; i++) if (assignArm(arms, experimentBucket(salt, `u-${i}`)) === arm) return `u-${i}`;
}
const HOLDOUT = userIn('holdout');
const BENEFIT = userIn('benefit');
const GENERIC = userIn('generic');

const soft = (id: string, priority: number, all: Obj[], params?: Obj): Obj => ({
  id,
  priority,
  conditions: { all },
  event: params === undefined ? { type: 'show-soft-prompt' } : { type: 'show-soft-prompt', params },
});
const arm = (value: string, operator = 'equal'): Obj => ({
  fact: 'experiment',
  path: '$.primer-copy',
  operator,
  value,
});

const RULES = {
  name: 'exp',
  experiments: {
    'primer-copy': {
      salt: SALT,
      audience: { all: [{ fact: 'os', operator: 'in', value: ['ios', 'android'] }] },
      arms: { holdout: { weight: 10, holdout: true }, benefit: { weight: 45 }, generic: { weight: 45 } },
    },
  },
  rules: [
    {
      id: 'checkout',
      priority: 1000,
      conditions: { all: [{ fact: 'trigger', operator: 'equal', value: 'checkout_started' }] },
      event: { type: 'wait' },
    },
    soft(
      'generic-copy',
      200,
      [arm('generic'), { fact: 'trigger', operator: 'equal', value: 'order_placed' }],
      {
        variant: 'generic',
      },
    ),
    soft('after-order', 100, [{ fact: 'trigger', operator: 'equal', value: 'order_placed' }], {
      variant: 'order-updates',
    }),
    {
      id: 'denied-link',
      priority: 50,
      conditions: { all: [{ fact: 'systemPromptAvailable', operator: 'equal', value: false }] },
      event: { type: 'show-settings-link' },
    },
  ],
};
const decider = createDecider(RULES);
const ID = decider.ruleSet.id;

function ctx(userId: string | undefined, extra: Obj = {}): Obj {
  return {
    now: NOW,
    ...(userId !== undefined && { userId }),
    platform: { os: 'ios', osVersion: '17.2' },
    permission: 'not-determined',
    sessions: { count: 3, currentStartedAt: '2026-03-10T11:50:00+01:00' },
    trigger: 'order_placed',
    ...extra,
  };
}
const exposed = (a: string) => [{ id: 'primer-copy', arm: a }];

/** The same context decided by decide, decideParsed and both with explain. */
function allPaths(c: Obj): Decision[] {
  return [
    decider.decideUnknown(c),
    decider.decideParsed(parseContext(c)),
    decider.decideUnknown(c, { explain: true }),
    decider.decideParsed(parseContext(c), { explain: true }),
  ];
}

describe('enrollment and the experiment fact', () => {
  it('the arm picks the rule: benefit copy, generic copy', () => {
    expect(decider.decideUnknown(ctx(BENEFIT))).toEqual({
      action: 'show-soft-prompt',
      reason: 'rule-matched',
      ruleId: 'after-order',
      params: { variant: 'order-updates' },
      retryAt: null,
      ruleSet: ID,
      experiments: exposed('benefit'),
    });
    expect(decider.decideUnknown(ctx(GENERIC))).toMatchObject({
      action: 'show-soft-prompt',
      ruleId: 'generic-copy',
      experiments: exposed('generic'),
    });
  });

  it('not enrolled without a userId, with an empty one, or outside the audience: no arm, no exposure, no holdout', () => {
    for (const c of [ctx(undefined), ctx(''), ctx(HOLDOUT, { platform: { os: 'web', browser: 'chrome' } })]) {
      const d = decider.decideUnknown(c);
      expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'after-order' });
      expect('experiments' in d).toBe(false);
    }
  });

  it('reads an absent arm as json-rules-engine reads an absent fact: notEqual and notIn hold, equal and in do not', () => {
    const probe = createDecider({
      ...RULES,
      rules: [
        soft('ne', 1, [arm('generic', 'notEqual')]),
        soft('ni', 1, [arm(['generic'] as unknown as string, 'notIn')]),
        soft('eq', 1, [arm('holdout')]),
        soft('in', 1, [arm(['holdout', 'benefit'] as unknown as string, 'in')]),
      ],
    });
    expect(probe.matchingRules(parseContext(ctx(undefined)))).toEqual(['ne', 'ni']);
    expect(probe.matchingRules(parseContext(ctx(BENEFIT)))).toEqual(['ne', 'ni', 'in']);
    expect(probe.matchingRules(parseContext(ctx(HOLDOUT)))).toEqual(['ne', 'ni', 'eq', 'in']);
  });

  it('shows the arm in the explain trace as the fact value', () => {
    const d = decider.decideUnknown(ctx(GENERIC), { explain: true });
    const generic = d.trace?.find((r) => r.ruleId === 'generic-copy');
    expect(generic?.status).toBe('decided');
    expect(JSON.stringify(generic?.conditions)).toContain('"factValue":"generic"');
  });

  it('lists exposures in the order the experiments are written, whatever the rules read', () => {
    const two = createDecider({
      name: 'two',
      experiments: {
        zeta: { arms: { a: { weight: 1 }, b: { weight: 1 } } },
        alpha: { arms: { only: { weight: 1 } } },
      },
      rules: [],
    });
    const d = two.decideUnknown(ctx('u-7'));
    expect(d.experiments?.map((x) => x.id)).toEqual(['zeta', 'alpha']);
    expect(d.experiments?.[1]).toEqual({ id: 'alpha', arm: 'only' });
    const halves = [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 1 },
    ];
    expect(d.experiments?.[0]?.arm).toBe(assignArm(halves, experimentBucket('zeta', 'u-7')));
  });

  it('gives rule sets without experiments decisions without the field', () => {
    const plain = createDecider({ name: 'plain', rules: [soft('s', 1, [])] });
    expect('experiments' in plain.decideUnknown(ctx(HOLDOUT))).toBe(false);
  });
});

describe('exposure on every decision of an enrolled user', () => {
  it('on waits from a wait rule, from no rule, and from guardrails', () => {
    expect(decider.decideUnknown(ctx(BENEFIT, { trigger: 'checkout_started' }))).toMatchObject({
      reason: 'rule-matched',
      ruleId: 'checkout',
      experiments: exposed('benefit'),
    });
    expect(decider.decideUnknown(ctx(BENEFIT, { trigger: 'app_opened' }))).toMatchObject({
      reason: 'no-rule-matched',
      experiments: exposed('benefit'),
    });
    expect(
      decider.decideUnknown(
        ctx(BENEFIT, {
          now: '2026-03-10T12:00:00+01:00',
          asks: [{ kind: 'soft-prompt', at: '2026-03-09T12:00:00Z', outcome: 'declined' }],
        }),
      ),
    ).toMatchObject({
      reason: 'cooldown',
      experiments: exposed('benefit'),
    });
  });

  it('on the platform answers (already-granted, unsupported), which come before any rule', () => {
    expect(decider.decideUnknown(ctx(HOLDOUT, { permission: 'granted' }))).toEqual({
      action: 'wait',
      reason: 'already-granted',
      retryAt: null,
      ruleSet: ID,
      experiments: exposed('holdout'),
    });
    const ios = createDecider({
      ...RULES,
      experiments: { 'primer-copy': { ...RULES.experiments['primer-copy'], audience: undefined } },
    });
    const webOnOldIos = ctx(HOLDOUT, { platform: { os: 'web', hostOs: 'ios', osVersion: '16.3' } });
    expect(ios.decideUnknown(webOnOldIos)).toMatchObject({
      reason: 'unsupported',
      experiments: exposed('holdout'),
    });
  });

  it('not on an invalid context (its userId cannot be trusted)', () => {
    const d = decider.decideUnknown(ctx(HOLDOUT, { permission: 'maybe' }));
    expect(d.reason).toBe('invalid-context');
    expect('experiments' in d).toBe(false);
  });
});

describe('the holdout guardrail', () => {
  it('holds the matching soft prompt back: wait, reason holdout, the rule and its params, retryAt null, in every path', () => {
    for (const d of allPaths(ctx(HOLDOUT))) {
      expect(d).toMatchObject({
        action: 'wait',
        reason: 'holdout',
        ruleId: 'after-order',
        params: { variant: 'order-updates' },
        retryAt: null,
        ruleSet: ID,
        experiments: exposed('holdout'),
      });
    }
    const trace = decider.decideUnknown(ctx(HOLDOUT), { explain: true }).trace ?? [];
    expect(trace.find((r) => r.ruleId === 'after-order')).toMatchObject({
      status: 'held-back',
      hold: { reason: 'holdout', retryAt: null },
    });
  });

  it('holds a settings link back too', () => {
    const denied = ctx(HOLDOUT, { permission: 'denied', trigger: 'app_opened' });
    for (const d of allPaths(denied)) {
      expect(d).toMatchObject({ action: 'wait', reason: 'holdout', ruleId: 'denied-link', retryAt: null });
    }
    expect(decider.decideUnknown({ ...denied, userId: BENEFIT })).toMatchObject({
      action: 'show-settings-link',
    });
  });

  it('a wait rule still decides first (rule-matched, a suppression); nothing matching is no-rule-matched', () => {
    expect(decider.decideUnknown(ctx(HOLDOUT, { trigger: 'checkout_started' }))).toMatchObject({
      action: 'wait',
      reason: 'rule-matched',
      ruleId: 'checkout',
    });
    expect(decider.decideUnknown(ctx(HOLDOUT, { trigger: 'app_opened' }))).toMatchObject({
      action: 'wait',
      reason: 'no-rule-matched',
      experiments: exposed('holdout'),
    });
  });

  it('comes before every other guardrail: a holdout user in cooldown, past the caps, denied, in quiet hours hears "holdout"', () => {
    const declined = { kind: 'soft-prompt', at: '2026-03-09T12:00:00Z', outcome: 'declined' };
    const situations: Obj[] = [
      { asks: [declined] },
      {
        asks: [
          declined,
          { ...declined, at: '2026-01-01T12:00:00Z' },
          { ...declined, at: '2025-12-01T12:00:00Z' },
        ],
      },
      { now: '2026-03-10T23:30:00+01:00' },
      { cooldowns: [{ until: '2026-03-12T00:00:00Z' }] },
      { permission: 'denied' },
    ];
    const held = createDecider({ ...RULES, policy: { quietHours: { from: 22, to: 8 } } });
    for (const s of situations) {
      const d = held.decideUnknown(ctx(HOLDOUT, s));
      expect(d, JSON.stringify(s)).toMatchObject({ action: 'wait', reason: 'holdout', retryAt: null });
      // The same situation for a user in another arm is held back by the other guardrail.
      expect(held.decideUnknown(ctx(BENEFIT, s)).reason, JSON.stringify(s)).not.toBe('holdout');
    }
  });

  it('applies when any experiment puts the user in a holdout arm', () => {
    const two = createDecider({
      name: 'two',
      experiments: {
        copy: { arms: { a: { weight: 1 }, b: { weight: 1 } } },
        global: { salt: SALT, arms: { holdout: { weight: 10, holdout: true }, rest: { weight: 90 } } },
      },
      rules: [soft('always', 1, [])],
    });
    const inGlobal = userIn('holdout', SALT, [
      { name: 'holdout', weight: 10 },
      { name: 'rest', weight: 90 },
    ]);
    expect(two.decideUnknown(ctx(inGlobal))).toMatchObject({ reason: 'holdout', ruleId: 'always' });
    expect(two.decideUnknown(ctx(inGlobal)).experiments?.map((x) => x.id)).toEqual(['copy', 'global']);
  });

  it('matchingRules still lists the rules whose conditions hold (guardrails aside)', () => {
    expect(decider.matchingRules(parseContext(ctx(HOLDOUT)))).toEqual(['after-order']);
  });
});
