/**
 * The ask history summarized in one pass over the (sorted, deduplicated) asks.
 */
import type { Context } from '../context/parse.js';
import { MS_PER_DAY } from '../shared/time.js';

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

/** A History that the decider fills in place on each call (decide is synchronous). */
export type MutableHistory = { -readonly [K in keyof History]: History[K] };

/**
 * A History to fill with {@link summarizeHistoryInto}.
 *
 * @example
 * const scratch = newHistory();
 */
export function newHistory(): MutableHistory {
  return {
    softShows: 0,
    softDeclines: 0,
    lastSoftAt: undefined,
    softShowsInSession: 0,
    systemShows: 0,
    systemDenials: 0,
    previouslyGranted: false,
    settingsShows: 0,
    lastSettingsAt: undefined,
    settingsShowsInSession: 0,
    chromiumEmbargoEnd: undefined,
  };
}

/**
 * Summarizes a context's asks.
 *
 * @example
 * summarizeHistory(parseContext(json)).systemDenials; // 1
 */
export function summarizeHistory(ctx: Context): History {
  return summarizeHistoryInto(ctx, newHistory());
}

/**
 * {@link summarizeHistory} into an existing object (every field is written), so the
 * decider's hot path allocates nothing.
 *
 * @example
 * summarizeHistoryInto(ctx, scratch).softShows; // 1
 */
export function summarizeHistoryInto(ctx: Context, out: MutableHistory): History {
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
  out.softShows = softShows;
  out.softDeclines = softDeclines;
  out.lastSoftAt = lastSoftAt;
  out.softShowsInSession = softShowsInSession;
  out.systemShows = systemShows;
  out.systemDenials = systemDenials;
  out.previouslyGranted = previouslyGranted;
  out.settingsShows = settingsShows;
  out.lastSettingsAt = lastSettingsAt;
  out.settingsShowsInSession = settingsShowsInSession;
  out.chromiumEmbargoEnd = chromiumEmbargoEnd;
  return out;
}
