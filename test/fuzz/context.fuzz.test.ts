/**
 * Fuzzing decide: generated contexts, the same contexts mutated, and arbitrary values.
 * `decide` never throws and always returns a valid Decision for the rule set.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecider } from '../../src/index.js';
import { contextArb, ruleSetArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';
import { expectValidDecision } from './decision.js';
import { type Json, mutate, mutationArb } from './mutate.js';
import { fuzzRuns } from './runs.js';

const seed = propertySeed('fuzz/context');
const RUNS = fuzzRuns(1000);
const defaultDecider = createDecider(JSON.parse(readFileSync('rules/default.json', 'utf8')));

describe('fuzz: contexts', () => {
  it('mutated contexts: a valid Decision from the default rules', () => {
    let invalid = 0;
    fc.assert(
      fc.property(
        contextArb,
        fc.array(mutationArb, { maxLength: 4 }),
        fc.boolean(),
        (valid, mutations, explain) => {
          const ctx = mutate(valid as Json, mutations);
          const d = defaultDecider.decideUnknown(ctx, { explain });
          if (d.reason === 'invalid-context') invalid++;
          expectValidDecision(d, defaultDecider.ruleSet.id);
        },
      ),
      runOptions(seed, RUNS),
    );
    expect(invalid).toBeGreaterThan(0);
    expect(invalid).toBeLessThan(RUNS);
  });

  it('generated rule sets x mutated contexts: a valid Decision', () => {
    fc.assert(
      fc.property(
        ruleSetArb,
        contextArb,
        fc.array(mutationArb, { maxLength: 2 }),
        (rules, valid, mutations) => {
          const decider = createDecider(rules);
          const d = decider.decideUnknown(mutate(valid as Json, mutations));
          expectValidDecision(d, decider.ruleSet.id);
        },
      ),
      runOptions(seed, Math.ceil(RUNS / 4)),
    );
  });

  it('arbitrary values and JSON text through JSON.parse: a valid Decision, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.jsonValue(),
          fc.json().map((t) => JSON.parse(t) as unknown),
        ),
        (v) => {
          expectValidDecision(defaultDecider.decideUnknown(v), defaultDecider.ruleSet.id);
        },
      ),
      runOptions(seed, RUNS),
    );
  });
});
