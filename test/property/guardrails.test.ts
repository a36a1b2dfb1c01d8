/**
 * DESIGN.md section 6, invariant 3: no soft prompt inside a cooldown, past maxShows, twice
 * in a session, in quiet hours or inside a snooze; the same for settings links; and
 * section 9's holdout: no prompt at all for a user in a holdout arm. Each guardrail is
 * computed independently in test/support/oracle.ts from the raw JSON (the holdout from the
 * decision's assignments, which test/property/experiments.test.ts checks independently).
 * The converse is checked too (so the oracle and the engine agree exactly): a permitted
 * always-true rule on top is shown, and a held-back one carries the first reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecider, type Decision } from '../../src/index.js';
import { type JsonObject, scenarioArb } from '../support/arbitraries.js';
import { inHoldout } from '../support/experiments.js';
import { type Block, blocks, type Kind, orderedRules, platformModel } from '../support/oracle.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/guardrails');
const RUNS = 2000;

/** The reason a held-back rule reports: permanent holds first (the holdout first of all), then time windows. */
const REASON_ORDER: readonly [Block, string][] = [
  ['holdout', 'holdout'],
  ['not-available', 'permission-blocked'],
  ['max-shows', 'max-shows'],
  ['session-cap', 'session-cap'],
  ['embargo', 'browser-embargo'],
  ['snoozed', 'snoozed'],
  ['cooldown', 'cooldown'],
  ['quiet-hours', 'quiet-hours'],
];

const ALWAYS: Readonly<Record<Kind, string>> = {
  'soft-prompt': 'always-soft-prompt',
  'settings-link': 'always-settings-link',
};
const ACTION: Readonly<Record<Kind, Decision['action']>> = {
  'soft-prompt': 'show-soft-prompt',
  'settings-link': 'show-settings-link',
};

function check(
  kind: Kind,
  ruleSet: JsonObject,
  context: JsonObject,
  d: Decision,
  seen: Map<string, number>,
): void {
  const b = blocks(kind, context, ruleSet, platformModel(context), inHoldout(ruleSet, d));
  // The invariant: any guardrail in force means no prompt of this kind.
  if (b.length > 0) expect(d.action).not.toBe(ACTION[kind]);

  const always = ALWAYS[kind];
  if (!(ruleSet.rules as JsonObject[]).some((r) => r.id === always)) return;
  for (const x of b) seen.set(`${kind}:${x}`, (seen.get(`${kind}:${x}`) ?? 0) + 1);
  // Converse: an always-true rule on top is shown exactly when nothing holds it back.
  if (orderedRules(ruleSet)[0]?.id === always && b.length === 0) {
    expect(d).toMatchObject({ action: ACTION[kind], reason: 'rule-matched', ruleId: always });
  }
  // A wait that names the always-true rule reports the first guardrail in force.
  if ('ruleId' in d && d.ruleId === always && d.action === 'wait') {
    const first = REASON_ORDER.find(([blk]) => b.includes(blk));
    expect(first).toBeDefined();
    expect(d.reason).toBe(first?.[1]);
  }
}

describe('invariant 3: guardrails no rule can break', () => {
  it('no soft prompt and no settings link while any guardrail of its kind is in force', () => {
    const seen = new Map<string, number>();
    let softShown = 0;
    fc.assert(
      fc.property(scenarioArb, ({ ruleSet, context }) => {
        const d = createDecider(ruleSet).decideUnknown(context);
        if (d.action === 'show-soft-prompt') softShown++;
        check('soft-prompt', ruleSet, context, d, seen);
        check('settings-link', ruleSet, context, d, seen);
      }),
      runOptions(seed, RUNS),
    );
    console.log(`invariant 3 coverage: ${JSON.stringify(Object.fromEntries(seen))}, soft shown ${softShown}`);
    // Not vacuous: every guardrail met an always-true rule of its kind.
    for (const k of [
      'holdout',
      'max-shows',
      'session-cap',
      'cooldown',
      'snoozed',
      'quiet-hours',
      'embargo',
    ]) {
      expect(seen.get(`soft-prompt:${k}`) ?? 0).toBeGreaterThan(5);
    }
    for (const k of ['holdout', 'max-shows', 'session-cap', 'cooldown', 'snoozed', 'quiet-hours']) {
      expect(seen.get(`settings-link:${k}`) ?? 0).toBeGreaterThan(5);
    }
  });
});
