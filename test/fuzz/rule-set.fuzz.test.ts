/**
 * Fuzzing the loader: valid generated rule sets and the same rule sets mutated (keys
 * renamed, values swapped for other JSON, fields deleted, deep nesting, duplicates),
 * plus arbitrary JSON. `loadRuleSet` either returns or throws RuleSetError with
 * well-formed issues; a loaded rule set decides validly for generated contexts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecider, loadRuleSet, loadRuleSetText, type RuleSet, RuleSetError } from '../../src/index.js';
import { contextArb, ruleSetArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';
import { expectValidDecision, expectValidIssue } from './decision.js';
import { type Json, mutate, mutationArb } from './mutate.js';
import { fuzzRuns } from './runs.js';

const seed = propertySeed('fuzz/rule-set');
const RUNS = fuzzRuns(300);

/** Loads, asserting the only possible failure is a RuleSetError with valid issues. */
function loadOrIssues(load: () => RuleSet): RuleSet | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const i of error.issues) expectValidIssue(i);
    return undefined;
  }
}

describe('fuzz: rule sets', () => {
  it('mutated rule sets load or throw RuleSetError; loaded ones decide validly', () => {
    let loaded = 0;
    fc.assert(
      fc.property(
        ruleSetArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        contextArb,
        (valid, mutations, context) => {
          const doc = mutate(valid as Json, mutations);
          const rs = loadOrIssues(() => loadRuleSet(doc));
          if (rs === undefined) return;
          loaded++;
          const decider = createDecider(rs);
          expectValidDecision(decider.decideUnknown(context), rs.id);
          expectValidDecision(decider.decideUnknown(context, { explain: true }), rs.id);
        },
      ),
      runOptions(seed, RUNS),
    );
    // Some mutations leave a valid rule set (a renamed description, a duplicated rule…).
    expect(loaded).toBeGreaterThan(0);
  });

  it('valid generated rule sets always load', () => {
    fc.assert(
      fc.property(ruleSetArb, (valid) => {
        expect(() => loadRuleSet(valid)).not.toThrow();
      }),
      runOptions(seed, Math.ceil(RUNS / 3)),
    );
  });

  it('arbitrary JSON and arbitrary text: RuleSetError, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), fc.string(), (value, text) => {
        loadOrIssues(() => loadRuleSet(value));
        loadOrIssues(() => loadRuleSetText(text));
      }),
      runOptions(seed, RUNS),
    );
  });

  it('mutated rule-set text (characters inserted, deleted, replaced) fails only with RuleSetError', () => {
    fc.assert(
      fc.property(
        ruleSetArb,
        fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 8 }), insert: fc.string({ maxLength: 4 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        (valid, edits) => {
          let text = JSON.stringify(valid, null, 1);
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
          }
          loadOrIssues(() => loadRuleSetText(text));
        },
      ),
      runOptions(seed, RUNS),
    );
  });
});
