/**
 * DESIGN.md section 9 as properties, over generated rule sets with experiments (arms,
 * holdouts, salts, audiences, rules reading the experiment fact) and generated contexts:
 *
 * - a user in a holdout arm is never prompted, in decide, decideParsed and explain, like
 *   invariant 1 (and the wait says `holdout` when a prompt rule was held back for it);
 * - the assignments a decision lists are exactly what (salt, userId) give through the
 *   exported, golden-vector-checked assignment functions, in file order, and only for users
 *   with a userId (audiences are checked against json-rules-engine in test/differential);
 * - assignment depends on nothing else: not the platform, the time, the rest of the
 *   context, or the other experiments of the rule set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecider, type Decision, experimentBucket, parseContext } from '../../src/index.js';
import { contextArb, EXPERIMENT_IDS, ruleSetArb, scenarioArb } from '../support/arbitraries.js';
import { expectedArm, experimentsOf, inHoldout } from '../support/experiments.js';
import { eventTypeOf, orderedRules, platformModel } from '../support/oracle.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/experiments');
const RUNS = 1500;
const PROMPTS: readonly string[] = ['show-soft-prompt', 'show-settings-link'];

const withExperiments = scenarioArb.filter(({ ruleSet }) => ruleSet.experiments !== undefined);

describe('section 9: the holdout guardrail', () => {
  it('a user in a holdout arm is never prompted, in decide, decideParsed and explain', () => {
    const tally = { holdoutUsers: 0, heldBack: 0, wouldBePrompted: 0 };
    fc.assert(
      fc.property(withExperiments, ({ ruleSet, context }) => {
        const decider = createDecider(ruleSet);
        const parsed = parseContext(context);
        const decisions: Decision[] = [
          decider.decideUnknown(context),
          decider.decideParsed(parsed),
          decider.decideUnknown(context, { explain: true }),
          decider.decideParsed(parsed, { explain: true }),
        ];
        const d = decisions[0] as Decision;
        // Every path lists the same assignments.
        for (const x of decisions) expect(x.experiments).toEqual(d.experiments);
        if (!inHoldout(ruleSet, d)) return;
        tally.holdoutUsers++;
        for (const x of decisions) expect(PROMPTS).not.toContain(x.action);
        if (d.reason === 'holdout') tally.heldBack++;
        // The converse: an always-true soft prompt on top, for a user the platform lets
        // through, is held back by the holdout (no other guardrail comes first); the wait
        // names it, unless a matching wait rule decides (a suppression, as for anyone).
        const top = orderedRules(ruleSet)[0];
        if (top?.id === 'always-soft-prompt' && platformModel(context).status === 'off') {
          tally.wouldBePrompted++;
          const matching = new Set(decider.matchingRules(parsed));
          const wait = orderedRules(ruleSet).find(
            (r) => matching.has(String(r.id)) && eventTypeOf(ruleSet, String(r.id)) === 'wait',
          );
          const expected =
            wait === undefined
              ? { action: 'wait', reason: 'holdout', ruleId: 'always-soft-prompt', retryAt: null }
              : { action: 'wait', reason: 'rule-matched', ruleId: wait.id, retryAt: null };
          for (const x of decisions) expect(x).toMatchObject(expected);
          const trace = decisions[2]?.trace?.find((r) => r.ruleId === 'always-soft-prompt');
          expect(trace?.hold).toEqual({ reason: 'holdout', retryAt: null });
        }
      }),
      runOptions(seed, RUNS),
    );
    console.log(`holdout property: ${JSON.stringify(tally)}`);
    // Not vacuous: many holdout users, many with a prompt rule held back for them.
    expect(tally.holdoutUsers).toBeGreaterThan(100);
    expect(tally.heldBack).toBeGreaterThan(50);
    expect(tally.wouldBePrompted).toBeGreaterThan(20);
  });
});

describe('section 9: assignment and exposure', () => {
  it('decisions list exactly the arms (salt, userId) give, in file order, only with a userId', () => {
    const tally = { exposed: 0, withAudience: 0, none: 0 };
    fc.assert(
      fc.property(withExperiments, ({ ruleSet, context }) => {
        const d = createDecider(ruleSet).decideUnknown(context);
        fc.pre(d.reason !== 'invalid-context');
        const userId = typeof context.userId === 'string' ? context.userId : '';
        const listed = d.experiments ?? [];
        if (userId === '') {
          expect(d.experiments).toBeUndefined();
          tally.none++;
          return;
        }
        const declared = experimentsOf(ruleSet);
        // In file order: the listed ids are a subsequence of the declared ones.
        const order = declared.map(([id]) => id);
        const positions = listed.map((x) => order.indexOf(x.id));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
        for (const [id, e] of declared) {
          const x = listed.find((l) => l.id === id);
          // Without an audience, everyone with a userId is enrolled.
          if (e.audience === undefined) expect(x, id).toBeDefined();
          else tally.withAudience++;
          if (x !== undefined) expect(x.arm, id).toBe(expectedArm(id, e, userId));
        }
        if (listed.length > 0) tally.exposed++;
        if (listed.length === 0) expect(d.experiments).toBeUndefined();
      }),
      runOptions(seed, RUNS),
    );
    console.log(`exposure property: ${JSON.stringify(tally)}`);
    expect(tally.exposed).toBeGreaterThan(500);
    expect(tally.none).toBeGreaterThan(50);
  });

  it('assignment depends on (salt, userId) alone: not the platform, the time, the context or the other experiments', () => {
    fc.assert(
      fc.property(
        ruleSetArb.filter((rs) => rs.experiments !== undefined),
        contextArb,
        contextArb,
        fc.nat({ max: 1_000_000 }),
        (ruleSet, a, b, n) => {
          const userId = `u-${n}`;
          const decider = createDecider(ruleSet);
          const da = decider.decideUnknown({ ...a, userId });
          const db = decider.decideUnknown({ ...b, userId });
          fc.pre(da.reason !== 'invalid-context' && db.reason !== 'invalid-context');
          for (const [id, e] of experimentsOf(ruleSet)) {
            const inA = da.experiments?.find((x) => x.id === id);
            const inB = db.experiments?.find((x) => x.id === id);
            // Enrolled in both (audiences may differ between the two contexts): the same arm.
            if (inA !== undefined && inB !== undefined) expect(inA.arm).toBe(inB.arm);
            // Alone in a rule set of its own (the other experiments and every rule gone): the same arm.
            const alone = createDecider({
              name: 'alone',
              attributes: ruleSet.attributes ?? {},
              experiments: { [id]: e },
              rules: [],
            }).decideUnknown({ ...a, userId });
            expect(alone.experiments?.[0]?.arm).toBe(inA?.arm);
          }
        },
      ),
      runOptions(seed, 1000),
    );
  });

  it('the bucket is a whole number 0-9999, the same on every call, for any salt and user id', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...EXPERIMENT_IDS), fc.string()),
        fc.string({ unit: 'grapheme' }),
        (salt, userId) => {
          const b = experimentBucket(salt, userId);
          expect(Number.isInteger(b) && b >= 0 && b < 10_000).toBe(true);
          expect(experimentBucket(salt, userId)).toBe(b);
        },
      ),
      runOptions(seed, 2000),
    );
  });
});
