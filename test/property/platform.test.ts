/**
 * DESIGN.md section 6, invariants 1 and 2, over arbitrary contexts and arbitrary rule
 * sets (often with an always-true soft-prompt rule on top): the platform model is built
 * in and no rule can get around it. Checked against the independent model in
 * test/support/oracle.ts, not against src/platform.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecider } from '../../src/index.js';
import { scenarioArb } from '../support/arbitraries.js';
import { platformModel } from '../support/oracle.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/platform');
const RUNS = 1500;

describe('invariant 1: denied or blocked users are never shown the soft prompt', () => {
  it('shows a soft prompt only while the system prompt is available, whatever the rules say', () => {
    const stats = { shown: 0, blockedWithAlwaysTrueRule: 0 };
    fc.assert(
      fc.property(scenarioArb, ({ ruleSet, context }) => {
        const m = platformModel(context);
        const d = createDecider(ruleSet).decide(context);
        if (d.action === 'show-soft-prompt') {
          stats.shown++;
          expect(m).toMatchObject({ status: 'off', available: true });
        }
        const hasAlways = (ruleSet.rules as { id: string }[]).some((r) => r.id === 'always-soft-prompt');
        if (hasAlways && m.status === 'off' && !m.available) stats.blockedWithAlwaysTrueRule++;
      }),
      runOptions(seed, RUNS),
    );
    // Not vacuous: soft prompts were shown, and blocked users met an always-true rule.
    console.log(`invariant 1 coverage: ${JSON.stringify(stats)}`);
    expect(stats.shown).toBeGreaterThan(50);
    expect(stats.blockedWithAlwaysTrueRule).toBeGreaterThan(50);
  });

  it('shows a settings link only when notifications are off and the system prompt is not available', () => {
    let shown = 0;
    fc.assert(
      fc.property(scenarioArb, ({ ruleSet, context }) => {
        const m = platformModel(context);
        const d = createDecider(ruleSet).decide(context);
        if (d.action === 'show-settings-link') {
          shown++;
          expect(m).toMatchObject({ status: 'off', available: false, embargoUntil: null });
        }
      }),
      runOptions(seed, RUNS),
    );
    expect(shown).toBeGreaterThan(20);
  });
});

describe('invariant 2: granted users always wait', () => {
  const grantedArb = scenarioArb.chain(({ ruleSet, context }) =>
    fc
      .constantFrom('granted', 'ephemeral')
      .map((permission) => ({ ruleSet, context: { ...context, permission } })),
  );

  it('gives wait / already-granted (or unsupported for iOS web outside its limits)', () => {
    const reasons = new Set<string>();
    fc.assert(
      fc.property(grantedArb, ({ ruleSet, context }) => {
        const m = platformModel(context);
        const d = createDecider(ruleSet).decide(context, { explain: true });
        reasons.add(d.reason);
        expect(d).toMatchObject({
          action: 'wait',
          reason: m.status === 'unsupported' ? 'unsupported' : 'already-granted',
          retryAt: null,
        });
        expect(d).not.toHaveProperty('ruleId');
      }),
      runOptions(seed, RUNS),
    );
    expect([...reasons].sort()).toEqual(['already-granted', 'unsupported']);
  });
});
