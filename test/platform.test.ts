/**
 * The platform permission model (DESIGN.md section 3), one test per row: whether the
 * system prompt is still available, and what an always-true soft-prompt rule above an
 * always-true settings-link rule turns into.
 */
import { describe, expect, it } from 'vitest';
import { parseContext } from '../src/context/parse.js';
import { createDecider } from '../src/evaluate/decider.js';
import { summarizeHistory } from '../src/evaluate/history.js';
import { assessPlatform } from '../src/evaluate/platform.js';

type Obj = Record<string, unknown>;
const NOW = '2026-03-10T12:00:00Z';
const DAY = 86_400_000;

/** No caps, no cooldowns, no quiet hours: only the platform decides. */
const decider = createDecider({
  name: 'always',
  policy: {
    softPrompt: { cooldownDays: [], maxShows: 1000, maxPerSession: 1000 },
    settingsLink: { cooldownDays: [], maxShows: 1000, maxPerSession: 1000 },
  },
  rules: [
    { id: 'soft', priority: 2, conditions: { all: [] }, event: { type: 'show-soft-prompt' } },
    { id: 'link', priority: 1, conditions: { all: [] }, event: { type: 'show-settings-link' } },
  ],
});

const ask = (kind: string, outcome: string, at: string): Obj => ({ kind, outcome, at });
const sys = (outcome: string, at = '2026-03-01T10:00:00Z'): Obj => ask('system-prompt', outcome, at);

function context(platform: Obj, permission: string, extra: Obj = {}): Obj {
  return { now: NOW, platform, permission, sessions: { count: 3 }, ...extra };
}

function state(ctx: Obj): { status: string; available: boolean; embargoUntil: number | null } {
  const c = parseContext(ctx);
  const p = assessPlatform(c, summarizeHistory(c));
  return { status: p.status, available: p.systemPromptAvailable, embargoUntil: p.embargoUntil };
}

function outcome(ctx: Obj): { action: string; reason: string; ruleId?: string; retryAt: string | null } {
  const d = decider.decideUnknown(ctx);
  return {
    action: d.action,
    reason: d.reason,
    ...('ruleId' in d && { ruleId: d.ruleId }),
    retryAt: d.retryAt,
  };
}

const SOFT = { action: 'show-soft-prompt', reason: 'rule-matched', ruleId: 'soft', retryAt: null };
const LINK = { action: 'show-settings-link', reason: 'rule-matched', ruleId: 'link', retryAt: null };
const GRANTED = { action: 'wait', reason: 'already-granted', retryAt: null };
const UNSUPPORTED = { action: 'wait', reason: 'unsupported', retryAt: null };

describe('iOS: the dialog shows once', () => {
  const ios = { os: 'ios', osVersion: '17.2' };

  it('not-determined: available, soft prompt', () => {
    const c = context(ios, 'not-determined');
    expect(state(c)).toEqual({ status: 'off', available: true, embargoUntil: null });
    expect(outcome(c)).toEqual(SOFT);
  });

  it('provisional does not use the dialog up', () => {
    const c = context(ios, 'provisional', { asks: [sys('provisional')] });
    expect(state(c).available).toBe(true);
    expect(outcome(c)).toEqual(SOFT);
  });

  it('denied: not available, settings link only', () => {
    const c = context(ios, 'denied', { asks: [sys('denied')] });
    expect(state(c)).toEqual({ status: 'off', available: false, embargoUntil: null });
    expect(outcome(c)).toEqual(LINK);
  });

  it.each(['granted', 'ephemeral'])('%s counts as on: already-granted', (permission) => {
    const c = context(ios, permission);
    expect(state(c).status).toBe('granted');
    expect(outcome(c)).toEqual(GRANTED);
  });
});

describe('Android 13+ (API >= 33)', () => {
  const a13 = (targetSdk?: number): Obj => ({
    os: 'android',
    apiLevel: 34,
    ...(targetSdk !== undefined && { targetSdk }),
  });

  it('never asked: available', () => {
    expect(outcome(context(a13(34), 'not-determined'))).toEqual(SOFT);
  });

  it('targetSdk >= 33, denied once: the OS says denied but a second request still shows', () => {
    const c = context(a13(34), 'denied', { asks: [sys('denied')] });
    expect(state(c).available).toBe(true);
    expect(outcome(c)).toEqual(SOFT);
  });

  it('targetSdk >= 33, denied twice: settings link only', () => {
    const c = context(a13(34), 'denied', { asks: [sys('denied', '2026-02-01T10:00:00Z'), sys('denied')] });
    expect(state(c).available).toBe(false);
    expect(outcome(c)).toEqual(LINK);
  });

  it('the same denial logged twice is one denial', () => {
    const c = context(a13(34), 'denied', { asks: [sys('denied'), sys('denied')] });
    expect(state(c).available).toBe(true);
  });

  it('a dismissal (tap outside) is not a denial', () => {
    const asks = [
      sys('dismissed', '2026-02-01T10:00:00Z'),
      sys('dismissed', '2026-02-05T10:00:00Z'),
      sys('dismissed', '2026-02-09T10:00:00Z'),
    ];
    expect(state(context(a13(34), 'not-determined', { asks })).available).toBe(true);
    expect(outcome(context(a13(34), 'denied', { asks: [...asks, sys('denied')] }))).toEqual(SOFT);
  });

  it('a denied status with no recorded denial counts as one denial (the safe side)', () => {
    expect(state(context(a13(34), 'denied')).available).toBe(true);
    expect(state(context(a13(32), 'denied')).available).toBe(false);
  });

  it('targetSdk <= 32: one denial ends it', () => {
    const c = context(a13(32), 'denied', { asks: [sys('denied')] });
    expect(state(c).available).toBe(false);
    expect(outcome(c)).toEqual(LINK);
    expect(outcome(context(a13(32), 'not-determined'))).toEqual(SOFT);
  });

  it('an absent targetSdk counts as >= 33', () => {
    expect(outcome(context(a13(), 'denied', { asks: [sys('denied')] }))).toEqual(SOFT);
    expect(
      outcome(context(a13(), 'denied', { asks: [sys('denied', '2026-02-01T10:00:00Z'), sys('denied')] })),
    ).toEqual(LINK);
  });

  it('denied after a previous grant (turned off in settings): settings link, not a new dialog', () => {
    const c = context(a13(34), 'denied', { asks: [sys('granted', '2026-01-01T10:00:00Z')] });
    expect(state(c).available).toBe(false);
    expect(outcome(c)).toEqual(LINK);
  });

  it('granted: already-granted', () => {
    expect(outcome(context(a13(34), 'granted'))).toEqual(GRANTED);
  });
});

describe('Android 12 and lower (API <= 32): on by default', () => {
  const a12 = { os: 'android', osVersion: '12', apiLevel: 32 };

  it('reported on: already-granted', () => {
    expect(outcome(context(a12, 'granted'))).toEqual(GRANTED);
  });

  it('turned off: no dialog exists, settings link only', () => {
    const c = context(a12, 'denied');
    expect(state(c)).toEqual({ status: 'off', available: false, embargoUntil: null });
    expect(outcome(c)).toEqual(LINK);
    expect(outcome(context({ ...a12, apiLevel: 26 }, 'not-determined'))).toEqual(LINK);
  });
});

describe('web', () => {
  const web = (browser?: string): Obj => ({ os: 'web', hostOs: 'windows', ...(browser && { browser }) });

  it('default: available', () => {
    expect(outcome(context(web('chrome'), 'not-determined'))).toEqual(SOFT);
  });

  it.each(['chrome', 'firefox', 'safari', 'edge'])('%s denied is sticky: settings link only', (browser) => {
    const c = context(web(browser), 'denied');
    expect(state(c).available).toBe(false);
    expect(outcome(c)).toEqual(LINK);
  });

  const dismissals = ['2026-03-05T10:00:00Z', '2026-03-06T10:00:00Z', '2026-03-07T10:00:00Z'].map((at) =>
    sys('dismissed', at),
  );
  const ignores = [
    '2026-03-04T10:00:00Z',
    '2026-03-05T10:00:00Z',
    '2026-03-06T10:00:00Z',
    '2026-03-07T11:00:00Z',
  ].map((at) => sys('ignored', at));

  it.each(['chrome', 'edge', 'opera', 'samsung', 'other', undefined])(
    '%s: 3 dismissals embargo the origin for 7 days from the third',
    (browser) => {
      const c = context(web(browser), 'not-determined', { asks: dismissals });
      const end = Date.parse('2026-03-07T10:00:00Z') + 7 * DAY;
      expect(state(c)).toEqual({ status: 'off', available: false, embargoUntil: end });
      expect(outcome(c)).toEqual({
        action: 'wait',
        reason: 'browser-embargo',
        ruleId: 'soft',
        retryAt: '2026-03-14T10:00:00.000Z',
      });
    },
  );

  it('Chromium: 4 ignores embargo for 7 days from the fourth; 3 do not', () => {
    expect(outcome(context(web('chrome'), 'not-determined', { asks: ignores }))).toMatchObject({
      reason: 'browser-embargo',
      retryAt: '2026-03-14T11:00:00.000Z',
    });
    expect(outcome(context(web('chrome'), 'not-determined', { asks: ignores.slice(1) }))).toEqual(SOFT);
  });

  it('Chromium: 2 dismissals and 3 ignores do not add up to an embargo', () => {
    const asks = [...dismissals.slice(1), ...ignores.slice(1)];
    expect(outcome(context(web('chrome'), 'not-determined', { asks }))).toEqual(SOFT);
  });

  it('Chromium: a fourth dismissal starts a new 7 days', () => {
    const asks = [...dismissals, sys('dismissed', '2026-03-09T08:00:00Z')];
    expect(outcome(context(web('chrome'), 'not-determined', { asks })).retryAt).toBe(
      '2026-03-16T08:00:00.000Z',
    );
  });

  it('Chromium: the embargo is over 7 days after the third dismissal', () => {
    const c = {
      ...context(web('chrome'), 'not-determined', { asks: dismissals }),
      now: '2026-03-14T10:00:00Z',
    };
    expect(state(c).available).toBe(true);
    expect(outcome(c)).toEqual(SOFT);
  });

  it('Chromium: a dialog that reads "denied" during the embargo is the embargo', () => {
    expect(outcome(context(web('chrome'), 'denied', { asks: dismissals }))).toMatchObject({
      reason: 'browser-embargo',
    });
  });

  it.each(['firefox', 'safari'])('%s has no embargo: 3 dismissals leave the prompt available', (browser) => {
    const c = context(web(browser), 'not-determined', { asks: [...dismissals, ...ignores] });
    expect(state(c)).toEqual({ status: 'off', available: true, embargoUntil: null });
    expect(outcome(c)).toEqual(SOFT);
  });
});

describe('iOS/iPadOS web: 16.4+ and the Home Screen only', () => {
  const iosWeb = (hostOs: string, osVersion: string | undefined, installed: boolean | undefined): Obj => ({
    os: 'web',
    hostOs,
    browser: 'safari',
    ...(osVersion !== undefined && { osVersion }),
    ...(installed !== undefined && { installedToHomeScreen: installed }),
  });

  it.each([
    ['ios', '16.3', true],
    ['ios', '15.8', true],
    ['ipados', '16.3.1', true],
    ['ios', '16.4', false],
    ['ios', '17.2', undefined],
    ['ipados', '18.1', false],
  ] as const)('%s %s, installed %s: unsupported', (hostOs, v, installed) => {
    const c = context(iosWeb(hostOs, v, installed), 'not-determined');
    expect(state(c).status).toBe('unsupported');
    expect(outcome(c)).toEqual(UNSUPPORTED);
  });

  it.each([
    ['ios', '16.4'],
    ['ios', '16.10'],
    ['ipados', '17.0'],
    ['ios', undefined],
  ] as const)('%s %s from the Home Screen: supported', (hostOs, v) => {
    expect(outcome(context(iosWeb(hostOs, v, true), 'not-determined'))).toEqual(SOFT);
  });

  it('unsupported comes before granted', () => {
    expect(outcome(context(iosWeb('ios', '16.3', true), 'granted'))).toEqual(UNSUPPORTED);
  });

  it('macOS Safari is not limited', () => {
    expect(
      outcome(
        context({ os: 'web', hostOs: 'macos', osVersion: '10.15.7', browser: 'safari' }, 'not-determined'),
      ),
    ).toEqual(SOFT);
  });
});

describe('canAskAgain: false always wins', () => {
  it.each([
    ['ios not-determined', { os: 'ios' }, 'not-determined'],
    ['ios provisional', { os: 'ios' }, 'provisional'],
    ['android 14 never asked', { os: 'android', apiLevel: 34, targetSdk: 34 }, 'not-determined'],
    ['web default', { os: 'web', browser: 'firefox' }, 'not-determined'],
  ])('%s: no soft prompt, settings link only', (_n, platform, permission) => {
    const c = context(platform, permission, { canAskAgain: false });
    expect(state(c).available).toBe(false);
    expect(outcome(c)).toEqual(LINK);
  });

  it('canAskAgain: true does not revive a used-up dialog', () => {
    const c = context({ os: 'ios' }, 'denied', { canAskAgain: true });
    expect(outcome(c)).toEqual(LINK);
  });

  it('a granted user still gets already-granted', () => {
    expect(outcome(context({ os: 'ios' }, 'granted', { canAskAgain: false }))).toEqual(GRANTED);
  });
});
