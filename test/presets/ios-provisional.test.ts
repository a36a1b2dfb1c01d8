import { describe, expect, it } from 'vitest';
import { systemPrompt } from '../../src/index.js';
import { ctx, declinedAgo, hoursAgo, plusDays, preset, variantOf } from './helpers.js';

const app = preset('ios-provisional');
/** Quietly authorized: the app requested provisional authorization at first launch. */
const quiet = (over: Record<string, unknown> = {}) =>
  ctx({
    permission: 'provisional',
    asks: [{ kind: 'system-prompt', at: hoursAgo(24 * 30), outcome: 'provisional' }],
    ...over,
  });
const withAsks = (...asks: Record<string, unknown>[]) => [
  { kind: 'system-prompt', at: hoursAgo(24 * 30), outcome: 'provisional' },
  ...asks,
];

describe('ios-provisional preset', () => {
  it('offers the upgrade to full alerts at a moment of intent: the provisional grant did not use the dialog up', () => {
    const c = quiet({ trigger: 'order_placed' });
    const d = app.decideUnknown(c);
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'upgrade-at-intent' });
    expect(variantOf(d)).toBe('upgrade-alerts');
    expect(systemPrompt(c as never)).toMatchObject({ status: 'available', asksLeft: 1 });
  });

  it('offers it when the user opens a quiet notification', () => {
    const d = app.decideUnknown(quiet({ trigger: 'quiet_notification_opened' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'upgrade-after-open' });
    expect(variantOf(d)).toBe('upgrade-after-open');
  });

  it('adds nothing to the silent provisional request in session 1', () => {
    const d = app.decideUnknown(quiet({ trigger: 'order_placed', sessions: { count: 1 } }));
    expect(d).toMatchObject({ action: 'wait', ruleId: 'value-first-session' });
  });

  it('waits without a moment, and never mid-checkout', () => {
    expect(app.decideUnknown(quiet())).toMatchObject({ action: 'wait', reason: 'no-rule-matched' });
    expect(app.decideUnknown(quiet({ trigger: 'checkout_started' }))).toMatchObject({
      ruleId: 'never-mid-task',
    });
  });

  it('backs off 7 days after a "Not now" to the upgrade', () => {
    const asks = withAsks(...declinedAgo(24 * 4));
    const d = app.decideUnknown(quiet({ trigger: 'order_placed', asks }));
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown', ruleId: 'upgrade-at-intent' });
    expect(d.retryAt).toBe(plusDays(hoursAgo(24 * 4), 7));
  });

  it('asks to upgrade at most twice: the user still gets quiet notifications', () => {
    const asks = withAsks(...declinedAgo(24 * 60), ...declinedAgo(24 * 20));
    expect(app.decideUnknown(quiet({ trigger: 'order_placed', asks }))).toMatchObject({
      action: 'wait',
      reason: 'max-shows',
    });
  });

  it('counts an accepted upgrade whose alert was then left unanswered as a "Not now"', () => {
    const asks = withAsks(
      { kind: 'soft-prompt', at: hoursAgo(48), outcome: 'accepted' },
      { kind: 'system-prompt', at: hoursAgo(47.99), outcome: 'dismissed' },
    );
    const d = app.decideUnknown(quiet({ trigger: 'order_placed', asks }));
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown' });
    expect(d.retryAt).toBe(plusDays(hoursAgo(47.99), 7));
  });

  it('sends a user who turned notifications off to settings at a high-value moment', () => {
    const asks = withAsks(
      { kind: 'soft-prompt', at: hoursAgo(24 * 10), outcome: 'accepted' },
      { kind: 'system-prompt', at: hoursAgo(24 * 10 - 0.01), outcome: 'denied' },
    );
    const d = app.decideUnknown(ctx({ permission: 'denied', trigger: 'delivery_started', asks }));
    expect(d).toMatchObject({ action: 'show-settings-link', ruleId: 'turned-off-at-moment' });
    expect(variantOf(d)).toBe('turned-off-settings');
    expect(app.decideUnknown(ctx({ permission: 'denied', trigger: 'save_item', asks }))).toMatchObject({
      reason: 'no-rule-matched',
    });
  });

  it('falls back to the usual primer when provisional was never requested', () => {
    const d = app.decideUnknown(ctx({ trigger: 'follow_topic' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'not-provisional-at-intent' });
    expect(variantOf(d)).toBe('order-updates');
  });

  it('is for iOS: an Android user at the same moment is left to another rule set', () => {
    const d = app.decideUnknown(ctx({ platform: { os: 'android', apiLevel: 34 }, trigger: 'order_placed' }));
    expect(d).toMatchObject({ action: 'wait', reason: 'no-rule-matched' });
  });

  it('waits for a user with full alerts, and through quiet hours', () => {
    expect(app.decideUnknown(ctx({ permission: 'granted', trigger: 'order_placed' }))).toMatchObject({
      reason: 'already-granted',
    });
    const late = app.decideUnknown(quiet({ now: '2026-03-04T23:30:00+01:00', trigger: 'order_placed' }));
    expect(late).toMatchObject({
      action: 'wait',
      reason: 'quiet-hours',
      retryAt: '2026-03-05T07:00:00.000Z',
    });
  });
});
