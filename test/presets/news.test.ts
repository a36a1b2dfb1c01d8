import { describe, expect, it } from 'vitest';
import { ctx, declinedAgo, hoursAgo, iosDenied, plusDays, preset, variantOf } from './helpers.js';

const news = preset('news');

describe('news preset', () => {
  it('asks with the breaking-news variant when a reader opens a breaking story', () => {
    const d = news.decideUnknown(ctx({ trigger: 'breaking_news_opened' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'breaking-news' });
    expect(variantOf(d)).toBe('breaking-news');
  });

  it('asks for topic alerts after a follow', () => {
    const d = news.decideUnknown(ctx({ trigger: 'follow_topic' }));
    expect(variantOf(d)).toBe('topic-alerts');
    expect(d.action).toBe('show-soft-prompt');
  });

  it('asks after the third article read, not the second', () => {
    const at = (count: number) =>
      news.decideUnknown(ctx({ trigger: 'article_read', keyActions: { article_read: { count } } }));
    expect(at(2)).toMatchObject({ action: 'wait', reason: 'no-rule-matched' });
    const third = at(3);
    expect(third).toMatchObject({ action: 'show-soft-prompt', ruleId: 'three-articles' });
    expect(variantOf(third)).toBe('reading-habit');
  });

  it('waits in the first session', () => {
    expect(
      news.decideUnknown(ctx({ trigger: 'breaking_news_opened', sessions: { count: 1 } })),
    ).toMatchObject({
      action: 'wait',
      ruleId: 'value-first-session',
    });
  });

  it('does not interrupt a video', () => {
    expect(news.decideUnknown(ctx({ trigger: 'video_playing' }))).toMatchObject({ ruleId: 'never-mid-task' });
  });

  it('backs off 7 days after the second "Not now"', () => {
    const asks = [...declinedAgo(24 * 10), ...declinedAgo(48)];
    const d = news.decideUnknown(ctx({ trigger: 'follow_topic', asks }));
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown', ruleId: 'after-follow' });
    expect(d.retryAt).toBe(plusDays(hoursAgo(48), 7));
  });

  it('gives a denied reader a settings link at a breaking story', () => {
    const d = news.decideUnknown(iosDenied({ trigger: 'breaking_news_opened' }));
    expect(d).toMatchObject({ action: 'show-settings-link', ruleId: 'denied-breaking-news' });
    expect(variantOf(d)).toBe('news-settings');
  });

  it('keeps quiet from 23:00 to 07:00 local', () => {
    const d = news.decideUnknown(ctx({ trigger: 'follow_topic', now: '2026-03-04T06:30:00+01:00' }));
    expect(d).toMatchObject({ action: 'wait', reason: 'quiet-hours', retryAt: '2026-03-04T06:00:00.000Z' });
  });
});
