import { describe, expect, it } from 'vitest';
import { ctx, declinedAgo, hoursAgo, iosDenied, plusDays, preset, variantOf } from './helpers.js';

const shop = preset('ecommerce');

describe('ecommerce preset', () => {
  it.each([
    ['notify_back_in_stock', 'notify-back-in-stock', 'back-in-stock'],
    ['notify_price_drop', 'notify-price-drop', 'price-drop'],
    ['order_placed', 'after-order', 'order-updates'],
    ['add_to_wishlist', 'after-wishlist', 'wishlist-alerts'],
    ['save_item', 'after-wishlist', 'wishlist-alerts'],
  ])('shows the soft prompt at %s with its variant', (trigger, ruleId, variant) => {
    const d = shop.decideUnknown(ctx({ trigger }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', reason: 'rule-matched', ruleId });
    expect(variantOf(d)).toBe(variant);
  });

  it('asks after the fifth product viewed, not the fourth', () => {
    const at = (count: number) =>
      shop.decideUnknown(ctx({ trigger: 'product_viewed', keyActions: { product_viewed: { count } } }));
    expect(at(4)).toMatchObject({ action: 'wait', reason: 'no-rule-matched' });
    expect(at(5)).toMatchObject({ action: 'show-soft-prompt', ruleId: 'after-browsing' });
  });

  it('waits in the first session, even after an order', () => {
    const d = shop.decideUnknown(ctx({ trigger: 'order_placed', sessions: { count: 1 } }));
    expect(d).toMatchObject({ action: 'wait', reason: 'rule-matched', ruleId: 'value-first-session' });
  });

  it('never interrupts checkout', () => {
    expect(shop.decideUnknown(ctx({ trigger: 'checkout_started' }))).toMatchObject({
      action: 'wait',
      ruleId: 'never-mid-task',
    });
  });

  it('holds back 3 days after a "Not now", with retryAt at the end of the cooldown', () => {
    const asks = declinedAgo(24);
    const d = shop.decideUnknown(ctx({ trigger: 'add_to_wishlist', asks }));
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown', ruleId: 'after-wishlist' });
    expect(d.retryAt).toBe(plusDays(hoursAgo(24), 3));
  });

  it('asks again once the cooldown is over', () => {
    const d = shop.decideUnknown(ctx({ trigger: 'add_to_wishlist', asks: declinedAgo(24 * 3 + 1) }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'after-wishlist' });
  });

  it('gives a denied user a settings link after an order, but not after a wishlist add', () => {
    const linked = shop.decideUnknown(iosDenied({ trigger: 'order_placed' }));
    expect(linked).toMatchObject({ action: 'show-settings-link', ruleId: 'denied-after-order' });
    expect(variantOf(linked)).toBe('order-updates-settings');
    expect(shop.decideUnknown(iosDenied({ trigger: 'add_to_wishlist' }))).toMatchObject({
      action: 'wait',
      reason: 'permission-blocked',
      ruleId: 'after-wishlist',
    });
  });

  it('keeps quiet at night (22:00-08:00 local)', () => {
    const d = shop.decideUnknown(ctx({ trigger: 'order_placed', now: '2026-03-04T23:30:00+01:00' }));
    expect(d).toMatchObject({ action: 'wait', reason: 'quiet-hours', retryAt: '2026-03-05T07:00:00.000Z' });
  });
});
