/**
 * Guardrails (DESIGN.md sections 4-5): escalating cooldowns, lifetime and session caps,
 * quiet hours, snoozes, and the retryAt that says when all of them are over. Each case is
 * an always-true rule held back (or not) by the policy alone.
 */
import { describe, expect, it } from 'vitest';
import { createDecider, type Decision } from '../src/index.js';

type Obj = Record<string, unknown>;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = '2026-03-10T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const iso = (ms: number): string => new Date(ms).toISOString();
const ago = (ms: number): string => iso(NOW_MS - ms);

const soft = {
  id: 'soft',
  conditions: { all: [] },
  event: { type: 'show-soft-prompt', params: { variant: 'v' } },
};
const link = { id: 'link', conditions: { all: [] }, event: { type: 'show-settings-link' } };

function decide(policy: Obj, ctx: Obj, rules: Obj[] = [soft]): Decision {
  return createDecider({ name: 'g', policy, rules }).decideUnknown(ctx);
}

function iosCtx(extra: Obj = {}): Obj {
  return {
    now: NOW,
    platform: { os: 'ios' },
    permission: 'not-determined',
    sessions: { count: 3 },
    ...extra,
  };
}
const softAsk = (at: string, outcome = 'declined'): Obj => ({ kind: 'soft-prompt', at, outcome });
const linkAsk = (at: string, outcome = 'opened'): Obj => ({ kind: 'settings-link', at, outcome });

/** Only what the test names: no caps, no cooldowns, no quiet hours by default. */
const open = { cooldownDays: [], maxShows: 100, maxPerSession: 100 };
const policyOf = (softPrompt: Obj = {}, extra: Obj = {}): Obj => ({
  softPrompt: { ...open, ...softPrompt },
  settingsLink: open,
  ...extra,
});

const held = (reason: string, retryAt: string | null, ruleId = 'soft') => ({
  action: 'wait',
  reason,
  ruleId,
  retryAt,
});
const shown = { action: 'show-soft-prompt', reason: 'rule-matched', ruleId: 'soft', retryAt: null };
const pick = (d: Decision) => ({
  action: d.action,
  reason: d.reason,
  ...('ruleId' in d && { ruleId: d.ruleId }),
  retryAt: d.retryAt,
});

describe('escalating soft-prompt cooldowns: the nth decline starts days[min(n, len) - 1]', () => {
  const p = policyOf({ cooldownDays: [3, 7, 30] });

  it('first decline: 3 days', () => {
    const at = NOW_MS - 2 * DAY;
    expect(pick(decide(p, iosCtx({ asks: [softAsk(iso(at))] })))).toEqual(
      held('cooldown', iso(at + 3 * DAY)),
    );
  });

  it('first decline: over exactly 3 days later', () => {
    expect(pick(decide(p, iosCtx({ asks: [softAsk(ago(3 * DAY))] })))).toEqual(shown);
  });

  it('second decline: 7 days', () => {
    const second = NOW_MS - 5 * DAY;
    const asks = [softAsk(ago(20 * DAY)), softAsk(iso(second))];
    expect(pick(decide(p, iosCtx({ asks })))).toEqual(held('cooldown', iso(second + 7 * DAY)));
  });

  it('third decline: 30 days', () => {
    const third = NOW_MS - 20 * DAY;
    const asks = [softAsk(ago(60 * DAY)), softAsk(ago(40 * DAY)), softAsk(iso(third))];
    expect(pick(decide(p, iosCtx({ asks })))).toEqual(held('cooldown', iso(third + 30 * DAY)));
  });

  it('fourth and later declines keep the last step (30 days)', () => {
    const fourth = NOW_MS - 29 * DAY;
    const asks = [
      softAsk(ago(200 * DAY)),
      softAsk(ago(150 * DAY)),
      softAsk(ago(100 * DAY)),
      softAsk(iso(fourth)),
    ];
    expect(pick(decide(p, iosCtx({ asks })))).toEqual(held('cooldown', iso(fourth + 30 * DAY)));
    const over = [
      softAsk(ago(200 * DAY)),
      softAsk(ago(150 * DAY)),
      softAsk(ago(100 * DAY)),
      softAsk(ago(30 * DAY)),
    ];
    expect(pick(decide(p, iosCtx({ asks: over })))).toEqual(shown);
  });

  it('a decreasing ladder: a shorter later cooldown does not cut an earlier, longer one short', () => {
    // The schema accepts any ladder. Declines 5 and 4 days ago under [30, 1]: the first holds
    // until 30 days after it (+25 days from now), the second only until 3 days ago. The hold
    // is the latest end of the two, not the last decline's.
    const first = NOW_MS - 5 * DAY;
    const asks = [softAsk(iso(first)), softAsk(ago(4 * DAY))];
    const d = decide(policyOf({ cooldownDays: [30, 1] }), iosCtx({ asks }));
    expect(pick(d)).toEqual(held('cooldown', iso(first + 30 * DAY)));
    expect(d.retryAt).toBe('2026-04-04T12:00:00.000Z'); // NOW + 25 days
  });

  it('a dismissal counts as a decline', () => {
    const at = NOW_MS - DAY;
    expect(pick(decide(p, iosCtx({ asks: [softAsk(iso(at), 'dismissed')] })))).toEqual(
      held('cooldown', iso(at + 3 * DAY)),
    );
  });

  it('an accepted soft prompt starts no cooldown', () => {
    expect(pick(decide(p, iosCtx({ asks: [softAsk(ago(HOUR), 'accepted')] })))).toEqual(shown);
  });

  it('an accepted prompt does not move a later decline up the ladder', () => {
    const at = NOW_MS - 4 * DAY;
    const asks = [softAsk(ago(30 * DAY), 'accepted'), softAsk(iso(at))];
    // One decline: 3 days, over; had the accept counted, 7 days would still run.
    expect(pick(decide(p, iosCtx({ asks })))).toEqual(shown);
  });

  it('a duplicated decline is one decline', () => {
    const at = NOW_MS - 5 * DAY;
    const asks = [softAsk(iso(at)), softAsk(iso(at))];
    expect(pick(decide(p, iosCtx({ asks })))).toEqual(shown);
  });

  it('a decline logged in the future counts from now', () => {
    const asks = [softAsk(iso(NOW_MS + 2 * DAY))];
    expect(pick(decide(p, iosCtx({ asks })))).toEqual(held('cooldown', iso(NOW_MS + 3 * DAY)));
  });

  it('no cooldown days: no cooldown', () => {
    expect(pick(decide(policyOf({ cooldownDays: [] }), iosCtx({ asks: [softAsk(ago(HOUR))] })))).toEqual(
      shown,
    );
  });

  it('the default policy (no policy block) is 3/7/30, 3 shows, 1 per session', () => {
    const at = NOW_MS - DAY;
    const d = createDecider({ name: 'd', rules: [soft] }).decideUnknown(iosCtx({ asks: [softAsk(iso(at))] }));
    expect(pick(d)).toEqual(held('cooldown', iso(at + 3 * DAY)));
  });
});

describe('maxShows: lifetime', () => {
  const p = policyOf({ maxShows: 3 });

  it('three shows of any outcome reach the cap, with no retryAt', () => {
    const asks = [
      softAsk(ago(90 * DAY), 'accepted'),
      softAsk(ago(60 * DAY)),
      softAsk(ago(30 * DAY), 'dismissed'),
    ];
    expect(pick(decide(p, iosCtx({ asks })))).toEqual(held('max-shows', null));
  });

  it('two shows do not', () => {
    expect(pick(decide(p, iosCtx({ asks: [softAsk(ago(90 * DAY)), softAsk(ago(60 * DAY))] })))).toEqual(
      shown,
    );
  });

  it('maxShows 0 never shows', () => {
    expect(pick(decide(policyOf({ maxShows: 0 }), iosCtx()))).toEqual(held('max-shows', null));
  });

  it('the lifetime cap wins over a running cooldown', () => {
    const p2 = policyOf({ maxShows: 1, cooldownDays: [3] });
    expect(pick(decide(p2, iosCtx({ asks: [softAsk(ago(HOUR))] })))).toEqual(held('max-shows', null));
  });
});

describe('maxPerSession', () => {
  const p = policyOf({ maxPerSession: 1 });
  const session = (startedAgo: number): Obj => ({ count: 3, currentStartedAt: ago(startedAgo) });

  it('a soft prompt since the session started reaches the cap', () => {
    const ctx = iosCtx({ sessions: session(10 * 60_000), asks: [softAsk(ago(5 * 60_000))] });
    expect(pick(decide(p, ctx))).toEqual(held('session-cap', null));
  });

  it('a prompt at the very instant the session started counts in it', () => {
    const ctx = iosCtx({ sessions: session(10 * 60_000), asks: [softAsk(ago(10 * 60_000))] });
    expect(pick(decide(p, ctx))).toEqual(held('session-cap', null));
  });

  it('a prompt in an earlier session does not', () => {
    const ctx = iosCtx({ sessions: session(10 * 60_000), asks: [softAsk(ago(11 * 60_000))] });
    expect(pick(decide(p, ctx))).toEqual(shown);
  });

  it('needs sessions.currentStartedAt: without it there is no session cap', () => {
    expect(pick(decide(p, iosCtx({ asks: [softAsk(ago(5 * 60_000))] })))).toEqual(shown);
  });

  it('maxPerSession 2 allows a second', () => {
    const ctx = iosCtx({ sessions: session(HOUR), asks: [softAsk(ago(5 * 60_000))] });
    expect(pick(decide(policyOf({ maxPerSession: 2 }), ctx))).toEqual(shown);
  });

  it('the lifetime cap is reported before the session cap', () => {
    const ctx = iosCtx({ sessions: session(HOUR), asks: [softAsk(ago(5 * 60_000))] });
    expect(pick(decide(policyOf({ maxShows: 1, maxPerSession: 1 }), ctx))).toEqual(held('max-shows', null));
  });
});

describe("quiet hours: local hours at now's offset", () => {
  const wrap = policyOf({}, { quietHours: { from: 22, to: 8 } });
  const at = (now: string): Obj => iosCtx({ now });

  it.each([
    ['22:00 starts them', '2026-03-10T22:00:00+01:00', '2026-03-11T08:00:00+01:00'],
    ['23:30, wrapping midnight', '2026-03-10T23:30:00+01:00', '2026-03-11T08:00:00+01:00'],
    ['00:30 after midnight', '2026-03-11T00:30:00+01:00', '2026-03-11T08:00:00+01:00'],
    ['07:59', '2026-03-11T07:59:00+01:00', '2026-03-11T08:00:00+01:00'],
    ['at -09:30', '2026-03-10T23:00:00-09:30', '2026-03-11T08:00:00-09:30'],
    ['at +05:45', '2026-03-10T03:00:00+05:45', '2026-03-10T08:00:00+05:45'],
  ])('%s: held until the local "to" hour', (_n, now, until) => {
    expect(pick(decide(wrap, at(now)))).toEqual(held('quiet-hours', iso(Date.parse(until))));
  });

  it.each([
    ['08:00 ends them', '2026-03-11T08:00:00+01:00'],
    ['21:59', '2026-03-10T21:59:59+01:00'],
    ['noon', '2026-03-10T12:00:00+01:00'],
  ])('%s: shown', (_n, now) => {
    expect(pick(decide(wrap, at(now)))).toEqual(shown);
  });

  it('the same instant is quiet in one offset and not in another', () => {
    expect(pick(decide(wrap, at('2026-03-10T22:30:00+00:00'))).reason).toBe('quiet-hours');
    expect(pick(decide(wrap, at('2026-03-10T17:30:00-05:00')))).toEqual(shown);
  });

  it('a window that does not wrap: 13 to 15', () => {
    const p = policyOf({}, { quietHours: { from: 13, to: 15 } });
    expect(pick(decide(p, at('2026-03-10T14:10:00+02:00')))).toEqual(
      held('quiet-hours', iso(Date.parse('2026-03-10T15:00:00+02:00'))),
    );
    expect(pick(decide(p, at('2026-03-10T15:00:00+02:00')))).toEqual(shown);
    expect(pick(decide(p, at('2026-03-10T12:59:00+02:00')))).toEqual(shown);
  });
});

describe('snoozes (context.cooldowns) by scope', () => {
  const until = iso(NOW_MS + 2 * DAY);
  const snooze = (scope?: string, u = until): Obj => ({ until: u, ...(scope && { scope }) });

  it.each([['all'], ['soft-prompt'], [undefined]])(
    'scope %s holds the soft prompt until its end',
    (scope) => {
      expect(pick(decide(policyOf(), iosCtx({ cooldowns: [snooze(scope)] })))).toEqual(
        held('snoozed', until),
      );
    },
  );

  it('scope settings-link does not hold the soft prompt', () => {
    expect(pick(decide(policyOf(), iosCtx({ cooldowns: [snooze('settings-link')] })))).toEqual(shown);
  });

  it('an expired snooze (until <= now) holds nothing', () => {
    expect(pick(decide(policyOf(), iosCtx({ cooldowns: [snooze('all', NOW)] })))).toEqual(shown);
  });

  it('of several snoozes the latest end counts', () => {
    const later = iso(NOW_MS + 5 * DAY);
    const cooldowns = [
      snooze('all'),
      snooze('soft-prompt', later),
      snooze('settings-link', iso(NOW_MS + 9 * DAY)),
    ];
    expect(pick(decide(policyOf(), iosCtx({ cooldowns })))).toEqual(held('snoozed', later));
  });
});

describe('combined windows: retryAt is the first instant all of them are over', () => {
  it('a snooze that outlasts a cooldown: snoozed, until the snooze ends', () => {
    const snoozeEnd = NOW_MS + 10 * DAY;
    const ctx = iosCtx({ asks: [softAsk(ago(DAY))], cooldowns: [{ until: iso(snoozeEnd) }] });
    expect(pick(decide(policyOf({ cooldownDays: [3] }), ctx))).toEqual(held('snoozed', iso(snoozeEnd)));
  });

  it('a cooldown that outlasts a snooze: still snoozed now, retry when the cooldown ends', () => {
    const declined = NOW_MS - DAY;
    const ctx = iosCtx({ asks: [softAsk(iso(declined))], cooldowns: [{ until: iso(NOW_MS + HOUR) }] });
    expect(pick(decide(policyOf({ cooldownDays: [3] }), ctx))).toEqual(
      held('snoozed', iso(declined + 3 * DAY)),
    );
  });

  it("a cooldown ending inside quiet hours: retry at the quiet hours' end after it", () => {
    // Declined at 23:00 local two days ago: the 3-day cooldown ends at 23:00 local, inside 22-8.
    const ctx = iosCtx({ now: '2026-03-10T12:00:00+01:00', asks: [softAsk('2026-03-08T23:00:00+01:00')] });
    const p = policyOf({ cooldownDays: [3] }, { quietHours: { from: 22, to: 8 } });
    expect(pick(decide(p, ctx))).toEqual(held('cooldown', iso(Date.parse('2026-03-12T08:00:00+01:00'))));
  });

  it("inside quiet hours and a cooldown ending before they do: quiet hours' end", () => {
    const ctx = iosCtx({ now: '2026-03-10T23:00:00+01:00', asks: [softAsk('2026-03-07T23:30:00+01:00')] });
    const p = policyOf({ cooldownDays: [3] }, { quietHours: { from: 22, to: 8 } });
    expect(pick(decide(p, ctx))).toEqual(held('cooldown', iso(Date.parse('2026-03-11T08:00:00+01:00'))));
  });

  it('a cooldown ending in daytime during quiet hours now: the cooldown end', () => {
    const ctx = iosCtx({ now: '2026-03-10T23:00:00+01:00', asks: [softAsk('2026-03-08T10:00:00+01:00')] });
    const p = policyOf({ cooldownDays: [3] }, { quietHours: { from: 22, to: 8 } });
    expect(pick(decide(p, ctx))).toEqual(held('cooldown', iso(Date.parse('2026-03-11T10:00:00+01:00'))));
  });

  it('a Chromium embargo and a longer snooze: browser-embargo, retry at the snooze end', () => {
    const dismissed = ['2026-03-07T10:00:00Z', '2026-03-08T10:00:00Z', '2026-03-09T10:00:00Z'].map((at) => ({
      kind: 'system-prompt',
      at,
      outcome: 'dismissed',
    }));
    const ctx = {
      ...iosCtx({ asks: dismissed, cooldowns: [{ until: '2026-03-20T00:00:00Z' }] }),
      platform: { os: 'web', browser: 'chrome' },
    };
    expect(pick(decide(policyOf(), ctx))).toEqual(held('browser-embargo', '2026-03-20T00:00:00.000Z'));
  });
});

describe('settings links', () => {
  const denied = (extra: Obj = {}): Obj => ({ ...iosCtx(extra), permission: 'denied' });
  const linkPolicy = (settingsLink: Obj): Obj => ({
    softPrompt: open,
    settingsLink: { ...open, ...settingsLink },
  });
  const shownLink = { action: 'show-settings-link', reason: 'rule-matched', ruleId: 'link', retryAt: null };

  it('shown to a user the OS can no longer ask', () => {
    expect(pick(decide(linkPolicy({}), denied(), [link]))).toEqual(shownLink);
  });

  it('a cooldown after each link, opened or dismissed', () => {
    const at = NOW_MS - 10 * DAY;
    for (const outcome of ['opened', 'dismissed']) {
      const d = decide(linkPolicy({ cooldownDays: [30] }), denied({ asks: [linkAsk(iso(at), outcome)] }), [
        link,
      ]);
      expect(pick(d)).toEqual(held('cooldown', iso(at + 30 * DAY), 'link'));
    }
  });

  it('escalates like the soft prompt', () => {
    const second = NOW_MS - 40 * DAY;
    const asks = [linkAsk(ago(100 * DAY)), linkAsk(iso(second))];
    const d = decide(linkPolicy({ cooldownDays: [30, 60] }), denied({ asks }), [link]);
    expect(pick(d)).toEqual(held('cooldown', iso(second + 60 * DAY), 'link'));
  });

  it('capped by maxShows', () => {
    const asks = [linkAsk(ago(100 * DAY)), linkAsk(ago(60 * DAY))];
    expect(pick(decide(linkPolicy({ cooldownDays: [30], maxShows: 2 }), denied({ asks }), [link]))).toEqual(
      held('max-shows', null, 'link'),
    );
  });

  it('capped per session', () => {
    const ctx = denied({ sessions: { count: 3, currentStartedAt: ago(HOUR) }, asks: [linkAsk(ago(60_000))] });
    expect(pick(decide(linkPolicy({ maxPerSession: 1 }), ctx, [link]))).toEqual(
      held('session-cap', null, 'link'),
    );
  });

  it('soft-prompt declines do not start a settings-link cooldown', () => {
    const ctx = denied({ asks: [softAsk(ago(HOUR))] });
    expect(pick(decide(linkPolicy({ cooldownDays: [30] }), ctx, [link]))).toEqual(shownLink);
  });

  it('held by snoozes of scope settings-link and all, not soft-prompt', () => {
    const until = iso(NOW_MS + DAY);
    expect(
      pick(decide(linkPolicy({}), denied({ cooldowns: [{ until, scope: 'settings-link' }] }), [link])),
    ).toEqual(held('snoozed', until, 'link'));
    expect(
      pick(decide(linkPolicy({}), denied({ cooldowns: [{ until, scope: 'soft-prompt' }] }), [link])),
    ).toEqual(shownLink);
  });

  it('held by quiet hours', () => {
    const ctx = denied({ now: '2026-03-10T23:00:00+01:00' });
    expect(pick(decide({ ...linkPolicy({}), quietHours: { from: 22, to: 8 } }, ctx, [link]))).toEqual(
      held('quiet-hours', iso(Date.parse('2026-03-11T08:00:00+01:00')), 'link'),
    );
  });

  it('not applicable (no hold) while the system prompt is available', () => {
    expect(pick(decide(linkPolicy({}), iosCtx(), [link]))).toEqual({
      action: 'wait',
      reason: 'no-rule-matched',
      retryAt: null,
    });
  });
});
