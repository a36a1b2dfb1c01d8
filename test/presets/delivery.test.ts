import { describe, expect, it } from 'vitest';
import { ctx, declinedAgo, hoursAgo, iosDenied, plusDays, preset, variantOf } from './helpers.js';

const delivery = preset('delivery');
const android14 = { platform: { os: 'android', osVersion: '14', apiLevel: 34, targetSdk: 34 } };

describe('delivery preset', () => {
  it('asks for order tracking when an order is placed', () => {
    const d = delivery.decideUnknown(ctx({ trigger: 'order_placed' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'order-tracking' });
    expect(variantOf(d)).toBe('order-tracking');
  });

  it('asks with the driver-nearby variant when a driver is assigned (Android 14)', () => {
    const d = delivery.decideUnknown(ctx({ ...android14, trigger: 'driver_assigned' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'driver-nearby' });
    expect(variantOf(d)).toBe('driver-nearby');
  });

  it('still asks at night: tracking has no quiet hours', () => {
    const d = delivery.decideUnknown(ctx({ trigger: 'order_placed', now: '2026-03-04T23:30:00+01:00' }));
    expect(d.action).toBe('show-soft-prompt');
  });

  it('offers deals only after three orders', () => {
    const deals = (count: number) =>
      delivery.decideUnknown(ctx({ trigger: 'reorder_opened', keyActions: { order_placed: { count } } }));
    expect(deals(2)).toMatchObject({ reason: 'no-rule-matched' });
    expect(variantOf(deals(3))).toBe('reorder-deals');
  });

  it('waits in the first session and at checkout', () => {
    expect(delivery.decideUnknown(ctx({ trigger: 'order_placed', sessions: { count: 1 } }))).toMatchObject({
      ruleId: 'value-first-session',
    });
    expect(delivery.decideUnknown(ctx({ trigger: 'checkout_started' }))).toMatchObject({
      ruleId: 'never-mid-task',
    });
  });

  it('holds the ask during a cooldown', () => {
    const d = delivery.decideUnknown(ctx({ trigger: 'driver_assigned', asks: declinedAgo(5) }));
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown', ruleId: 'driver-nearby' });
    expect(d.retryAt).toBe(plusDays(hoursAgo(5), 3));
  });

  it('gives a denied user a settings link, then waits 14 days before the next', () => {
    const d = delivery.decideUnknown(iosDenied({ trigger: 'driver_assigned' }));
    expect(d).toMatchObject({ action: 'show-settings-link', ruleId: 'denied-order-on-the-way' });
    expect(variantOf(d)).toBe('tracking-settings');
    const shown = { kind: 'settings-link', at: hoursAgo(24), outcome: 'dismissed' };
    const again = delivery.decideUnknown(
      iosDenied({ trigger: 'order_placed', asks: [...(iosDenied().asks as unknown[]), shown] }),
      { explain: true },
    );
    // Both kinds are held back: the soft prompt for good (the OS cannot ask), the settings
    // link by its own 14-day cooldown. The decision names the hold that ends, so the app
    // learns the next real opportunity; the trace still shows both.
    expect(again).toMatchObject({ action: 'wait', reason: 'cooldown', ruleId: 'denied-order-on-the-way' });
    expect(again.retryAt).toBe(plusDays(hoursAgo(24), 14));
    const soft = again.trace?.find((r) => r.ruleId === 'order-tracking');
    expect(soft).toMatchObject({
      status: 'held-back',
      hold: { reason: 'permission-blocked', retryAt: null },
    });
  });

  it('an Android 14 user who denied once can still be asked (the OS allows a second dialog)', () => {
    const asks = [{ kind: 'system-prompt', at: hoursAgo(24 * 20), outcome: 'denied' }];
    const d = delivery.decideUnknown(
      ctx({ ...android14, permission: 'denied', asks, trigger: 'order_placed' }),
    );
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'order-tracking' });
  });
});
