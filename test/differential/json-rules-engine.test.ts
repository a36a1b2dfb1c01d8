/**
 * DESIGN.md section 6, invariant 6: the compiled evaluator agrees with json-rules-engine
 * on which rules match, for rule sets the loader accepts. Our side: `matchingRules` on the
 * parsed context. Theirs: a real `Engine` built by the adapter, run on the same facts.
 * Generated rule sets include experiments: rules reading the `experiment` fact match the
 * same way (the adapter supplies each enrolled user's arms), and each experiment's audience
 * run as a json-rules-engine rule agrees with our enrollment (a user is enrolled when the
 * userId is not empty and the audience holds).
 * Also: the traced evaluator behind `explain` agrees with the compiled closures.
 *
 * Contexts here send every declared attribute with its declared type. A mistyped one is
 * an invalid context for `decide`; on it the two evaluators may differ by design
 * (json-rules-engine's numeric operators accept numeric strings: "5" < 10).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import {
  engineFacts,
  engineMatches,
  ownPathResolver,
  toJsonRulesEngine,
} from '../../src/adapter/json-rules-engine.js';
import { createDecider, loadRuleSet, parseContext, type RuleSet } from '../../src/index.js';
import { VERSION_OPERATORS } from '../../src/rules/operators.js';
import { contextArb, type JsonObject, ruleSetArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('differential/json-rules-engine');

/** Each experiment's audience as a json-rules-engine rule named by the experiment id. */
function audienceEngine(rs: RuleSet): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: ownPathResolver });
  for (const op of VERSION_OPERATORS) engine.addOperator(op.name, op.cb);
  const block = (rs.source as JsonObject).experiments as JsonObject;
  for (const [id, e] of Object.entries(block)) {
    const audience = (e as JsonObject).audience ?? { all: [] };
    engine.addRule({
      name: id,
      conditions: JSON.parse(JSON.stringify(audience)),
      event: { type: 'audience' },
    });
  }
  return engine;
}

interface Tally {
  match: number;
  miss: number;
  enrolled: number;
  notEnrolled: number;
}

async function compare(rs: RuleSet, contexts: readonly JsonObject[], tally: Tally) {
  const decider = createDecider(rs);
  const engine = toJsonRulesEngine(rs);
  const audiences = rs.experiments.length > 0 ? audienceEngine(rs) : null;
  for (const json of contexts) {
    const ctx = parseContext(json);
    const facts = engineFacts(rs, ctx);
    const ours = decider.matchingRules(ctx).sort();
    const theirs = (await engineMatches(engine, facts)).sort();
    expect(ours, `context ${JSON.stringify(json)}`).toEqual(theirs);
    tally.match += ours.length;
    tally.miss += rs.rules.length - ours.length;
    if (audiences === null) continue;
    const audienceHolds = new Set(await engineMatches(audiences, facts));
    const enrolled = new Set((decider.decideParsed(ctx).experiments ?? []).map((x) => x.id));
    for (const e of rs.experiments) {
      const expected = ctx.userId !== undefined && ctx.userId !== '' && audienceHolds.has(e.id);
      expect(enrolled.has(e.id), `${e.id} in ${JSON.stringify(json)}`).toBe(expected);
      if (expected) tally.enrolled++;
      else tally.notEnrolled++;
    }
  }
}

describe('invariant 6: the compiled evaluator agrees with json-rules-engine', () => {
  it('on generated rule sets and contexts (400 rule sets x 3 contexts)', async () => {
    const tally = { match: 0, miss: 0, enrolled: 0, notEnrolled: 0 };
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
    // Meaningful: plenty of rules matched and plenty did not; plenty of users enrolled and not.
    expect(tally.match).toBeGreaterThan(500);
    expect(tally.miss).toBeGreaterThan(500);
    expect(tally.enrolled).toBeGreaterThan(100);
    expect(tally.notEnrolled).toBeGreaterThan(100);
  });

  it('on rules/default.json (1,000 contexts)', async () => {
    const rs = loadRuleSet(JSON.parse(readFileSync('rules/default.json', 'utf8')));
    const tally = { match: 0, miss: 0, enrolled: 0, notEnrolled: 0 };
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
