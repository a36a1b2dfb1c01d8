/**
 * The primer-experiment preset (rules/primer-experiment.json): benefit copy against generic
 * copy with a 10% never-prompted holdout, for app users with a userId. Users are picked per
 * arm with the exported assignment functions, never from a recorded decision.
 */
import { describe, expect, it } from 'vitest';
import { assignArm, experimentBucket, parseContext, type WeightedArm } from '../../src/index.js';
import { chiSquare, chiSquarePValue } from '../support/chi-square.js';
import { ctx, declinedAgo, iosDenied, preset, variantOf } from './helpers.js';

const shop = preset('primer-experiment');
const SALT = 'primer-copy-2026-12';
const ARMS: WeightedArm[] = [
  { name: 'holdout', weight: 10 },
  { name: 'benefit', weight: 45 },
  { name: 'generic', weight: 45 },
];
const userIn = (arm: string): string => {
  for (let i = 0; ; i++)
    if (assignArm(ARMS, experimentBucket(SALT, `shopper-${i}`)) === arm) return `shopper-${i}`;
};
const USERS = { holdout: userIn('holdout'), benefit: userIn('benefit'), generic: userIn('generic') };
const exposed = (arm: string) => [{ id: 'primer-copy', arm }];

describe('primer-experiment preset', () => {
  it('declares the experiment as DESIGN section 9 shows it', () => {
    const e = shop.ruleSet.experiments[0];
    expect(e?.id).toBe('primer-copy');
    expect(e?.salt).toBe(SALT);
    expect(e?.arms).toEqual([
      { name: 'holdout', weight: 10, holdout: true },
      { name: 'benefit', weight: 45, holdout: false },
      { name: 'generic', weight: 45, holdout: false },
    ]);
  });

  it.each([
    ['order_placed', 'after-order', 'order-updates'],
    ['notify_back_in_stock', 'notify-back-in-stock', 'back-in-stock'],
    ['add_to_wishlist', 'after-wishlist', 'wishlist-alerts'],
  ])('benefit arm at %s: the benefit copy of that moment', (trigger, ruleId, variant) => {
    const d = shop.decideUnknown(ctx({ userId: USERS.benefit, trigger }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId, experiments: exposed('benefit') });
    expect(variantOf(d)).toBe(variant);
  });

  it.each(['order_placed', 'notify_back_in_stock', 'save_item'])(
    'generic arm at %s: the generic copy',
    (trigger) => {
      const d = shop.decideUnknown(ctx({ userId: USERS.generic, trigger }));
      expect(d).toMatchObject({
        action: 'show-soft-prompt',
        ruleId: 'generic-copy',
        experiments: exposed('generic'),
      });
      expect(variantOf(d)).toBe('generic');
    },
  );

  it('holdout arm: never prompted; the wait names the rule it held back', () => {
    const d = shop.decideUnknown(ctx({ userId: USERS.holdout, trigger: 'order_placed' }));
    expect(d).toMatchObject({
      action: 'wait',
      reason: 'holdout',
      ruleId: 'after-order',
      retryAt: null,
      experiments: exposed('holdout'),
    });
    expect(shop.decideParsed(parseContext(ctx({ userId: USERS.holdout, trigger: 'order_placed' })))).toEqual(
      d,
    );
  });

  it('holdout arm, denied: no settings link either', () => {
    const d = shop.decideUnknown(iosDenied({ userId: USERS.holdout, trigger: 'order_placed' }));
    expect(d).toMatchObject({ action: 'wait', reason: 'holdout', experiments: exposed('holdout') });
    expect(shop.decideUnknown(iosDenied({ userId: USERS.benefit, trigger: 'order_placed' }))).toMatchObject({
      action: 'show-settings-link',
      ruleId: 'denied-after-order',
    });
  });

  it('holdout arm in cooldown hears "holdout" (the cause that does not go away); other arms hear "cooldown"', () => {
    const asks = declinedAgo(24);
    expect(shop.decideUnknown(ctx({ userId: USERS.holdout, trigger: 'order_placed', asks }))).toMatchObject({
      reason: 'holdout',
      retryAt: null,
    });
    expect(shop.decideUnknown(ctx({ userId: USERS.generic, trigger: 'order_placed', asks }))).toMatchObject({
      reason: 'cooldown',
      ruleId: 'generic-copy',
    });
  });

  it('every arm waits at checkout and in session 1, and each decision lists the arm', () => {
    for (const [arm, userId] of Object.entries(USERS)) {
      expect(shop.decideUnknown(ctx({ userId, trigger: 'checkout_started' }))).toMatchObject({
        reason: 'rule-matched',
        ruleId: 'never-mid-task',
        experiments: exposed(arm),
      });
      expect(
        shop.decideUnknown(ctx({ userId, trigger: 'order_placed', sessions: { count: 1 } })),
      ).toMatchObject({
        ruleId: 'value-first-session',
        experiments: exposed(arm),
      });
    }
  });

  it('web users and signed-out users are not enrolled: benefit copy, no experiments field', () => {
    const web = ctx({
      userId: USERS.holdout,
      platform: { os: 'web', browser: 'chrome' },
      trigger: 'order_placed',
    });
    for (const c of [web, ctx({ userId: undefined, trigger: 'order_placed' })]) {
      const d = shop.decideUnknown(c);
      expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'after-order' });
      expect(d.experiments).toBeUndefined();
    }
  });

  it('splits 20,000 app users 10/45/45 (chi-square p >= 0.001) and never prompts the holdout', () => {
    const counts = { holdout: 0, benefit: 0, generic: 0 };
    for (let i = 0; i < 20_000; i++) {
      const d = shop.decideUnknown(ctx({ userId: `app-user-${i}`, trigger: 'order_placed' }));
      const arm = d.experiments?.[0]?.arm as keyof typeof counts;
      counts[arm]++;
      if (arm === 'holdout') expect(d.action).toBe('wait');
      else expect(d.action).toBe('show-soft-prompt');
    }
    const x = chiSquare(Object.values(counts), [2000, 9000, 9000]);
    expect(chiSquarePValue(x, 2)).toBeGreaterThanOrEqual(0.001);
  });
});
