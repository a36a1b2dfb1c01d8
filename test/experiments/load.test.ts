/**
 * The `experiments` block at load (DESIGN.md section 9): what it accepts, every mistake
 * reported at once with its JSON path and code, the `experiment` fact checked against the
 * declared experiments and arms ("did you mean"), and the rule-set id covering arm order.
 */
import { describe, expect, it } from 'vitest';
import { createDecider, type Issue, LIMITS, loadRuleSet, RuleSetError } from '../../src/index.js';

type Obj = Record<string, unknown>;

const PRIMER: Obj = {
  description: 'Benefit copy vs generic copy, with a 10% never-prompted holdout',
  salt: 'primer-copy-2026-12',
  audience: { all: [{ fact: 'os', operator: 'equal', value: 'ios' }] },
  arms: { holdout: { weight: 10, holdout: true }, benefit: { weight: 45 }, generic: { weight: 45 } },
};

const armRule = (path: string, operator: string, value: unknown): Obj => ({
  id: 'by-arm',
  conditions: { all: [{ fact: 'experiment', path, operator, value }] },
  event: { type: 'show-soft-prompt' },
});

function ruleSet(experiments: unknown, rules: Obj[] = [], extra: Obj = {}): Obj {
  return { name: 'exp', attributes: { tier: 'string' }, experiments, rules, ...extra };
}

function issuesOf(json: unknown): { code: string; path: string; message: string }[] {
  try {
    loadRuleSet(json);
  } catch (e) {
    if (e instanceof RuleSetError)
      return e.issues.map((i: Issue) => ({ code: i.code, path: i.path.join('.'), message: i.message }));
    throw e;
  }
  throw new Error('loaded without issues');
}

const pathsAndCodes = (json: unknown) => issuesOf(json).map((i) => `${i.path} ${i.code}`);

describe('experiments: accepted', () => {
  it('loads the DESIGN example: arms in the order written, salt, audience, description', () => {
    const rs = loadRuleSet(
      ruleSet({ 'primer-copy': PRIMER }, [armRule('$.primer-copy', 'equal', 'benefit')]),
    );
    expect(rs.experiments).toHaveLength(1);
    const e = rs.experiments[0];
    expect(e?.id).toBe('primer-copy');
    expect(e?.salt).toBe('primer-copy-2026-12');
    expect(e?.description).toBe(PRIMER.description);
    expect(e?.audience?.kind).toBe('all');
    expect(e?.arms).toEqual([
      { name: 'holdout', weight: 10, holdout: true },
      { name: 'benefit', weight: 45, holdout: false },
      { name: 'generic', weight: 45, holdout: false },
    ]);
    expect(Object.isFrozen(e?.arms)).toBe(true);
  });

  it('defaults the salt to the id and the audience to everyone; one arm is enough', () => {
    const rs = loadRuleSet(ruleSet({ solo: { arms: { only: { weight: 1 } } } }));
    expect(rs.experiments[0]).toEqual({
      id: 'solo',
      salt: 'solo',
      audience: null,
      arms: [{ name: 'only', weight: 1, holdout: false }],
    });
  });

  it('accepts the experiment fact with equal, notEqual, in and notIn on arm names', () => {
    for (const [op, value] of [
      ['equal', 'benefit'],
      ['notEqual', 'holdout'],
      ['in', ['benefit', 'generic']],
      ['notIn', ['holdout']],
    ] as const) {
      expect(() =>
        loadRuleSet(ruleSet({ 'primer-copy': PRIMER }, [armRule('$.primer-copy', op, value)])),
      ).not.toThrow();
    }
  });

  it('lets an audience read attributes and every other fact', () => {
    const audience = {
      any: [
        { fact: 'attributes', path: '$.tier', operator: 'equal', value: 'gold' },
        { fact: 'sessionCount', operator: 'greaterThanInclusive', value: 2 },
      ],
    };
    expect(
      loadRuleSet(ruleSet({ e: { audience, arms: { a: { weight: 1 } } } })).experiments[0]?.audience,
    ).not.toBeNull();
  });

  it('keeps rule sets without experiments as they were (empty list, same id)', () => {
    const json = { name: 'plain', rules: [] };
    const rs = loadRuleSet(json);
    expect(rs.experiments).toEqual([]);
    expect(loadRuleSet({ ...json, experiments: {} }).experiments).toEqual([]);
  });

  it('gives reordered arms a different id (assignment follows the order written), and equal files the same', () => {
    const a = loadRuleSet(ruleSet({ e: { arms: { x: { weight: 1 }, y: { weight: 1 } } } }));
    const b = loadRuleSet(ruleSet({ e: { arms: { y: { weight: 1 }, x: { weight: 1 } } } }));
    const again = loadRuleSet(ruleSet({ e: { arms: { x: { weight: 1 }, y: { weight: 1 } } } }));
    expect(b.id).not.toBe(a.id);
    expect(again.id).toBe(a.id);
    const two = (first: string, second: string) =>
      loadRuleSet(
        ruleSet({ [first]: { arms: { x: { weight: 1 } } }, [second]: { arms: { x: { weight: 1 } } } }),
      ).id;
    expect(two('e1', 'e2')).not.toBe(two('e2', 'e1'));
  });

  it('is ignored by the json-rules-engine source: the rules are unchanged', () => {
    const rs = loadRuleSet(
      ruleSet({ 'primer-copy': PRIMER }, [armRule('$.primer-copy', 'equal', 'benefit')]),
    );
    expect((rs.source as Obj).experiments).toEqual({ 'primer-copy': PRIMER });
    expect(createDecider(rs).ruleSet.rules.map((r) => r.id)).toEqual(['by-arm']);
  });
});

describe('experiments: refused, every issue with its path and code', () => {
  it('a block that is not an object', () => {
    expect(pathsAndCodes(ruleSet([]))).toEqual(['experiments invalid-type']);
    expect(pathsAndCodes(ruleSet('primer'))).toEqual(['experiments invalid-type']);
  });

  it('ids and arm names that are not plain names (they are path segments)', () => {
    expect(pathsAndCodes(ruleSet({ '1st': { arms: { a: { weight: 1 } } } }))).toEqual([
      'experiments.1st invalid-value',
    ]);
    expect(pathsAndCodes(ruleSet({ 'has space': { arms: { a: { weight: 1 } } } }))).toEqual([
      'experiments.has space invalid-value',
    ]);
    expect(pathsAndCodes(ruleSet({ e: { arms: { 'b.c': { weight: 1 } } } }))).toEqual([
      'experiments.e.arms.b.c invalid-value',
    ]);
  });

  it('prototype keys, as anywhere in a rule set', () => {
    const json = JSON.parse(
      '{"name":"x","rules":[],"experiments":{"e":{"arms":{"__proto__":{"weight":1},"a":{"weight":1}}}}}',
    );
    expect(pathsAndCodes(json)).toEqual(['experiments.e.arms.__proto__ forbidden-key']);
  });

  it('an experiment that is not an object, or without arms', () => {
    expect(pathsAndCodes(ruleSet({ e: 3 }))).toEqual(['experiments.e invalid-type']);
    expect(pathsAndCodes(ruleSet({ e: {} }))).toEqual(['experiments.e.arms missing']);
    expect(pathsAndCodes(ruleSet({ e: { arms: [] } }))).toEqual(['experiments.e.arms invalid-type']);
  });

  it('an empty arm list', () => {
    const issues = issuesOf(ruleSet({ e: { arms: {} } }));
    expect(issues).toEqual([
      { code: 'invalid-value', path: 'experiments.e.arms', message: 'an experiment needs at least one arm' },
    ]);
  });

  it('weights that are not positive whole numbers, a missing weight, a bad holdout flag', () => {
    const arms = {
      zero: { weight: 0 },
      negative: { weight: -1 },
      half: { weight: 1.5 },
      text: { weight: '10' },
      none: {},
      big: { weight: 10_001 },
      flag: { weight: 1, holdout: 'yes' },
    };
    expect(pathsAndCodes(ruleSet({ e: { arms } }))).toEqual([
      'experiments.e.arms.zero.weight invalid-value',
      'experiments.e.arms.negative.weight invalid-value',
      'experiments.e.arms.half.weight invalid-value',
      'experiments.e.arms.text.weight invalid-type',
      'experiments.e.arms.none.weight missing',
      'experiments.e.arms.big.weight invalid-value',
      'experiments.e.arms.flag.holdout invalid-type',
    ]);
  });

  it('weights adding up to more than 10,000', () => {
    const issues = issuesOf(ruleSet({ e: { arms: { a: { weight: 6000 }, b: { weight: 4001 } } } }));
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual(['experiments.e.arms limit-exceeded']);
    expect(issues[0]?.message).toContain('10001');
  });

  it('unknown keys, with "did you mean"', () => {
    const issues = issuesOf(
      ruleSet({ e: { sallt: 'x', arms: { a: { weight: 1, holdot: true } } } }, [], { experiment: {} }),
    );
    expect(issues.map((i) => `${i.path} ${i.code} ${i.message}`)).toEqual([
      'experiment unknown-key unknown key "experiment" (did you mean "experiments"?)',
      'experiments.e.arms.a.holdot unknown-key unknown key "holdot" (did you mean "holdout"?)',
      'experiments.e.sallt unknown-key unknown key "sallt" (did you mean "salt"?)',
    ]);
  });

  it('a salt that is empty or not a string, a description that is not a string', () => {
    expect(pathsAndCodes(ruleSet({ e: { salt: '', description: 1, arms: { a: { weight: 1 } } } }))).toEqual([
      'experiments.e.description invalid-type',
      'experiments.e.salt invalid-value',
    ]);
    expect(pathsAndCodes(ruleSet({ e: { salt: 7, arms: { a: { weight: 1 } } } }))).toEqual([
      'experiments.e.salt invalid-type',
    ]);
  });

  it('an audience validated as conditions: unknown facts, operators, values, undeclared attributes', () => {
    const audience = {
      all: [
        { fact: 'sesionCount', operator: 'equal', value: 2 },
        { fact: 'os', operator: 'equals', value: 'ios' },
        { fact: 'os', operator: 'equal', value: 'ois' },
        { fact: 'attributes', path: '$.plan', operator: 'equal', value: 'pro' },
      ],
    };
    const issues = issuesOf(ruleSet({ e: { audience, arms: { a: { weight: 1 } } } }));
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'experiments.e.audience.all.0.fact unknown-fact',
      'experiments.e.audience.all.1.operator unknown-operator',
      'experiments.e.audience.all.2.value invalid-value',
      'experiments.e.audience.all.3.path undeclared-attribute',
    ]);
    expect(issues[0]?.message).toContain('did you mean "sessionCount"');
    expect(pathsAndCodes(ruleSet({ e: { audience: { any: [] }, arms: { a: { weight: 1 } } } }))).toEqual([
      'experiments.e.audience.any empty-any',
    ]);
  });

  it('an audience that reads the experiment fact (it decides the assignment)', () => {
    const audience = { all: [{ fact: 'experiment', path: '$.other', operator: 'equal', value: 'a' }] };
    const issues = issuesOf(
      ruleSet({ e: { audience, arms: { a: { weight: 1 } } }, other: { arms: { a: { weight: 1 } } } }),
    );
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'experiments.e.audience.all.0.fact invalid-value',
    ]);
    expect(issues[0]?.message).toContain('cannot read the experiment fact');
  });

  it('every mistake at once, across experiments and rules', () => {
    const json = ruleSet({ a: { arms: {} }, b: { arms: { x: { weight: 0 } } } }, [
      armRule('$.c', 'equal', 'x'),
    ]);
    expect(pathsAndCodes(json)).toEqual([
      'experiments.a.arms invalid-value',
      'experiments.b.arms.x.weight invalid-value',
      'rules.0.conditions.all.0.path invalid-path',
    ]);
  });
});

describe('the experiment fact in rules', () => {
  const rs = (rule: Obj) => ruleSet({ 'primer-copy': PRIMER }, [rule]);

  it('an unknown experiment id, with "did you mean" and the declared ids', () => {
    const issues = issuesOf(rs(armRule('$.primer-cpy', 'equal', 'benefit')));
    expect(issues).toEqual([
      {
        code: 'invalid-path',
        path: 'rules.0.conditions.all.0.path',
        message:
          '"primer-cpy" is not an experiment of this rule set (did you mean "primer-copy"?); declared: primer-copy',
      },
    ]);
  });

  it('an experiment id when the rule set declares none', () => {
    const issues = issuesOf(ruleSet(undefined, [armRule('$.primer-copy', 'equal', 'benefit')]));
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual(['rules.0.conditions.all.0.path invalid-path']);
    expect(issues[0]?.message).toContain('declares no "experiments"');
  });

  it('an unknown arm name, with "did you mean" and the arms, also inside in/notIn lists', () => {
    expect(issuesOf(rs(armRule('$.primer-copy', 'equal', 'benfit')))).toEqual([
      {
        code: 'invalid-value',
        path: 'rules.0.conditions.all.0.value',
        message:
          '"benfit" is not an arm of this experiment (did you mean "benefit"?); its arms: holdout, benefit, generic',
      },
    ]);
    expect(pathsAndCodes(rs(armRule('$.primer-copy', 'notIn', ['holdout', 'genric'])))).toEqual([
      'rules.0.conditions.all.0.value.1 invalid-value',
    ]);
  });

  it('a missing or nested path, a number value, an operator that does not apply to arm names', () => {
    expect(
      pathsAndCodes(
        rs({
          ...armRule('$.x', 'equal', 'a'),
          conditions: { all: [{ fact: 'experiment', operator: 'equal', value: 'a' }] },
        }),
      ),
    ).toEqual(['rules.0.conditions.all.0.path missing']);
    expect(pathsAndCodes(rs(armRule('$.primer-copy.arm', 'equal', 'benefit')))).toEqual([
      'rules.0.conditions.all.0.path invalid-path',
    ]);
    expect(pathsAndCodes(rs(armRule('$.primer-copy', 'equal', 3)))).toEqual([
      'rules.0.conditions.all.0.value invalid-type',
    ]);
    expect(pathsAndCodes(rs(armRule('$.primer-copy', 'greaterThan', 'benefit')))).toEqual([
      'rules.0.conditions.all.0.operator operator-not-allowed',
    ]);
  });

  it('no second issue for a rule reading an experiment that has a mistake of its own', () => {
    const json = ruleSet(
      { 'primer-copy': { ...PRIMER, arms: { ...(PRIMER.arms as Obj), generic: { weight: 0 } } } },
      [armRule('$.primer-copy', 'equal', 'generic')],
    );
    expect(pathsAndCodes(json)).toEqual(['experiments.primer-copy.arms.generic.weight invalid-value']);
  });
});

describe('experiment limits', () => {
  const R = LIMITS.ruleSet;
  const arms = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, { weight: 1 }]));

  it(`at most ${R.maxExperiments} experiments`, () => {
    const block = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`e${i}`, { arms: arms(1) }]));
    expect(loadRuleSet(ruleSet(block(R.maxExperiments))).experiments).toHaveLength(R.maxExperiments);
    expect(pathsAndCodes(ruleSet(block(R.maxExperiments + 1)))).toEqual(['experiments limit-exceeded']);
  });

  it(`at most ${R.maxArms} arms per experiment`, () => {
    expect(loadRuleSet(ruleSet({ e: { arms: arms(R.maxArms) } })).experiments[0]?.arms).toHaveLength(
      R.maxArms,
    );
    expect(pathsAndCodes(ruleSet({ e: { arms: arms(R.maxArms + 1) } }))).toEqual([
      'experiments.e.arms limit-exceeded',
    ]);
  });

  it(`weights add up to at most ${R.maxTotalWeight}`, () => {
    expect(() => loadRuleSet(ruleSet({ e: { arms: { a: { weight: R.maxTotalWeight } } } }))).not.toThrow();
    expect(
      pathsAndCodes(ruleSet({ e: { arms: { a: { weight: R.maxTotalWeight }, b: { weight: 1 } } } })),
    ).toEqual(['experiments.e.arms limit-exceeded']);
  });
});
