/**
 * The ask history summarized in one pass over the (sorted, deduplicated) asks.
 */
import type { Context } from './context.js';
import { MS_PER_DAY } from './time.js';

/**
 * Chromium auto-blocks ("embargoes") an origin's permission prompt for 7 days after 3
 * dismissals or 4 ignores of its dialog; the counters never reset, so each further
 * dismissal (ignore) past the threshold starts a new 7-day embargo.
 * Source: components/permissions/permission_decision_auto_blocker.cc
 * (kDefaultDismissalsBeforeBlock = 3, kDefaultIgnoresBeforeBlock = 4, kDefaultEmbargoDays = 7),
 * https://source.chromium.org/chromium/chromium/src/+/main:components/permissions/permission_decision_auto_blocker.cc
 */
export const CHROMIUM_DISMISSALS_BEFORE_BLOCK = 3;
export const CHROMIUM_IGNORES_BEFORE_BLOCK = 4;
export const CHROMIUM_EMBARGO_MS = 7 * MS_PER_DAY;

export interface History {
  readonly softShows: number;
  /** Soft prompts answered "Not now" or dismissed. */
  readonly softDeclines: number;
  readonly lastSoftAt: number | undefined;
  /** Soft prompts at or after `sessions.currentStartedAt` (0 when it is not sent). */
  readonly softShowsInSession: number;
  readonly systemShows: number;
  readonly systemDenials: number;
  /** A system dialog was ever answered "Allow" (or provisional). */
  readonly previouslyGranted: boolean;
  readonly settingsShows: number;
  readonly lastSettingsAt: number | undefined;
  readonly settingsShowsInSession: number;
  /** End of the latest Chromium embargo the history implies (may be in the past). */
  readonly chromiumEmbargoEnd: number | undefined;
}

/**
 * Summarizes a context's asks.
 *
 * @example
 * summarizeHistory(parseContext(json)).systemDenials; // 1
 */
export function summarizeHistory(ctx: Context): History {
  const sessionStart = ctx.sessions.currentStartedAt;
  let softShows = 0;
  let softDeclines = 0;
  let lastSoftAt: number | undefined;
  let softShowsInSession = 0;
  let systemShows = 0;
  let systemDenials = 0;
  let dismissals = 0;
  let ignores = 0;
  let previouslyGranted = false;
  let settingsShows = 0;
  let lastSettingsAt: number | undefined;
  let settingsShowsInSession = 0;
  let chromiumEmbargoEnd: number | undefined;
  const asks = ctx.asks;
  for (let i = 0; i < asks.length; i++) {
    const a = asks[i]!;
    const inSession = sessionStart !== undefined && a.at >= sessionStart;
    if (a.kind === 'soft-prompt') {
      softShows++;
      lastSoftAt = a.at;
      if (inSession) softShowsInSession++;
      if (a.outcome !== 'accepted') softDeclines++;
    } else if (a.kind === 'system-prompt') {
      systemShows++;
      if (a.outcome === 'denied') systemDenials++;
      else if (a.outcome === 'granted' || a.outcome === 'provisional') previouslyGranted = true;
      else if (a.outcome === 'dismissed') {
        if (++dismissals >= CHROMIUM_DISMISSALS_BEFORE_BLOCK) {
          chromiumEmbargoEnd = Math.max(chromiumEmbargoEnd ?? 0, a.at + CHROMIUM_EMBARGO_MS);
        }
      } else if (++ignores >= CHROMIUM_IGNORES_BEFORE_BLOCK) {
        chromiumEmbargoEnd = Math.max(chromiumEmbargoEnd ?? 0, a.at + CHROMIUM_EMBARGO_MS);
      }
    } else {
      settingsShows++;
      lastSettingsAt = a.at;
      if (inSession) settingsShowsInSession++;
    }
  }
  return {
    softShows,
    softDeclines,
    lastSoftAt,
    softShowsInSession,
    systemShows,
    systemDenials,
    previouslyGranted,
    settingsShows,
    lastSettingsAt,
    settingsShowsInSession,
    chromiumEmbargoEnd,
  };
}
