/**
 * Rule-set loading (DESIGN.md section 4): every kind of issue with its JSON path and code,
 * all reported at once; a loaded rule set is frozen and independent of its input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDecider, type Issue, LIMITS, loadRuleSet, RuleSetError } from '../src/index.js';

type Obj = Record<string, unknown>;

const leaf = (fact: string, operator: string, value: unknown, path?: string): Obj => ({
  fact,
  operator,
  value,
  ...(path !== undefined && { path }),
});

/** A valid one-rule set around `conditions`. */
function withConditions(conditions: unknown, extra: Obj = {}): Obj {
  return {
    name: 'test',
    attributes: { tier: 'string', ltv: 'number', tags: 'string[]' },
    ...extra,
    rules: [{ id: 'r', conditions, event: { type: 'show-soft-prompt' } }],
  };
}

function issuesOf(json: unknown): readonly Issue[] {
  try {
    loadRuleSet(json);
  } catch (e) {
    if (e instanceof RuleSetError) return e.issues;
    throw e;
  }
  throw new Error('loaded without issues');
}

const C = ['rules', 0, 'conditions'];

describe('loadRuleSet: accepted', () => {
  it('loads rules/default.json', () => {
    const rs = loadRuleSet(JSON.parse(readFileSync('rules/default.json', 'utf8')));
    expect(rs.name).toBe('default');
    expect(rs.id).toMatch(/^default@[0-9a-f]{8}$/);
    expect(rs.rules.map((r) => r.id)).toContain('after-first-order');
  });

  it('accepts every operator on a fact of its type', () => {
    const rs = loadRuleSet(
      withConditions({
        all: [
          leaf('sessionCount', 'equal', 2),
          leaf('sessionCount', 'notEqual', 2),
          leaf('sessionCount', 'in', [1, 2]),
          leaf('sessionCount', 'notIn', [1, 2]),
          leaf('sessionCount', 'lessThan', 2),
          leaf('sessionCount', 'lessThanInclusive', 2),
          leaf('sessionCount', 'greaterThan', 2),
          leaf('sessionCount', 'greaterThanInclusive', 2),
          leaf('attributes', 'contains', 'news', '$.tags'),
          leaf('attributes', 'doesNotContain', 'news', '$.tags'),
          leaf('osVersion', 'versionGreaterThanInclusive', '16.4'),
          leaf('systemPromptAvailable', 'equal', true),
          leaf('keyActions', 'greaterThan', 1, '$.order_placed.count'),
          leaf('keyActions', 'lessThan', 24, '$.order_placed.hoursSinceLast'),
        ],
      }),
    );
    expect(rs.rules).toHaveLength(1);
  });

  it('accepts "all": [] (always), "not" and nesting', () => {
    expect(() =>
      loadRuleSet(withConditions({ any: [{ all: [] }, { not: { any: [leaf('os', 'equal', 'ios')] } }] })),
    ).not.toThrow();
  });

  it('fills in the default policy and priority 1', () => {
    const rs = loadRuleSet(withConditions({ all: [] }));
    expect(rs.policy).toEqual({
      softPrompt: { cooldownDays: [3, 7, 30], maxShows: 3, maxPerSession: 1 },
      settingsLink: { cooldownDays: [30], maxShows: 2, maxPerSession: 1 },
      quietHours: null,
    });
    expect(rs.rules[0]?.priority).toBe(1);
  });
});

describe('loadRuleSet: each kind of issue with its path and code', () => {
  it.each([
    [
      'unknown fact, with a suggestion',
      leaf('sesionCount', 'equal', 1),
      'fact',
      'unknown-fact',
      /did you mean "sessionCount"/,
    ],
    [
      'unknown operator, with a suggestion',
      leaf('sessionCount', 'equals', 1),
      'operator',
      'unknown-operator',
      /did you mean "equal"/,
    ],
    [
      'operator not allowed for a number',
      leaf('sessionCount', 'contains', 1),
      'operator',
      'operator-not-allowed',
      /sessionCount/,
    ],
    [
      'operator not allowed for a boolean',
      leaf('previouslyGranted', 'greaterThan', 0),
      'operator',
      'operator-not-allowed',
      /boolean/,
    ],
    [
      'numeric comparison on a version',
      leaf('osVersion', 'greaterThan', 16),
      'operator',
      'operator-not-allowed',
      /version/,
    ],
    ['a string for a number fact', leaf('sessionCount', 'equal', '2'), 'value', 'invalid-type', /number/],
    ['a number for a string fact', leaf('trigger', 'equal', 1), 'value', 'invalid-type', /string/],
    ['a list for equal', leaf('trigger', 'equal', ['a']), 'value', 'invalid-type', /list/],
    ['a scalar for in', leaf('trigger', 'in', 'order_placed'), 'value', 'invalid-type', /list/],
    ['an enum typo', leaf('os', 'equal', 'andriod'), 'value', 'invalid-value', /did you mean "android"/],
    [
      'a version that is not one',
      leaf('osVersion', 'versionLessThan', '16.x'),
      'value',
      'invalid-value',
      /version/,
    ],
    [
      'a fact reference as value',
      leaf('sessionCount', 'equal', { fact: 'softPromptShows' }),
      'value',
      'invalid-type',
      /literal/,
    ],
    ['null as value', leaf('sessionCount', 'equal', null), 'value', 'invalid-type', /null/],
  ])('%s', (_name, condition, field, code, message) => {
    const issues = issuesOf(withConditions({ all: [condition] }));
    expect(issues).toEqual([expect.objectContaining({ path: [...C, 'all', 0, field], code })]);
    expect(issues[0]?.message).toMatch(message);
  });

  it('a wrong element inside an "in" list, at its index', () => {
    const issues = issuesOf(withConditions({ all: [leaf('browser', 'in', ['chrome', 'crome', 3])] }));
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [[...C, 'all', 0, 'value', 1], 'invalid-value'],
      [[...C, 'all', 0, 'value', 2], 'invalid-type'],
    ]);
  });

  it.each([
    ['recursive descent', 'keyActions', '$..count'],
    ['an index', 'keyActions', '$[0]'],
    ['a filter', 'keyActions', '$.a[?(@.b)]'],
    ['a wildcard', 'keyActions', '$.*.count'],
    ['bracket notation', 'keyActions', "$['order_placed'].count"],
    ['no $ prefix', 'keyActions', 'order_placed.count'],
    ['a field keyActions do not have', 'keyActions', '$.order_placed.total'],
    ['no field at all', 'keyActions', '$.order_placed'],
    ['a script filter on an attribute', 'attributes', '$[?(@.constructor)]'],
    ['a nested attribute path', 'attributes', '$.tier.name'],
  ])('refuses a path with %s', (_name, fact, path) => {
    const issues = issuesOf(withConditions({ all: [leaf(fact, 'equal', 1, path)] }));
    expect(issues).toEqual([
      expect.objectContaining({ path: [...C, 'all', 0, 'path'], code: 'invalid-path' }),
    ]);
  });

  it('refuses a path on a fact that has no fields', () => {
    const issues = issuesOf(withConditions({ all: [leaf('sessionCount', 'equal', 1, '$.value')] }));
    expect(issues).toEqual([
      expect.objectContaining({ path: [...C, 'all', 0, 'path'], code: 'invalid-path' }),
    ]);
  });

  it('requires a path on keyActions and attributes', () => {
    const issues = issuesOf(
      withConditions({ all: [leaf('keyActions', 'equal', 1), leaf('attributes', 'equal', 'x')] }),
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [[...C, 'all', 0, 'path'], 'missing'],
      [[...C, 'all', 1, 'path'], 'missing'],
    ]);
  });

  it('refuses an undeclared attribute, suggesting a declared one', () => {
    const issues = issuesOf(withConditions({ all: [leaf('attributes', 'equal', 'gold', '$.teir')] }));
    expect(issues).toEqual([
      expect.objectContaining({ path: [...C, 'all', 0, 'path'], code: 'undeclared-attribute' }),
    ]);
    expect(issues[0]?.message).toMatch(/did you mean "tier"/);
  });

  it('types an attribute by its declaration', () => {
    const issues = issuesOf(withConditions({ all: [leaf('attributes', 'greaterThan', 'big', '$.ltv')] }));
    expect(issues).toEqual([
      expect.objectContaining({ path: [...C, 'all', 0, 'value'], code: 'invalid-type' }),
    ]);
  });

  it('refuses an unknown key in a condition ("valeu")', () => {
    const issues = issuesOf(withConditions({ all: [{ fact: 'sessionCount', operator: 'equal', valeu: 2 }] }));
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [[...C, 'all', 0, 'valeu'], 'unknown-key'],
      [[...C, 'all', 0, 'value'], 'missing'],
    ]);
    expect(issues[0]?.message).toMatch(/did you mean "value"/);
  });

  it('suggests through swapped letters, the commonest typo', () => {
    const issues = issuesOf(
      withConditions({ all: [leaf('os', 'equal', 'iso'), leaf('trigegr', 'equal', 'x')] }),
    );
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/did you mean "ios"/),
      expect.stringMatching(/did you mean "trigger"/),
    ]);
  });

  it('refuses unknown keys in a rule, an event and the envelope, with suggestions', () => {
    const json = {
      name: 'test',
      rule: [],
      rules: [{ id: 'r', prority: 5, conditions: { all: [] }, event: { type: 'wait', parms: {} } }],
    };
    const issues = issuesOf(json);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [['rule'], 'unknown-key'],
      [['rules', 0, 'prority'], 'unknown-key'],
      [['rules', 0, 'event', 'parms'], 'unknown-key'],
    ]);
    expect(issues[0]?.message).toMatch(/did you mean "rules"/);
    expect(issues[1]?.message).toMatch(/did you mean "priority"/);
    expect(issues[2]?.message).toMatch(/did you mean "params"/);
  });

  it('refuses a duplicate rule id at the second one', () => {
    const rule = { id: 'same', conditions: { all: [] }, event: { type: 'wait' } };
    const issues = issuesOf({ name: 'test', rules: [rule, { ...rule, id: 'other' }, rule] });
    expect(issues).toEqual([expect.objectContaining({ path: ['rules', 2, 'id'], code: 'duplicate-id' })]);
    expect(issues[0]?.message).toMatch(/rules\[0\]/);
  });

  it('refuses "any": [] at any depth', () => {
    expect(issuesOf(withConditions({ any: [] }))).toEqual([
      expect.objectContaining({ path: [...C, 'any'], code: 'empty-any' }),
    ]);
    expect(issuesOf(withConditions({ all: [{ not: { any: [] } }] }))).toEqual([
      expect.objectContaining({ path: [...C, 'all', 0, 'not', 'any'], code: 'empty-any' }),
    ]);
  });

  it.each([
    ['a leaf', leaf('os', 'equal', 'ios')],
    ['a list', [leaf('os', 'equal', 'ios')]],
    ['an empty object', {}],
    ['null', null],
  ])('refuses %s as the root of conditions', (_name, conditions) => {
    expect(issuesOf(withConditions(conditions))).toEqual([
      expect.objectContaining({ path: C, code: 'invalid-type' }),
    ]);
  });

  it('refuses "all" and "any" in one object', () => {
    expect(issuesOf(withConditions({ all: [], any: [leaf('os', 'equal', 'ios')] }))).toEqual([
      expect.objectContaining({ path: C, code: 'invalid-value' }),
    ]);
  });

  it('refuses __proto__, constructor and prototype keys anywhere, with their paths', () => {
    const text = `{
      "name": "test",
      "prototype": 1,
      "rules": [{
        "id": "r",
        "conditions": { "all": [], "constructor": { "name": "x" } },
        "event": { "type": "show-soft-prompt", "params": { "variant": "a", "__proto__": { "polluted": true } } }
      }]
    }`;
    const issues = issuesOf(JSON.parse(text));
    expect(issues.filter((i) => i.code === 'forbidden-key').map((i) => i.path)).toEqual([
      ['prototype'],
      ['rules', 0, 'conditions', 'constructor'],
      ['rules', 0, 'event', 'params', '__proto__'],
    ]);
    expect(({} as Obj).polluted).toBeUndefined();
  });

  it.each([
    ['name missing', { rules: [] }, ['name'], 'missing'],
    ['name with spaces', { name: 'my rules', rules: [] }, ['name'], 'invalid-value'],
    ['rules missing', { name: 'x' }, ['rules'], 'missing'],
    ['rules not a list', { name: 'x', rules: {} }, ['rules'], 'invalid-type'],
    ['a rule not an object', { name: 'x', rules: [1] }, ['rules', 0], 'invalid-type'],
    [
      'rule id missing',
      { name: 'x', rules: [{ conditions: { all: [] }, event: { type: 'wait' } }] },
      ['rules', 0, 'id'],
      'missing',
    ],
    [
      'priority 0',
      { name: 'x', rules: [{ id: 'r', priority: 0, conditions: { all: [] }, event: { type: 'wait' } }] },
      ['rules', 0, 'priority'],
      'invalid-value',
    ],
    [
      'fractional priority',
      { name: 'x', rules: [{ id: 'r', priority: 1.5, conditions: { all: [] }, event: { type: 'wait' } }] },
      ['rules', 0, 'priority'],
      'invalid-value',
    ],
    [
      'event missing',
      { name: 'x', rules: [{ id: 'r', conditions: { all: [] } }] },
      ['rules', 0, 'event'],
      'missing',
    ],
    [
      'event type unknown',
      { name: 'x', rules: [{ id: 'r', conditions: { all: [] }, event: { type: 'show-soft-promt' } }] },
      ['rules', 0, 'event', 'type'],
      'invalid-value',
    ],
    [
      'params not an object',
      { name: 'x', rules: [{ id: 'r', conditions: { all: [] }, event: { type: 'wait', params: 'v' } }] },
      ['rules', 0, 'event', 'params'],
      'invalid-type',
    ],
    [
      'attribute type unknown',
      { name: 'x', attributes: { tier: 'text' }, rules: [] },
      ['attributes', 'tier'],
      'invalid-value',
    ],
    [
      'policy maxShows a string',
      { name: 'x', policy: { softPrompt: { maxShows: '3' } }, rules: [] },
      ['policy', 'softPrompt', 'maxShows'],
      'invalid-type',
    ],
    [
      'policy key typo',
      { name: 'x', policy: { softPrompt: { cooldown: [3] } }, rules: [] },
      ['policy', 'softPrompt', 'cooldown'],
      'unknown-key',
    ],
    [
      'quiet hour 24',
      { name: 'x', policy: { quietHours: { from: 24, to: 8 } }, rules: [] },
      ['policy', 'quietHours', 'from'],
      'invalid-value',
    ],
    [
      'quiet hours from = to',
      { name: 'x', policy: { quietHours: { from: 8, to: 8 } }, rules: [] },
      ['policy', 'quietHours'],
      'invalid-value',
    ],
    [
      'quiet hours without to',
      { name: 'x', policy: { quietHours: { from: 22 } }, rules: [] },
      ['policy', 'quietHours', 'to'],
      'missing',
    ],
    [
      'negative cooldown',
      { name: 'x', policy: { settingsLink: { cooldownDays: [-1] } }, rules: [] },
      ['policy', 'settingsLink', 'cooldownDays', 0],
      'invalid-value',
    ],
  ])('%s', (_name, json, path, code) => {
    expect(issuesOf(json)).toEqual([expect.objectContaining({ path, code })]);
  });

  it('reports every issue of a file at once', () => {
    const json = {
      name: 'bad',
      valeu: 1,
      policy: { softPrompt: { maxShows: -1 } },
      rules: [
        {
          id: 'a',
          conditions: { all: [leaf('sesionCount', 'equal', 1), leaf('os', 'equal', 'iso')] },
          event: { type: 'wait' },
        },
        { id: 'a', conditions: { any: [] }, event: { type: 'nope' } },
        {
          id: 'b',
          conditions: { all: [leaf('attributes', 'equal', 1, '$.segment')] },
          event: { type: 'wait' },
        },
      ],
    };
    expect(issuesOf(json).map((i) => [i.path.join('.'), i.code])).toEqual([
      ['valeu', 'unknown-key'],
      ['policy.softPrompt.maxShows', 'invalid-value'],
      ['rules.0.conditions.all.0.fact', 'unknown-fact'],
      ['rules.0.conditions.all.1.value', 'invalid-value'],
      ['rules.1.id', 'duplicate-id'],
      ['rules.1.conditions.any', 'empty-any'],
      ['rules.1.event.type', 'invalid-value'],
      ['rules.2.conditions.all.0.path', 'undeclared-attribute'],
    ]);
  });

  it('RuleSetError lists the paths in its message', () => {
    let caught: unknown;
    try {
      loadRuleSet(withConditions({ any: [] }));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RuleSetError);
    expect((caught as RuleSetError).code).toBe('invalid-rule-set');
    expect((caught as RuleSetError).message).toContain('$.rules[0].conditions.any');
  });
});

describe('loadRuleSet: limits', () => {
  const L = LIMITS.ruleSet;

  function nested(depth: number): Obj {
    let c: Obj = { all: [leaf('os', 'equal', 'ios')] };
    for (let i = 1; i < depth; i++) c = { not: c };
    return c;
  }

  it('accepts nesting up to the limit and refuses one more', () => {
    expect(() => loadRuleSet(withConditions(nested(L.maxDepth)))).not.toThrow();
    const issues = issuesOf(withConditions(nested(L.maxDepth + 1)));
    expect(issues.map((i) => i.code)).toEqual(['limit-exceeded']);
  });

  it('10,000 levels deep is an issue, never a stack overflow', () => {
    const issues = issuesOf(withConditions(nested(10_000)));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.code === 'limit-exceeded')).toBe(true);
  });

  it('refuses an "in" list past the limit', () => {
    const list = Array.from({ length: L.maxListLength + 1 }, (_, i) => i);
    expect(issuesOf(withConditions({ all: [leaf('sessionCount', 'in', list)] }))).toEqual([
      expect.objectContaining({ path: [...C, 'all', 0, 'value'], code: 'limit-exceeded' }),
    ]);
  });

  it('refuses more conditions in one rule than the limit', () => {
    const all = Array.from({ length: L.maxConditionsPerRule + 1 }, () => leaf('sessionCount', 'equal', 1));
    expect(issuesOf(withConditions({ all }))).toEqual([
      expect.objectContaining({ path: C, code: 'limit-exceeded' }),
    ]);
  });

  it('refuses strings past the limit', () => {
    const long = 'x'.repeat(L.maxStringLength + 1);
    expect(issuesOf(withConditions({ all: [leaf('trigger', 'equal', long)] }))).toEqual([
      expect.objectContaining({ path: [...C, 'all', 0, 'value'], code: 'limit-exceeded' }),
    ]);
  });

  it('refuses more attributes than the limit', () => {
    const attributes = Object.fromEntries(
      Array.from({ length: L.maxAttributes + 1 }, (_, i) => [`a${i}`, 'string']),
    );
    expect(issuesOf({ name: 'x', attributes, rules: [] })).toEqual([
      expect.objectContaining({ path: ['attributes'], code: 'limit-exceeded' }),
    ]);
  });

  it('refuses params nested past the limit', () => {
    let params: Obj = { v: 1 };
    for (let i = 0; i < L.maxParamsDepth; i++) params = { p: params };
    const json = {
      name: 'x',
      rules: [{ id: 'r', conditions: { all: [] }, event: { type: 'wait', params } }],
    };
    expect(issuesOf(json)).toEqual([
      expect.objectContaining({ path: ['rules', 0, 'event', 'params'], code: 'limit-exceeded' }),
    ]);
  });
});

describe('a loaded rule set', () => {
  const ctx = {
    now: '2026-03-10T12:00:00Z',
    platform: { os: 'ios' },
    permission: 'not-determined',
    sessions: { count: 3 },
    trigger: 'order_placed',
  };

  it('is deeply frozen', () => {
    const rs = loadRuleSet(JSON.parse(readFileSync('rules/default.json', 'utf8')));
    for (const v of [
      rs,
      rs.rules,
      rs.rules[0],
      rs.rules[0]?.conditions,
      rs.rules[0]?.event,
      rs.policy,
      rs.policy.softPrompt,
      rs.source,
    ]) {
      expect(Object.isFrozen(v)).toBe(true);
    }
    expect(() => {
      (rs.policy.softPrompt as { maxShows: number }).maxShows = 99;
    }).toThrow(TypeError);
  });

  it('does not change when the caller mutates the input JSON afterwards', () => {
    const json = JSON.parse(readFileSync('rules/default.json', 'utf8'));
    const decider = createDecider(json);
    const before = decider.decideUnknown(ctx);

    json.name = 'changed';
    json.policy.softPrompt.maxShows = 0;
    json.rules[2].event.type = 'wait';
    json.rules[2].event.params.variant = 'hacked';
    json.rules[2].conditions.all[0].value = 'nothing';
    json.rules.reverse();

    expect(decider.decideUnknown(ctx)).toEqual(before);
    expect(before).toMatchObject({
      action: 'show-soft-prompt',
      ruleId: 'after-first-order',
      params: { variant: 'order-updates' },
    });
  });

  it('names itself name@hash, the hash of the content, not of key order', () => {
    const a = loadRuleSet({
      name: 'n',
      rules: [{ id: 'r', conditions: { all: [] }, event: { type: 'wait' } }],
    });
    const b = loadRuleSet({
      rules: [{ event: { type: 'wait' }, conditions: { all: [] }, id: 'r' }],
      name: 'n',
    });
    const c = loadRuleSet({
      name: 'n',
      rules: [{ id: 'r', priority: 2, conditions: { all: [] }, event: { type: 'wait' } }],
    });
    expect(a.id).toMatch(/^n@[0-9a-f]{8}$/);
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
  });

  it('leaves the $schema editor hint out of the hash (a release bump keeps every hash)', () => {
    const rules = [{ id: 'r', conditions: { all: [] }, event: { type: 'wait' } }];
    const a = loadRuleSet({
      $schema: 'https://unpkg.com/push-prompt-engine@1.0.0/rules/rule-set.schema.json',
      name: 'n',
      rules,
    });
    const b = loadRuleSet({ $schema: './rule-set.schema.json', name: 'n', rules });
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(loadRuleSet({ name: 'n', rules }).id);
    expect(a.source).toHaveProperty('$schema');
  });

  it('orders by priority, ties going to the earlier rule in the file', () => {
    const rule = (id: string, priority?: number): Obj => ({
      id,
      ...(priority !== undefined && { priority }),
      conditions: { all: [] },
      event: { type: 'show-soft-prompt', params: { variant: id } },
    });
    const d1 = createDecider({ name: 't', rules: [rule('first', 5), rule('second', 5)] }).decideUnknown(ctx);
    const d2 = createDecider({ name: 't', rules: [rule('second', 5), rule('first', 5)] }).decideUnknown(ctx);
    const d3 = createDecider({ name: 't', rules: [rule('low'), rule('high', 2)] }).decideUnknown(ctx);
    expect([d1, d2, d3].map((d) => ('ruleId' in d ? d.ruleId : null))).toEqual(['first', 'second', 'high']);
  });
});

describe('loadRuleSet: typed params', () => {
  it('refuses a variant that is not a string, at its path', () => {
    const issues = issuesOf({
      name: 'x',
      rules: [
        { id: 'r', conditions: { all: [] }, event: { type: 'show-soft-prompt', params: { variant: 3 } } },
      ],
    });
    expect(issues).toEqual([
      expect.objectContaining({ path: ['rules', 0, 'event', 'params', 'variant'], code: 'invalid-type' }),
    ]);
  });

  it('hands a string variant back typed as a string', () => {
    const rs = loadRuleSet({
      name: 'x',
      rules: [
        { id: 'r', conditions: { all: [] }, event: { type: 'show-soft-prompt', params: { variant: 'v' } } },
      ],
    });
    const variant: string | undefined = rs.rules[0]?.event.params?.variant;
    expect(variant).toBe('v');
  });
});
