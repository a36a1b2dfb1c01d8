import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LintWarning, lintRuleSet } from '../src/authoring/lint/lint.js';
import { createDecider, loadRuleSet, safeParseContext } from '../src/index.js';
import { contextArb, ruleSetArb } from './support/arbitraries.js';
import { inHoldout } from './support/experiments.js';
import { propertySeed, runOptions } from './support/seed.js';

type J = Record<string, unknown>;
const leaf = (fact: string, operator: string, value: unknown, path?: string) =>
  path === undefined ? { fact, operator, value } : { fact, path, operator, value };
const rule = (id: string, priority: number, all: J[], type = 'show-soft-prompt', params?: J) => ({
  id,
  priority,
  conditions: { all },
  event: params ? { type, params } : { type },
});
const firstSessionWait = rule('first', 900, [leaf('sessionCount', 'lessThan', 2)], 'wait');
const lint = (rules: J[], extra: J = {}): LintWarning[] =>
  lintRuleSet(loadRuleSet({ name: 't', rules: [firstSessionWait, ...rules], ...extra }));
const codes = (ws: LintWarning[]) => ws.map((w) => `${w.code}:${w.ruleId ?? ''}`);

describe('lint: rules that can never fire', () => {
  it('finds a rule shadowed by a higher wait rule whose conditions it implies', () => {
    const ws = lint([
      rule('mid-task', 500, [leaf('trigger', 'in', ['checkout', 'payment'])], 'wait'),
      rule('at-checkout', 100, [
        leaf('trigger', 'equal', 'checkout'),
        leaf('sessionCount', 'greaterThan', 3),
      ]),
    ]);
    expect(codes(ws)).toEqual(['shadowed:at-checkout']);
    expect(ws[0]?.path).toEqual(['rules', 2, 'id']);
    expect(ws[0]?.message).toContain('"mid-task" (priority 500)');
  });

  it('treats whole-number facts as whole numbers (> 1 implies >= 2) and ties by file order', () => {
    const ws = lint([
      rule('a', 100, [leaf('trigger', 'equal', 'x'), leaf('sessionCount', 'greaterThanInclusive', 2)]),
      rule('b', 100, [leaf('trigger', 'equal', 'x'), leaf('sessionCount', 'greaterThan', 1)]),
    ]);
    expect(codes(ws)).toEqual(['shadowed:b']);
  });

  it('does not call a rule shadowed by a higher rule of another kind (guardrails can hold that one back)', () => {
    const ws = lint([
      rule('ask', 100, [leaf('trigger', 'equal', 'order')]),
      rule(
        'link',
        50,
        [leaf('trigger', 'equal', 'order'), leaf('systemPromptAvailable', 'equal', false)],
        'show-settings-link',
      ),
    ]);
    expect(ws).toEqual([]);
  });

  it('does not call a rule shadowed when the higher rule is narrower', () => {
    const ws = lint([
      rule('narrow', 100, [leaf('trigger', 'equal', 'x'), leaf('sessionCount', 'greaterThan', 5)]),
      rule('broad', 50, [leaf('trigger', 'equal', 'x')]),
    ]);
    expect(ws).toEqual([]);
  });

  it('finds contradictory numeric ranges on one fact', () => {
    const ws = lint([
      rule('never', 100, [
        leaf('trigger', 'equal', 'x'),
        leaf('sessionCount', 'lessThan', 2),
        leaf('sessionCount', 'greaterThan', 5),
      ]),
    ]);
    expect(codes(ws)).toEqual(['contradiction:never']);
    expect(ws[0]?.path).toEqual(['rules', 1, 'conditions', 'all', 2]);
    expect(ws[0]?.message).toContain('sessionCount');
  });

  it('finds contradictions between a list and a value, and between whole-number bounds', () => {
    const ws = lint([
      rule('a', 100, [leaf('trigger', 'in', ['x', 'y']), leaf('trigger', 'equal', 'z')]),
      rule('b', 90, [
        leaf('trigger', 'equal', 'q'),
        leaf('sessionCount', 'greaterThan', 2),
        leaf('sessionCount', 'lessThan', 3),
      ]),
      rule('c', 80, [
        leaf('trigger', 'equal', 'q'),
        leaf('daysSinceFirstSeen', 'greaterThan', 2),
        leaf('daysSinceFirstSeen', 'lessThan', 3),
      ]),
    ]);
    // daysSinceFirstSeen is fractional: 2 < d < 3 can hold.
    expect(codes(ws)).toEqual(['contradiction:a', 'contradiction:b']);
  });

  it('finds a settings-link rule that requires systemPromptAvailable true', () => {
    const ws = lint([
      rule(
        'link',
        50,
        [leaf('trigger', 'equal', 'x'), leaf('systemPromptAvailable', 'equal', true)],
        'show-settings-link',
      ),
    ]);
    expect(codes(ws)).toEqual(['never-fires:link']);
    expect(ws[0]?.path).toEqual(['rules', 1, 'conditions', 'all', 1]);
  });

  it('finds a soft-prompt rule that requires systemPromptAvailable false', () => {
    const ws = lint([
      rule('ask', 50, [leaf('trigger', 'equal', 'x'), leaf('systemPromptAvailable', 'notEqual', true)]),
    ]);
    expect(codes(ws)).toEqual(['never-fires:ask']);
  });
});

describe('lint: asking at the wrong time', () => {
  it('warns about a soft prompt that can fire in the first session', () => {
    const ws = lintRuleSet(
      loadRuleSet({ name: 't', rules: [rule('ask', 10, [leaf('trigger', 'equal', 'x')])] }),
    );
    expect(codes(ws)).toEqual(['first-session:ask']);
    expect(ws[0]?.path).toEqual(['rules', 0, 'conditions']);
  });

  it('accepts a sessionCount guard on the rule itself', () => {
    const rules = [rule('ask', 10, [leaf('trigger', 'equal', 'x'), leaf('sessionCount', 'greaterThan', 1)])];
    expect(lintRuleSet(loadRuleSet({ name: 't', rules }))).toEqual([]);
  });

  it('still warns when the first-session wait rule has a lower priority', () => {
    const rules = [rule('ask', 1000, [leaf('trigger', 'equal', 'x')]), firstSessionWait];
    expect(codes(lintRuleSet(loadRuleSet({ name: 't', rules })))).toEqual(['first-session:ask']);
  });

  it('accepts a first-session ask that answers an explicit request (params.userInitiated: true)', () => {
    const asked = rule(
      'notify-me',
      1000,
      [leaf('trigger', 'equal', 'notify_me_clicked')],
      'show-soft-prompt',
      {
        userInitiated: true,
      },
    );
    expect(lintRuleSet(loadRuleSet({ name: 't', rules: [asked, firstSessionWait] }))).toEqual([]);
    const notMarked = rule(
      'notify-me',
      1000,
      [leaf('trigger', 'equal', 'notify_me_clicked')],
      'show-soft-prompt',
      {
        userInitiated: 'yes',
      },
    );
    expect(codes(lintRuleSet(loadRuleSet({ name: 't', rules: [notMarked, firstSessionWait] })))).toEqual([
      'first-session:notify-me',
    ]);
  });

  it('warns about a soft prompt with no trigger or keyActions condition', () => {
    const ws = lint([rule('anytime', 10, [leaf('sessionCount', 'greaterThanInclusive', 3)])]);
    expect(codes(ws)).toEqual(['no-moment:anytime']);
    const ok = lint([rule('k', 10, [leaf('keyActions', 'greaterThanInclusive', 3, '$.article_read.count')])]);
    expect(ok).toEqual([]);
  });
});

describe('lint: catalogs and policy', () => {
  it('warns about a variant the rule set does not declare', () => {
    const ws = lint(
      [rule('ask', 10, [leaf('trigger', 'equal', 'x')], 'show-soft-prompt', { variant: 'ordr-updates' })],
      {
        variants: { 'order-updates': { description: 'After an order' } },
      },
    );
    expect(codes(ws)).toEqual(['unknown-variant:ask']);
    expect(ws[0]?.path).toEqual(['rules', 1, 'event', 'params', 'variant']);
  });

  it('does not check variants when the rule set declares no catalog', () => {
    expect(
      lint([rule('ask', 10, [leaf('trigger', 'equal', 'x')], 'show-soft-prompt', { variant: 'v' })]),
    ).toEqual([]);
  });

  it('warns about cooldowns shorter than a day', () => {
    const ws = lint([], {
      policy: { softPrompt: { cooldownDays: [0.5, 7] }, settingsLink: { cooldownDays: [0] } },
    });
    expect(ws.map((w) => [w.code, w.path])).toEqual([
      ['short-cooldown', ['policy', 'settingsLink', 'cooldownDays', 0]],
      ['short-cooldown', ['policy', 'softPrompt', 'cooldownDays', 0]],
    ]);
  });

  it('finds nothing to say about the default rule set', () => {
    expect(lintRuleSet(loadRuleSet(JSON.parse(readFileSync('rules/default.json', 'utf8'))))).toEqual([]);
  });
});

describe('lint: experiments', () => {
  const PRIMER = {
    arms: { holdout: { weight: 10, holdout: true }, benefit: { weight: 45 }, generic: { weight: 45 } },
  };
  const arm = (operator: string, value: unknown) => leaf('experiment', operator, value, '$.primer-copy');
  const moment = leaf('trigger', 'equal', 'order_placed');
  const withExperiment = (rules: J[], experiments: J = { 'primer-copy': PRIMER }) =>
    lint(rules, { experiments });

  it('warns about a prompt rule that names a holdout arm (equal, or in a list), at the condition', () => {
    const ws = withExperiment([
      rule('holdout-copy', 100, [moment, arm('equal', 'holdout')]),
      rule('mixed', 90, [moment, arm('in', ['benefit', 'holdout'])], 'show-settings-link'),
      rule('fine', 80, [moment, arm('equal', 'benefit')]),
    ]);
    expect(ws.map((w) => [w.code, w.ruleId, w.path])).toEqual([
      ['holdout-prompted', 'holdout-copy', ['rules', 1, 'conditions', 'all', 1]],
      ['holdout-prompted', 'mixed', ['rules', 2, 'conditions', 'all', 1]],
    ]);
    expect(ws[0]?.message).toContain('holdout users are never prompted');
    expect(ws[1]?.message).toContain('show a settings link');
  });

  it('accepts a wait rule for the holdout arm, and a holdout arm excluded (not, notEqual, notIn)', () => {
    expect(
      withExperiment([
        rule('quiet-holdout', 500, [arm('equal', 'holdout')], 'wait'),
        rule('not-holdout', 100, [moment, arm('notEqual', 'holdout')]),
        rule('not-in', 90, [leaf('trigger', 'equal', 'save_item'), arm('notIn', ['holdout'])]),
        {
          ...rule('negated', 80, []),
          conditions: { all: [leaf('trigger', 'equal', 'follow_topic'), { not: arm('equal', 'holdout') }] },
        },
      ]),
    ).toEqual([]);
  });

  it('warns about an experiment no rule reads and without a holdout arm: its arms are indistinguishable', () => {
    const ws = withExperiment([rule('ask', 100, [moment])], {
      copy: { arms: { a: { weight: 1 }, b: { weight: 1 } } },
    });
    expect(ws.map((w) => [w.code, w.path])).toEqual([['unused-experiment', ['experiments', 'copy']]]);
    expect(ws[0]?.message).toContain('exposure is still logged');
  });

  it('accepts a pure holdout experiment that no rule reads (the holdout is the treatment)', () => {
    expect(withExperiment([rule('ask', 100, [moment])])).toEqual([]);
  });

  it('counts a read under not, or by a wait rule, as a read', () => {
    const experiments = { copy: { arms: { a: { weight: 1 }, b: { weight: 1 } } } };
    const a = leaf('experiment', 'equal', 'a', '$.copy');
    expect(withExperiment([rule('w', 500, [a], 'wait'), rule('ask', 100, [moment])], experiments)).toEqual(
      [],
    );
    expect(
      withExperiment([{ ...rule('ask', 100, []), conditions: { all: [moment, { not: a }] } }], experiments),
    ).toEqual([]);
  });
});

describe('lint: soundness over generated rule sets (property)', () => {
  const seed = propertySeed('lint');
  it('a rule the linter says never fires never decides, and a contradictory one never matches', () => {
    let flagged = 0;
    fc.assert(
      fc.property(ruleSetArb, fc.array(contextArb, { minLength: 1, maxLength: 4 }), (json, contexts) => {
        const decider = createDecider(json);
        const warnings = lintRuleSet(decider.ruleSet);
        const never = warnings.filter((w) => ['shadowed', 'contradiction', 'never-fires'].includes(w.code));
        // A rule that names a holdout arm never prompts a user of that arm.
        const holdoutNamed = warnings.filter((w) => w.code === 'holdout-prompted');
        flagged += never.length;
        for (const c of contexts) {
          const d = decider.decideUnknown(c);
          for (const w of holdoutNamed) {
            if (d.reason === 'rule-matched' && d.ruleId === w.ruleId) expect(inHoldout(json, d)).toBe(false);
          }
          for (const w of never) {
            if (d.reason === 'rule-matched') expect(d.ruleId).not.toBe(w.ruleId);
            if (w.code === 'contradiction' && d.reason !== 'invalid-context') {
              const r = safeParseContext(c);
              if (r.success) expect(decider.matchingRules(r.data)).not.toContain(w.ruleId);
            }
          }
        }
      }),
      runOptions(seed, 500),
    );
    // The generator's always-true rules shadow many lower rules: the property is not vacuous.
    expect(flagged).toBeGreaterThan(50);
  });
});
