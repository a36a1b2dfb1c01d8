import { describe, expect, it } from 'vitest';
import { ctx, declinedAgo, hoursAgo, plusDays, preset, variantOf } from './helpers.js';

const site = preset('web');
const chromeOn = (hostOs: string) => ({ platform: { os: 'web', hostOs, browser: 'chrome' } });
const views = (count: number) => ({ trigger: 'page_view', keyActions: { page_view: { count } } });

describe('web preset', () => {
  it('asks on an explicit "notify me" click', () => {
    const d = site.decideUnknown(ctx({ ...chromeOn('windows'), trigger: 'notify_me_clicked' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'notify-me-click' });
    expect(variantOf(d)).toBe('notify-me');
  });

  it('asks desktop visitors after 3 page views', () => {
    const d = site.decideUnknown(ctx({ ...chromeOn('macos'), ...views(3) }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'engaged-desktop' });
    expect(variantOf(d)).toBe('engaged-desktop');
  });

  it('asks mobile-browser visitors only after 5 page views', () => {
    expect(site.decideUnknown(ctx({ ...chromeOn('android'), ...views(3) }))).toMatchObject({
      action: 'wait',
      reason: 'no-rule-matched',
    });
    const d = site.decideUnknown(ctx({ ...chromeOn('android'), ...views(5) }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'engaged-mobile' });
    expect(variantOf(d)).toBe('engaged-mobile');
  });

  it('answers an explicit "notify me" click even on the first visit (the visitor asked)', () => {
    const d = site.decideUnknown(
      ctx({ ...chromeOn('windows'), sessions: { count: 1 }, trigger: 'notify_me_clicked' }),
    );
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'notify-me-click' });
    expect(d).toMatchObject({ params: { variant: 'notify-me', userInitiated: true } });
  });

  it('waits on the first visit', () => {
    const d = site.decideUnknown(ctx({ ...chromeOn('windows'), ...views(4), sessions: { count: 1 } }));
    expect(d).toMatchObject({ action: 'wait', ruleId: 'value-first-session' });
  });

  it('backs off after a dismissal (3, 7, then 30 days)', () => {
    const asks = [...declinedAgo(24 * 40), ...declinedAgo(24 * 20), ...declinedAgo(24 * 5)];
    const d = site.decideUnknown(ctx({ ...chromeOn('windows'), ...views(9), asks }));
    expect(d).toMatchObject({ action: 'wait', reason: 'max-shows', ruleId: 'engaged-desktop' });
    const two = [...declinedAgo(24 * 20), ...declinedAgo(24 * 5)];
    const d2 = site.decideUnknown(ctx({ ...chromeOn('windows'), ...views(9), asks: two }));
    expect(d2).toMatchObject({ action: 'wait', reason: 'cooldown' });
    expect(d2.retryAt).toBe(plusDays(hoursAgo(24 * 5), 7));
  });

  it('gives a blocked visitor who clicks "notify me" unblock instructions', () => {
    const asks = [{ kind: 'system-prompt', at: hoursAgo(24 * 3), outcome: 'denied' }];
    const d = site.decideUnknown(
      ctx({ ...chromeOn('windows'), permission: 'denied', asks, trigger: 'notify_me_clicked' }),
    );
    expect(d).toMatchObject({ action: 'show-settings-link', ruleId: 'blocked-notify-me' });
    expect(variantOf(d)).toBe('unblock-instructions');
  });

  it('respects the Chromium embargo after three dismissals of the browser dialog', () => {
    const asks = [72, 48, 24].map((h) => ({ kind: 'system-prompt', at: hoursAgo(h), outcome: 'dismissed' }));
    const d = site.decideUnknown(ctx({ ...chromeOn('windows'), asks, trigger: 'notify_me_clicked' }));
    expect(d).toMatchObject({ action: 'wait', reason: 'browser-embargo', ruleId: 'notify-me-click' });
    expect(d.retryAt).toBe(plusDays(hoursAgo(24), 7));
  });

  it('says unsupported for Safari on an iPhone outside a Home Screen web app', () => {
    const platform = { os: 'web', hostOs: 'ios', osVersion: '17.4', browser: 'safari' };
    expect(site.decideUnknown(ctx({ platform, ...views(6) }))).toMatchObject({
      action: 'wait',
      reason: 'unsupported',
    });
  });
});
