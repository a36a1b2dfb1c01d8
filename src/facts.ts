/**
 * Facts: the values conditions read, computed once per decision from the context, the
 * ask history and the platform state. Names and meanings are the catalog's (catalog.ts).
 */
import type { AttributeValue, Context, KeyActionStat, Permission } from './context.js';
import { fnv1a } from './hash.js';
import type { History } from './history.js';
import type { PlatformState } from './platform.js';
import { localDayOfWeek, localHour, MS_PER_DAY, MS_PER_HOUR } from './time.js';
import { majorVersion } from './version.js';

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

/**
 * Computes all facts for a decision.
 *
 * @example
 * const h = summarizeHistory(ctx);
 * computeFacts(ctx, h, assessPlatform(ctx, h)).sessionCount; // 2
 */
export function computeFacts(ctx: Context, h: History, p: PlatformState): Facts {
  const now = ctx.now;
  let total = 0;
  for (const k in ctx.keyActions) total += (ctx.keyActions[k] as KeyActionStat).count;
  const v = ctx.platform.osVersion;
  return {
    now,
    os: ctx.platform.os,
    hostOs: ctx.platform.hostOs,
    osVersion: v,
    osMajorVersion: v === undefined ? undefined : majorVersion(v),
    apiLevel: ctx.platform.apiLevel,
    browser: ctx.platform.browser,
    permission: ctx.permission,
    systemPromptAvailable: p.systemPromptAvailable,
    sessionCount: ctx.sessions.count,
    daysSinceFirstSeen: since(now, ctx.sessions.firstSeenAt, MS_PER_DAY),
    secondsInSession: since(now, ctx.sessions.currentStartedAt, 1000),
    trigger: ctx.trigger,
    keyActions: ctx.keyActions,
    totalKeyActions: total,
    softPromptShows: h.softShows,
    softPromptDeclines: h.softDeclines,
    hoursSinceLastSoftPrompt: since(now, h.lastSoftAt, MS_PER_HOUR),
    systemPromptShows: h.systemShows,
    systemPromptDenials: h.systemDenials,
    settingsLinkShows: h.settingsShows,
    hoursSinceLastSettingsLink: since(now, h.lastSettingsAt, MS_PER_HOUR),
    previouslyGranted: h.previouslyGranted,
    localHour: localHour(now, ctx.offsetMinutes),
    localDayOfWeek: localDayOfWeek(now, ctx.offsetMinutes),
    userBucket: ctx.userId === undefined ? undefined : userBucket(ctx.userId),
    attributes: ctx.attributes,
  };
}
