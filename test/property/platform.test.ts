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
  it('soft prompt only while the system prompt is available; settings link only when it is not', () => {
    const stats = { soft: 0, link: 0, blockedWithAlwaysTrueRule: 0 };
    fc.assert(
      fc.property(scenarioArb, ({ ruleSet, context }) => {
        const m = platformModel(context);
        const d = createDecider(ruleSet).decideUnknown(context);
        if (d.action === 'show-soft-prompt') {
          stats.soft++;
          expect(m).toMatchObject({ status: 'off', available: true });
        }
        if (d.action === 'show-settings-link') {
          stats.link++;
          expect(m).toMatchObject({ status: 'off', available: false, embargoUntil: null });
        }
        const hasAlways = (ruleSet.rules as { id: string }[]).some((r) => r.id === 'always-soft-prompt');
        if (hasAlways && m.status === 'off' && !m.available) stats.blockedWithAlwaysTrueRule++;
      }),
      runOptions(seed, RUNS),
    );
    console.log(`invariant 1 coverage: ${JSON.stringify(stats)}`);
    // Not vacuous: both prompts were shown, and blocked users met an always-true rule.
    expect(stats.soft).toBeGreaterThan(50);
    expect(stats.link).toBeGreaterThan(20);
    expect(stats.blockedWithAlwaysTrueRule).toBeGreaterThan(50);
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
        const d = createDecider(ruleSet).decideUnknown(context, { explain: true });
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
