/**
 * Facts: the values conditions read, computed once per decision from the context, the
 * ask history and the platform state. Names and meanings are the catalog's (catalog.ts).
 */
import type { AttributeValue, Context, KeyActionStat, Permission } from '../context/parse.js';
import { fnv1a } from '../shared/hash.js';
import { localDayOfWeek, localHour, MS_PER_DAY, MS_PER_HOUR } from '../shared/time.js';
import { majorVersion } from '../shared/version.js';
import type { History } from './history.js';
import type { PlatformState } from './platform.js';

/** Every catalog fact for one decision; absent facts are `undefined`, as in json-rules-engine. */
export interface Facts {
  /** Evaluation time (epoch ms); not a fact, used by keyActions' hoursSinceLast. */
  readonly now: number;
  readonly os: string;
  readonly hostOs: string | undefined;
  readonly osVersion: string | undefined;
  readonly osMajorVersion: number | undefined;
  readonly apiLevel: number | undefined;
  readonly browser: string | undefined;
  readonly permission: Permission;
  readonly systemPromptAvailable: boolean;
  readonly sessionCount: number;
  readonly daysSinceFirstSeen: number | undefined;
  readonly secondsInSession: number | undefined;
  readonly trigger: string | undefined;
  readonly keyActions: Readonly<Record<string, KeyActionStat>>;
  readonly totalKeyActions: number;
  readonly softPromptShows: number;
  readonly softPromptDeclines: number;
  readonly hoursSinceLastSoftPrompt: number | undefined;
  readonly systemPromptShows: number;
  readonly systemPromptDenials: number;
  readonly settingsLinkShows: number;
  readonly hoursSinceLastSettingsLink: number | undefined;
  readonly previouslyGranted: boolean;
  readonly localHour: number;
  readonly localDayOfWeek: number;
  readonly userBucket: number | undefined;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/**
 * A stable bucket 0-99 for a user id: FNV-1a over `v1:<userId>`. Versioned so a change
 * of hash can keep old assignments reachable.
 *
 * @example
 * userBucket('user-42'); // a number from 0 to 99, the same on every platform
 */
export function userBucket(userId: string): number {
  return Number.parseInt(fnv1a(`v1:${userId}`), 16) % 100;
}

const since = (now: number, at: number | undefined, unit: number): number | undefined =>
  at === undefined ? undefined : (now - at) / unit;

/** A Facts that a decider fills in place on each call (decide is synchronous: no reentrancy). */
export type MutableFacts = { -readonly [K in keyof Facts]: Facts[K] };

/**
 * Which facts a decider computes, as a list of fact numbers (positions in FACT_ORDER):
 * those its rules read; the others are never looked at.
 */
export type FactNeeds = Uint8Array;

/** Every fact, in the order of the Facts object's fields. */
const FACT_ORDER: readonly (keyof Facts)[] = [
  'now',
  'os',
  'hostOs',
  'osVersion',
  'osMajorVersion',
  'apiLevel',
  'browser',
  'permission',
  'systemPromptAvailable',
  'sessionCount',
  'daysSinceFirstSeen',
  'secondsInSession',
  'trigger',
  'keyActions',
  'totalKeyActions',
  'softPromptShows',
  'softPromptDeclines',
  'hoursSinceLastSoftPrompt',
  'systemPromptShows',
  'systemPromptDenials',
  'settingsLinkShows',
  'hoursSinceLastSettingsLink',
  'previouslyGranted',
  'localHour',
  'localDayOfWeek',
  'userBucket',
  'attributes',
];

const ALL: FactNeeds = Uint8Array.from(FACT_ORDER.keys());

/**
 * The facts to compute for rules that read the given fact names (`now` among them when a
 * keyActions `hoursSinceLast` path is read: see factsRead).
 *
 * @example
 * factNeeds(['trigger']); // Uint8Array [12]: only the trigger is copied, no user id hashed
 */
export function factNeeds(names: Iterable<string>): FactNeeds {
  const set = new Set(names);
  return Uint8Array.from(FACT_ORDER.flatMap((k, i) => (set.has(k) ? [i] : [])));
}

/**
 * An empty Facts to fill with {@link fillFacts} (same fields in the same order as
 * {@link computeFacts}, so both have one shape).
 *
 * @example
 * const scratch = newFacts();
 */
export function newFacts(): MutableFacts {
  return {
    // A double from the start (not the small integer 0), so V8 stores later times in place
    // instead of boxing a new number on every decision.
    now: Number.NaN,
    os: '',
    hostOs: undefined,
    osVersion: undefined,
    osMajorVersion: undefined,
    apiLevel: undefined,
    browser: undefined,
    permission: 'not-determined',
    systemPromptAvailable: false,
    sessionCount: 0,
    daysSinceFirstSeen: undefined,
    secondsInSession: undefined,
    trigger: undefined,
    keyActions: EMPTY,
    totalKeyActions: 0,
    softPromptShows: 0,
    softPromptDeclines: 0,
    hoursSinceLastSoftPrompt: undefined,
    systemPromptShows: 0,
    systemPromptDenials: 0,
    settingsLinkShows: 0,
    hoursSinceLastSettingsLink: undefined,
    previouslyGranted: false,
    localHour: 0,
    localDayOfWeek: 0,
    userBucket: undefined,
    attributes: EMPTY,
  };
}

const EMPTY: Readonly<Record<string, never>> = Object.freeze(Object.create(null));

/**
 * Computes all facts for a decision.
 *
 * @example
 * const h = summarizeHistory(ctx);
 * computeFacts(ctx, h, assessPlatform(ctx, h)).sessionCount; // 2
 */
export function computeFacts(ctx: Context, h: History, p: PlatformState): Facts {
  return fillFacts(newFacts(), ctx, h, p, ALL);
}

/**
 * Writes the facts of a decision into `out`: each fact that `needs` lists (the others keep
 * stale values that no rule of this decider reads). Computing only what the rules read
 * keeps a decision from hashing a user id or boxing doubles that nothing looks at.
 *
 * @example
 * fillFacts(scratch, ctx, h, p, factNeeds(['trigger'])).trigger; // 'order_placed'
 */
export function fillFacts(
  out: MutableFacts,
  ctx: Context,
  h: History,
  p: PlatformState,
  needs: FactNeeds,
): Facts {
  const now = ctx.now;
  const platform = ctx.platform;
  for (let i = 0; i < needs.length; i++) {
    // The case numbers are positions in FACT_ORDER.
    switch (needs[i]) {
      case 0:
        out.now = now;
        break;
      case 1:
        out.os = platform.os;
        break;
      case 2:
        out.hostOs = platform.hostOs;
        break;
      case 3:
        out.osVersion = platform.osVersion;
        break;
      case 4:
        out.osMajorVersion = platform.osVersion === undefined ? undefined : majorVersion(platform.osVersion);
        break;
      case 5:
        out.apiLevel = platform.apiLevel;
        break;
      case 6:
        out.browser = platform.browser;
        break;
      case 7:
        out.permission = ctx.permission;
        break;
      case 8:
        out.systemPromptAvailable = p.systemPromptAvailable;
        break;
      case 9:
        out.sessionCount = ctx.sessions.count;
        break;
      case 10:
        out.daysSinceFirstSeen = since(now, ctx.sessions.firstSeenAt, MS_PER_DAY);
        break;
      case 11:
        out.secondsInSession = since(now, ctx.sessions.currentStartedAt, 1000);
        break;
      case 12:
        out.trigger = ctx.trigger;
        break;
      case 13:
        out.keyActions = ctx.keyActions;
        break;
      case 14:
        out.totalKeyActions = totalOf(ctx.keyActions);
        break;
      case 15:
        out.softPromptShows = h.softShows;
        break;
      case 16:
        out.softPromptDeclines = h.softDeclines;
        break;
      case 17:
        out.hoursSinceLastSoftPrompt = since(now, h.lastSoftAt, MS_PER_HOUR);
        break;
      case 18:
        out.systemPromptShows = h.systemShows;
        break;
      case 19:
        out.systemPromptDenials = h.systemDenials;
        break;
      case 20:
        out.settingsLinkShows = h.settingsShows;
        break;
      case 21:
        out.hoursSinceLastSettingsLink = since(now, h.lastSettingsAt, MS_PER_HOUR);
        break;
      case 22:
        out.previouslyGranted = h.previouslyGranted;
        break;
      case 23:
        out.localHour = localHour(now, ctx.offsetMinutes);
        break;
      case 24:
        out.localDayOfWeek = localDayOfWeek(now, ctx.offsetMinutes);
        break;
      case 25:
        out.userBucket = ctx.userId === undefined ? undefined : userBucket(ctx.userId);
        break;
      case 26:
        out.attributes = ctx.attributes;
        break;
    }
  }
  return out;
}

function totalOf(keyActions: Readonly<Record<string, KeyActionStat>>): number {
  let total = 0;
  for (const k in keyActions) total += (keyActions[k] as KeyActionStat).count;
  return total;
}
