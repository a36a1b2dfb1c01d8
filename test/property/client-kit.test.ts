/**
 * The client kit with the engine, as an app uses them:
 * 1. `toContext` after any sequence of record calls is a valid context that decides exactly
 *    as the context an app would build by hand from the same events.
 * 2. Sessions driven by the kit and `decide`, with arbitrary user answers and an
 *    independent model of each OS (iOS, Android 14 with its "can't ask again after a
 *    dismissal" report, Chrome with its embargo, Firefox), never show a soft prompt once the
 *    system dialog is gone (or embargoed), never a settings link while it can still show,
 *    and never two soft prompts inside a cooldown, counted from what the user did; native
 *    apps that lose their stored history still never prompt into a dialog that is gone.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AskInput,
  denialsOnRecord,
  type ExpoPermissionResponse,
  emptyHistory,
  outcomeFromExpo,
  outcomeFromWeb,
  type PermissionReading,
  type PromptHistory,
  permissionFromExpo,
  permissionFromWeb,
  recordAction,
  recordAsk,
  recordSession,
  toContext,
} from '../../src/client/index.js';
import { type ContextInput, createDecider, type Decider, safeParseContext } from '../../src/index.js';
import {
  contextArb,
  formatAt,
  type JsonObject,
  MS_DAY,
  MS_HOUR,
  MS_MINUTE,
  OFFSETS,
  scenarioArb,
} from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/client-kit');
const BASE = Date.parse('2026-01-05T00:00:00Z');

// ---------------------------------------------------------------------------------------
// 1. toContext equals the hand-built context
// ---------------------------------------------------------------------------------------

type Command =
  | { op: 'session'; at: number; off: number; date: boolean }
  | { op: 'action'; name: string; at: number; off: number; date: boolean }
  | { op: 'ask'; kind: string; outcome: string; at: number; off: number; date: boolean };

const OUTCOMES: Record<string, readonly string[]> = {
  'soft-prompt': ['accepted', 'declined', 'dismissed'],
  'system-prompt': ['granted', 'denied', 'dismissed', 'ignored', 'provisional'],
  'settings-link': ['opened', 'dismissed'],
};
const timeArb = fc.record({
  at: fc.integer({ min: 0, max: 60 * 24 * 40 }).map((m) => BASE + m * MS_MINUTE),
  off: fc.constantFrom(...OFFSETS),
  date: fc.boolean(),
});
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  timeArb.map((t) => ({ op: 'session' as const, ...t })),
  fc
    .tuple(fc.constantFrom('order_placed', 'article_read', 'follow_topic'), timeArb)
    .map(([name, t]) => ({ op: 'action' as const, name, ...t })),
  fc
    .constantFrom(...Object.keys(OUTCOMES))
    .chain((kind) => fc.tuple(fc.constant(kind), fc.constantFrom(...OUTCOMES[kind]!), timeArb))
    .map(([kind, outcome, t]) => ({ op: 'ask' as const, kind, outcome, ...t })),
);

const instant = (c: { at: number; off: number; date: boolean }): Date | string =>
  c.date ? new Date(c.at) : formatAt(c.at, c.off, false, false);

function byKit(commands: readonly Command[]): PromptHistory {
  let s = emptyHistory();
  for (const c of commands) {
    if (c.op === 'session') s = recordSession(s, instant(c));
    else if (c.op === 'action') s = recordAction(s, c.name, instant(c));
    else s = recordAsk(s, { kind: c.kind, outcome: c.outcome, at: instant(c) } as AskInput);
  }
  return s;
}

/** What an app would write by hand from the same events (UTC texts, asks as they came). */
function byHand(commands: readonly Command[]): JsonObject {
  const iso = (ms: number) => new Date(ms).toISOString();
  const sessions = commands.filter((c) => c.op === 'session');
  const keyActions: Record<string, { count: number; lastAt: string }> = {};
  for (const c of commands) {
    if (c.op !== 'action') continue;
    const old = keyActions[c.name];
    keyActions[c.name] = {
      count: (old?.count ?? 0) + 1,
      lastAt: iso(Math.max(c.at, old === undefined ? c.at : Date.parse(old.lastAt))),
    };
  }
  return {
    sessions: {
      count: Math.max(1, sessions.length),
      ...(sessions.length > 0 && {
        firstSeenAt: iso(sessions[0]!.at),
        currentStartedAt: iso(sessions.at(-1)!.at),
      }),
    },
    keyActions,
    asks: commands.flatMap((c) =>
      c.op === 'ask' ? [{ kind: c.kind, outcome: c.outcome, at: formatAt(c.at, c.off, false, true) }] : [],
    ),
  };
}

describe('the client kit', () => {
  it('toContext after any record calls decides as the hand-built context, and is valid', () => {
    const arb = fc.tuple(fc.array(commandArb, { maxLength: 40 }), scenarioArb, contextArb);
    fc.assert(
      fc.property(arb, ([commands, { ruleSet }, base]) => {
        const now = formatAt(BASE + 41 * MS_DAY, 60, false, false);
        const parts = {
          now,
          platform: base.platform as ContextInput['platform'],
          permission: base.permission as ContextInput['permission'],
          ...(typeof base.canAskAgain === 'boolean' && { canAskAgain: base.canAskAgain }),
          ...(typeof base.trigger === 'string' && { trigger: base.trigger }),
          ...(typeof base.userId === 'string' && { userId: base.userId }),
          ...(base.attributes !== undefined && { attributes: base.attributes as ContextInput['attributes'] }),
        };
        const kit = toContext(byKit(commands), parts);
        expect(safeParseContext(kit).success).toBe(true);
        const hand = { ...parts, ...byHand(commands) };
        const decider = createDecider(ruleSet);
        expect(decider.decide(kit)).toEqual(decider.decideUnknown(hand));
      }),
      runOptions(seed, 700),
    );
  });
});

// ---------------------------------------------------------------------------------------
// 2. Sessions with an independent OS model
// ---------------------------------------------------------------------------------------

type Answer = 'allow' | 'deny' | 'dismiss' | 'ignore';

/** The OS, modeled from the platform documents, independently of src/. */
interface Os {
  readonly platform: ContextInput['platform'];
  /** Would the dialog show if requested at `now`? */
  shows(now: number): boolean;
  /** Can it never show again (not merely embargoed)? */
  gone(now: number): boolean;
  /** The permission the app reads now, through the kit's adapter. */
  reading(): PermissionReading;
  /** A request at `now` answered with `answer` (if a dialog shows): the outcome to record. */
  request(answer: Answer, now: number, priorDenials: number): string | null;
}

/** iOS: one dialog; "dismiss"/"ignore" = the app was closed before an answer. */
function ios(): Os {
  let state: 0 | 1 | 2 = 0; // UNAuthorizationStatus: notDetermined, denied, authorized
  const response = (): ExpoPermissionResponse => ({
    status: state === 2 ? 'granted' : state === 1 ? 'denied' : 'undetermined',
    canAskAgain: state !== 1,
    ios: { status: state },
  });
  return {
    platform: { os: 'ios', osVersion: '17.4' },
    shows: () => state === 0,
    gone: () => state !== 0,
    reading: () => permissionFromExpo(response()),
    request(answer, _now, prior) {
      const before = response();
      if (state === 0 && answer === 'allow') state = 2;
      else if (state === 0 && answer === 'deny') state = 1;
      return outcomeFromExpo(response(), before, prior);
    },
  };
}

/**
 * Android 14, app targeting 34: the dialog shows until two denials; a dismissal is not a
 * denial; shouldShowRequestPermissionRationale is true after exactly one denial, and false
 * after a dismissal with no denial yet (Android 11+), which Expo reports as canAskAgain.
 */
function android(): Os {
  let granted = false;
  let asked = false;
  let denials = 0;
  const rationale = () => denials === 1;
  const response = (): ExpoPermissionResponse => ({
    status: granted ? 'granted' : asked ? 'denied' : 'undetermined',
    canAskAgain: granted || !asked || rationale(),
    android: { importance: 3 },
  });
  return {
    platform: { os: 'android', apiLevel: 34, targetSdk: 34 },
    shows: () => !granted && denials < 2,
    gone: () => granted || denials >= 2,
    reading: () => permissionFromExpo(response()),
    request(answer, _now, prior) {
      const before = response();
      if (!granted && denials < 2) {
        asked = true;
        if (answer === 'allow') granted = true;
        else if (answer === 'deny') denials++;
      }
      return outcomeFromExpo(response(), before, prior);
    },
  };
}

/** A browser: `Notification.permission`; Chromium embargoes 7 days after 3 dismissals or 4 ignores. */
function browser(name: 'chrome' | 'firefox'): Os {
  let permission: 'default' | 'granted' | 'denied' = 'default';
  let dismissals = 0;
  let ignores = 0;
  let embargoUntil = Number.NEGATIVE_INFINITY;
  return {
    platform: { os: 'web', hostOs: 'windows', browser: name },
    shows: (now) => permission === 'default' && now >= embargoUntil,
    gone: () => permission !== 'default',
    reading: () => permissionFromWeb(permission),
    request(answer, now) {
      if (permission !== 'default' || now < embargoUntil) return null;
      if (answer === 'allow') permission = 'granted';
      else if (answer === 'deny') permission = 'denied';
      else if (name === 'chrome') {
        if (answer === 'dismiss' && ++dismissals >= 3) embargoUntil = now + 7 * MS_DAY;
        if (answer === 'ignore' && ++ignores >= 4) embargoUntil = now + 7 * MS_DAY;
      }
      return outcomeFromWeb(permission);
    },
  };
}

const OSES = { ios, android, chrome: () => browser('chrome'), firefox: () => browser('firefox') };
const EAGER_DAYS = [1, 3, 7];
const DECIDERS: Record<string, { decider: Decider; days: readonly number[]; maxShows: number }> = {
  eager: {
    decider: createDecider({
      name: 'eager',
      policy: { softPrompt: { cooldownDays: EAGER_DAYS, maxShows: 20, maxPerSession: 1 } },
      rules: [
        { id: 'ask', priority: 2, conditions: { all: [] }, event: { type: 'show-soft-prompt' } },
        { id: 'settings', conditions: { all: [] }, event: { type: 'show-settings-link' } },
      ],
    }),
    days: EAGER_DAYS,
    maxShows: 20,
  },
  default: {
    decider: createDecider(readFileSync('rules/default.json', 'utf8')),
    days: [3, 7, 30],
    maxShows: 3,
  },
};

const stepArb = fc.record({
  gapHours: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 24, max: 24 * 12 })),
  trigger: fc.constantFrom('order_placed', 'save_item', undefined),
  soft: fc.constantFrom('accepted', 'accepted', 'declined', 'dismissed'),
  dialog: fc.constantFrom<Answer>('allow', 'deny', 'deny', 'dismiss', 'dismiss', 'ignore'),
  /** The app's store was lost (a cleared AsyncStorage, a failed write): the OS keeps its state. */
  forget: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, fc.constant(true)),
});

describe('sessions driven by the kit and decide', () => {
  it('never prompt once the dialog is gone, never link while it shows, never twice in a cooldown', () => {
    const stats = { soft: 0, links: 0, androidCanAskAgainFalseButShown: 0, gone: 0, forgotten: 0 };
    const arb = fc.record({
      os: fc.constantFrom(...(Object.keys(OSES) as (keyof typeof OSES)[])),
      rules: fc.constantFrom('eager', 'default'),
      offset: fc.constantFrom(...OFFSETS),
      steps: fc.array(stepArb, { minLength: 5, maxLength: 30 }),
    });
    fc.assert(
      fc.property(arb, ({ os: osName, rules, offset, steps }) => {
        const os = OSES[osName]();
        const { decider, days, maxShows } = DECIDERS[rules]!;
        const text = (ms: number) => formatAt(ms, offset, false, false);
        let state = emptyHistory();
        let t = BASE;
        const declines: number[] = []; // what the user did, counted here, not read from the context
        let shows = 0;
        let forgotten = false;
        for (const step of steps) {
          t += step.gapHours * MS_HOUR;
          // Native apps only: the browser's embargo is known from the history alone, so a web
          // app that loses its history may prompt into an embargo (docs/client.md says so).
          if (step.forget && os.platform.os !== 'web') {
            state = emptyHistory();
            declines.length = 0;
            shows = 0;
            forgotten = true;
            stats.forgotten++;
          }
          state = recordSession(state, text(t));
          const now = t + MS_MINUTE;
          if (step.trigger !== undefined) state = recordAction(state, step.trigger, text(now));
          const reading = os.reading();
          if ('unsupported' in reading) throw new Error('every modeled OS supports push');
          const d = decider.decide(
            toContext(state, {
              now: text(now),
              platform: os.platform,
              ...reading,
              ...(step.trigger !== undefined && { trigger: step.trigger }),
            }),
          );
          if (os.gone(now)) stats.gone++;
          if (d.action === 'show-settings-link') {
            stats.links++;
            // Without the history, Android's "can't ask again" after a dismissal wins (the safe
            // side): a settings link although the dialog would still show.
            if (!forgotten) expect(os.gone(now)).toBe(true);
            state = recordAsk(state, { kind: 'settings-link', outcome: 'dismissed', at: text(now) });
          }
          if (d.action !== 'show-soft-prompt') continue;
          stats.soft++;
          if (osName === 'android' && reading.canAskAgain === false) stats.androidCanAskAgainFalseButShown++;
          // The dialog is still there, and no cooldown of the ladder is running.
          expect(os.shows(now)).toBe(true);
          let end = Number.NEGATIVE_INFINITY;
          declines.forEach((at, n) => {
            end = Math.max(end, at + days[Math.min(n, days.length - 1)]! * MS_DAY);
          });
          expect(now).toBeGreaterThanOrEqual(end);
          expect(++shows).toBeLessThanOrEqual(maxShows);
          state = recordAsk(state, { kind: 'soft-prompt', outcome: step.soft, at: text(now) } as AskInput);
          if (step.soft !== 'accepted') {
            declines.push(now);
            continue;
          }
          // The accept click requests the permission; the OS may show its dialog.
          const asked = now + 5000;
          const outcome = os.request(step.dialog, asked, denialsOnRecord(state));
          if (outcome !== null) {
            state = recordAsk(state, { kind: 'system-prompt', outcome, at: text(asked) } as AskInput);
            if (outcome === 'dismissed' || outcome === 'ignored') declines.push(asked);
          }
        }
      }),
      runOptions(seed, 1500),
    );
    console.log(`kit sessions: ${JSON.stringify(stats)}`);
    expect(stats.soft).toBeGreaterThan(1000);
    expect(stats.links).toBeGreaterThan(100);
    expect(stats.gone).toBeGreaterThan(1000);
    // Android's "can't ask again" after a mere dismissal was overruled by the history, rightly.
    expect(stats.androidCanAskAgainFalseButShown).toBeGreaterThan(20);
    expect(stats.forgotten).toBeGreaterThan(100);
  });
});
