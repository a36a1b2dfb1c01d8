/**
 * systemPrompt and decide read one platform model: over arbitrary contexts,
 * `systemPrompt(ctx).status === 'available'` exactly when a rule set whose only rule always
 * shows the soft prompt (no caps, cooldowns or quiet hours) shows it, every other status is
 * the reason that rule set's wait gives, and no rule set at all shows a soft prompt unless
 * the status is `available`. Checked against the independent model of test/support/oracle.ts
 * too (status, asks left, embargo end, user gesture).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContextInput, createDecider, systemPrompt } from '../../src/index.js';
import { contextArb, type JsonObject, scenarioArb } from '../support/arbitraries.js';
import { platformModel } from '../support/oracle.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/system-prompt');
const OPEN = { cooldownDays: [], maxShows: 1000, maxPerSession: 1000 };
const always = createDecider({
  name: 'always-soft-prompt',
  policy: { softPrompt: OPEN, settingsLink: OPEN },
  rules: [{ id: 'always', conditions: { all: [] }, event: { type: 'show-soft-prompt' } }],
});
/** decide's reason for each status other than available. */
const REASON = {
  exhausted: 'permission-blocked',
  embargoed: 'browser-embargo',
  granted: 'already-granted',
  unsupported: 'unsupported',
} as const;
const CHROMIUM = ['chrome', 'edge', 'opera', 'samsung'];

/** Snoozes are the app's, not the platform's: the comparison leaves them out. */
function withoutSnoozes(context: JsonObject): JsonObject {
  const { cooldowns: _, ...rest } = context;
  return rest;
}

describe('systemPrompt', () => {
  it('is available exactly when an always-soft-prompt rule set shows the soft prompt', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(contextArb, (raw) => {
        const context = withoutSnoozes(raw);
        const sp = systemPrompt(context as ContextInput);
        const d = always.decideUnknown(context);
        seen.set(sp.status, (seen.get(sp.status) ?? 0) + 1);
        expect(sp.status === 'available').toBe(d.action === 'show-soft-prompt');
        if (sp.status !== 'available' && sp.status !== 'invalid-context') {
          expect(d).toMatchObject({ action: 'wait', reason: REASON[sp.status], retryAt: sp.retryAt });
        }
      }),
      runOptions(seed, 2000),
    );
    console.log(`systemPrompt statuses: ${JSON.stringify(Object.fromEntries(seen))}`);
    for (const s of ['available', 'exhausted', 'embargoed', 'granted', 'unsupported']) {
      expect(seen.get(s) ?? 0, s).toBeGreaterThan(20);
    }
  });

  it('agrees with the independent platform model', () => {
    fc.assert(
      fc.property(contextArb, (context) => {
        const m = platformModel(context);
        const p = context.platform as JsonObject;
        const expected =
          m.status !== 'off'
            ? m.status
            : m.available
              ? 'available'
              : m.embargoUntil !== null
                ? 'embargoed'
                : 'exhausted';
        const gesture =
          p.os === 'web' &&
          (p.hostOs === 'ios' || p.hostOs === 'ipados' || !CHROMIUM.includes(String(p.browser)));
        expect(systemPrompt(context as ContextInput)).toEqual({
          status: expected,
          asksLeft: m.asksLeft,
          retryAt: m.embargoUntil === null ? null : new Date(m.embargoUntil).toISOString(),
          requiresUserGesture: gesture,
        });
      }),
      runOptions(seed, 2000),
    );
  });

  it('no rule set shows a soft prompt unless the status is available', () => {
    let soft = 0;
    fc.assert(
      fc.property(scenarioArb, ({ ruleSet, context }) => {
        const d = createDecider(ruleSet).decideUnknown(context);
        if (d.action !== 'show-soft-prompt') return;
        soft++;
        expect(systemPrompt(context as ContextInput).status).toBe('available');
      }),
      runOptions(seed, 1000),
    );
    expect(soft).toBeGreaterThan(50);
  });
});
