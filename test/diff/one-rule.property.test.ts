/**
 * `diff` on two rule sets that differ in one rule lists exactly the contexts that rule
 * changes. The expected set is computed without comparing decisions: removing rule R
 * changes a context exactly when the old decision names R (R decided it, or R is the
 * held-back rule its wait names), since no other rule's outcome depends on R; adding R is
 * the same read backwards; changing only R's params changes exactly the decisions that name R.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffContexts } from '../../src/authoring/index.js';
import { createDecider, type Decider } from '../../src/index.js';
import { contextArb, type JsonObject, ruleSetArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('diff/one-rule');

const names = (d: Decider, contexts: readonly JsonObject[], ruleId: string): string[] =>
  contexts.flatMap((c, i) => {
    const decision = d.decideUnknown(c);
    return 'ruleId' in decision && decision.ruleId === ruleId ? [`c${i}`] : [];
  });

const sources = (contexts: readonly JsonObject[]) =>
  contexts.map((context, i) => ({ source: `c${i}`, context }));

const scenario = fc.record({
  ruleSet: ruleSetArb.filter((r) => (r.rules as JsonObject[]).length > 0),
  pick: fc.nat(),
  contexts: fc.array(contextArb, { minLength: 1, maxLength: 30 }),
});

describe('diff on rule sets that differ in one rule', () => {
  let seen = 0;
  it('removing a rule changes exactly the contexts whose old decision names it (and adding it, the reverse)', () => {
    fc.assert(
      fc.property(scenario, ({ ruleSet, pick, contexts }) => {
        const rules = ruleSet.rules as JsonObject[];
        const k = pick % rules.length;
        const removed = rules[k] as JsonObject;
        const without = { ...ruleSet, rules: rules.filter((_, i) => i !== k) };
        const full = createDecider(ruleSet);
        const less = createDecider(without);

        const expected = names(full, contexts, removed.id as string);
        seen += expected.length;
        const report = diffContexts(full, less, sources(contexts));
        expect(report.changes.map((c) => c.source)).toEqual(expected);
        expect(report.total).toBe(contexts.length);

        const back = diffContexts(less, full, sources(contexts));
        expect(back.changes.map((c) => c.source)).toEqual(expected);
      }),
      runOptions(seed, 300),
    );
    // The property is not vacuous: removed rules did decide some of the generated contexts.
    expect(seen).toBeGreaterThan(100);
  });

  it("changing only a rule's params changes exactly the decisions that name it", () => {
    fc.assert(
      fc.property(scenario, ({ ruleSet, pick, contexts }) => {
        const rules = ruleSet.rules as JsonObject[];
        const k = pick % rules.length;
        const target = rules[k] as JsonObject;
        const event = target.event as JsonObject;
        const edited = {
          ...ruleSet,
          rules: rules.map((r, i) => (i === k ? { ...r, event: { ...event, params: { edited: true } } } : r)),
        };
        const before = createDecider(ruleSet);
        const report = diffContexts(before, createDecider(edited), sources(contexts));
        expect(report.changes.map((c) => c.source)).toEqual(names(before, contexts, target.id as string));
        for (const c of report.changes) expect(c.after.params).toEqual({ edited: true });
      }),
      runOptions(seed, 300),
    );
  });
});
