import { describe, expect, it } from 'vitest';
import { ctx, declinedAgo, hoursAgo, iosDenied, plusDays, preset, variantOf } from './helpers.js';

const bank = preset('fintech');
const loyal = { keyActions: { payment_completed: { count: 4 } } };

describe('fintech preset', () => {
  it('asks for security alerts when a card is added', () => {
    const d = bank.decideUnknown(ctx({ trigger: 'card_added' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'security-first' });
    expect(variantOf(d)).toBe('security-alerts');
  });

  it('asks for payment alerts after a payment', () => {
    const d = bank.decideUnknown(ctx({ trigger: 'payment_completed' }));
    expect(variantOf(d)).toBe('payment-alerts');
  });

  it('never interrupts a payment', () => {
    expect(bank.decideUnknown(ctx({ trigger: 'payment_started' }))).toMatchObject({
      ruleId: 'never-mid-task',
    });
  });

  it('offers only later: two weeks in, after three payments, never after a "Not now"', () => {
    const offers = (over: Record<string, unknown>) =>
      bank.decideUnknown(ctx({ trigger: 'offers_opened', ...over }));
    const early = { sessions: { count: 5, firstSeenAt: hoursAgo(24 * 10), currentStartedAt: hoursAgo(0.1) } };
    expect(offers({ ...loyal, ...early })).toMatchObject({ action: 'wait', reason: 'no-rule-matched' });
    expect(offers({ keyActions: { payment_completed: { count: 2 } } })).toMatchObject({
      reason: 'no-rule-matched',
    });
    expect(offers({ ...loyal, asks: declinedAgo(24 * 60) })).toMatchObject({ reason: 'no-rule-matched' });
    const d = offers(loyal);
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'offers-later' });
    expect(variantOf(d)).toBe('offers');
  });

  it('backs off 7 days after a "Not now" (not 3)', () => {
    const d = bank.decideUnknown(ctx({ trigger: 'card_added', asks: declinedAgo(24 * 4) }));
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown', ruleId: 'security-first' });
    expect(d.retryAt).toBe(plusDays(hoursAgo(24 * 4), 7));
  });

  it('points a denied user at Settings when a card is added, before any payment prompt', () => {
    const d = bank.decideUnknown(iosDenied({ trigger: 'card_added' }));
    expect(d).toMatchObject({ action: 'show-settings-link', ruleId: 'denied-security' });
    expect(variantOf(d)).toBe('security-settings');
  });

  it('waits in the first session', () => {
    expect(bank.decideUnknown(ctx({ trigger: 'card_added', sessions: { count: 1 } }))).toMatchObject({
      ruleId: 'value-first-session',
    });
  });
});
