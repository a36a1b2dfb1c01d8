/**
 * DESIGN.md section 6, invariant 6: the compiled evaluator agrees with json-rules-engine
 * on which rules match, for rule sets the loader accepts. Our side: `matchingRules` on the
 * parsed context. Theirs: a real `Engine` built by the adapter, run on the same facts.
 * Also: the traced evaluator behind `explain` agrees with the compiled closures.
 *
 * Contexts here send every declared attribute with its declared type. A mistyped one is
 * an invalid context for `decide`; on it the two evaluators may differ by design
 * (json-rules-engine's numeric operators accept numeric strings: "5" < 10).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineFacts, engineMatches, toJsonRulesEngine } from '../../src/adapter/json-rules-engine.js';
import { createDecider, loadRuleSet, parseContext, type RuleSet } from '../../src/index.js';
import { contextArb, type JsonObject, ruleSetArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('differential/json-rules-engine');

async function compare(rs: RuleSet, contexts: readonly JsonObject[], tally: { match: number; miss: number }) {
  const decider = createDecider(rs);
  const engine = toJsonRulesEngine(rs);
  for (const json of contexts) {
    const ctx = parseContext(json);
    const ours = decider.matchingRules(ctx).sort();
    const theirs = (await engineMatches(engine, engineFacts(rs, ctx))).sort();
    expect(ours, `context ${JSON.stringify(json)}`).toEqual(theirs);
    tally.match += ours.length;
    tally.miss += rs.rules.length - ours.length;
  }
}

describe('invariant 6: the compiled evaluator agrees with json-rules-engine', () => {
  it('on generated rule sets and contexts (400 rule sets x 3 contexts)', async () => {
    const tally = { match: 0, miss: 0 };
    await fc.assert(
      fc.asyncProperty(
        ruleSetArb,
        fc.array(contextArb, { minLength: 3, maxLength: 3 }),
        async (json, contexts) => {
          // Leave out the always-true rules: they match everywhere and would pad the tally.
          const rules = (json.rules as JsonObject[]).filter((r) => !String(r.id).startsWith('always-'));
          await compare(loadRuleSet({ ...json, rules }), contexts, tally);
        },
      ),
      runOptions(seed, 400),
    );
    console.log(`differential (generated): ${JSON.stringify(tally)} rule evaluations`);
    // Meaningful: plenty of rules matched and plenty did not.
    expect(tally.match).toBeGreaterThan(500);
    expect(tally.miss).toBeGreaterThan(500);
  });

  it('on rules/default.json (1,000 contexts)', async () => {
    const rs = loadRuleSet(JSON.parse(readFileSync('rules/default.json', 'utf8')));
    const tally = { match: 0, miss: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(contextArb, { minLength: 10, maxLength: 10 }), (contexts) =>
        compare(rs, contexts, tally),
      ),
      runOptions(seed, 100),
    );
    console.log(`differential (default.json): ${JSON.stringify(tally)} rule evaluations`);
    expect(tally.match).toBeGreaterThan(300);
  });

  it('the traced evaluator (explain) agrees with the compiled one on every rule', () => {
    let traced = 0;
    fc.assert(
      fc.property(ruleSetArb, contextArb, (json, context) => {
        const decider = createDecider(json);
        const d = decider.decideUnknown(context, { explain: true });
        // Granted and unsupported users are decided before any rule is evaluated.
        fc.pre(d.trace !== undefined && d.trace.length > 0);
        traced++;
        const fromTrace = (d.trace ?? [])
          .filter((r) => r.matched)
          .map((r) => r.ruleId)
          .sort();
        expect(fromTrace).toEqual(decider.matchingRules(parseContext(context)).sort());
      }),
      runOptions(seed, 1000),
    );
    expect(traced).toBe(1000);
  });
});
