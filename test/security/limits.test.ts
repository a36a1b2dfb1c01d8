/**
 * Every documented limit is enforced: a document exactly at the limit is accepted, one
 * step past it is refused with `limit-exceeded` (rule sets) or `invalid-context`
 * (contexts) at the offending path. The wall time of each is printed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDecider, LIMITS, loadRuleSet, loadRuleSetText, RuleSetError } from '../../src/index.js';
import { CONTEXT_CASES, countChars, countNodes, RULE_SET_CASES } from './limit-cases.js';
import {
  defaultDecider,
  guarded,
  invalidIssues,
  timed,
  usePrototypeGuard,
  useTimingReport,
} from './support.js';

usePrototypeGuard();
useTimingReport('limits');

function load(input: unknown, text: boolean) {
  return text ? loadRuleSetText(input as string) : loadRuleSet(input);
}

describe('rule-set limits (at load)', () => {
  it.each(RULE_SET_CASES.map((c) => [c.limit, c] as const))('%s: at the limit loads', (_, c) => {
    const input = c.build(false);
    const { result } = timed(`load at ${c.limit} = ${c.value}`, () =>
      guarded([input], () => load(input, !!c.text)),
    );
    expect(result.rules.length).toBeGreaterThan(0);
    const decider = createDecider(result);
    const d = timed(`decide at ${c.limit}`, () => decider.decideUnknown(contextForLimits())).result;
    expect(d.ruleSet).toBe(result.id);
  });

  it.each(RULE_SET_CASES.map((c) => [c.limit, c] as const))('%s: one past it is refused', (_, c) => {
    const input = c.build(true);
    const { result: error } = timed(`refuse ${c.limit} + 1`, () =>
      guarded([input], () => {
        try {
          load(input, !!c.text);
        } catch (e) {
          return e;
        }
        return undefined;
      }),
    );
    expect(error).toBeInstanceOf(RuleSetError);
    const issues = (error as RuleSetError).issues;
    const limit = issues.filter((i) => i.code === 'limit-exceeded');
    expect(limit.length, JSON.stringify(issues.slice(0, 3))).toBeGreaterThanOrEqual(1);
    const path = (limit[0] as { path: readonly (string | number)[] }).path;
    if (c.pathIsPrefix) expect(path.slice(0, c.overPath.length)).toEqual(c.overPath);
    else expect(path).toEqual(c.overPath);
  });

  it('the builders sit exactly on the limits they claim', () => {
    const nodes = RULE_SET_CASES.find((c) => c.limit === 'ruleSet.maxNodes');
    expect(countNodes(nodes?.build(false))).toBe(LIMITS.ruleSet.maxNodes);
    const chars = RULE_SET_CASES.find((c) => c.limit.startsWith('ruleSet.maxFileChars (strings'));
    expect(countChars(chars?.build(false))).toBe(LIMITS.ruleSet.maxFileChars);
    const text = RULE_SET_CASES.find((c) => c.text);
    expect(String(text?.build(false)).length).toBe(LIMITS.ruleSet.maxFileChars);
  });
});

describe('context limits (at evaluation)', () => {
  it.each(CONTEXT_CASES.map((c) => [c.limit, c] as const))('%s: at the limit decides', (_, c) => {
    const decider = defaultDecider();
    const input = c.build(false);
    const { result } = timed(`decide at ${c.limit} = ${c.value}`, () =>
      guarded([input], () => decider.decideUnknown(input)),
    );
    expect(result.reason, JSON.stringify(result).slice(0, 300)).not.toBe('invalid-context');
  });

  it.each(CONTEXT_CASES.map((c) => [c.limit, c] as const))('%s: one past it is invalid-context', (_, c) => {
    const decider = defaultDecider();
    const input = c.build(true);
    const { result } = timed(`refuse ${c.limit} + 1`, () =>
      guarded([input], () => decider.decideUnknown(input)),
    );
    const issues = invalidIssues(result);
    expect(issues.length).toBeGreaterThanOrEqual(1);
    const issue = issues[0] as { code: string; path: readonly (string | number)[] };
    expect(issue.code).toBe(c.overCode);
    if (c.pathIsPrefix) expect(issue.path.slice(0, c.overPath.length)).toEqual(c.overPath);
    else expect(issue.path).toEqual(c.overPath);
  });

  it('the builders sit exactly on the limits they claim', () => {
    const nodes = CONTEXT_CASES.find((c) => c.limit === 'context.maxNodes');
    expect(countNodes(nodes?.build(false))).toBe(LIMITS.context.maxNodes);
    const chars = CONTEXT_CASES.find((c) => c.limit === 'context.maxChars');
    expect(countChars(chars?.build(false))).toBe(LIMITS.context.maxChars);
  });
});

/** A context the generated rule sets (sessionCount rules) all evaluate. */
function contextForLimits() {
  return {
    now: '2026-03-01T12:00:00Z',
    userId: 'u-42',
    platform: { os: 'android', apiLevel: 34 },
    permission: 'not-determined',
    sessions: { count: 5 },
  };
}

describe('docs/security.md', () => {
  it('states every limit with its current value', () => {
    const doc = readFileSync('docs/security.md', 'utf8');
    const section = (title: string) =>
      doc.slice(doc.indexOf(title), doc.indexOf('\n### ', doc.indexOf(title) + 1));
    const tables = { ruleSet: section('### Rule sets'), context: section('### Contexts') };
    for (const group of ['ruleSet', 'context'] as const) {
      for (const [key, value] of Object.entries(LIMITS[group])) {
        const row = tables[group].split('\n').find((l) => new RegExp(`^\\| +\`${key}\``).test(l));
        expect(row, `${group}.${key}`).toBeDefined();
        expect(row, `${group}.${key}`).toMatch(new RegExp(`\\| +${value.toLocaleString('en-US')} +\\|`));
      }
    }
  });
});
