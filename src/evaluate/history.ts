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
const CHROMIUM_DISMISSALS_BEFORE_BLOCK = 3;
const CHROMIUM_IGNORES_BEFORE_BLOCK = 4;
const CHROMIUM_EMBARGO_MS = 7 * MS_PER_DAY;

export interface History {
  readonly softPromptShows: number;
  /** Soft prompts answered "Not now" or dismissed. */
  readonly softPromptDeclines: number;
  readonly lastSoftPromptAt: number | undefined;
  /** Soft prompts at or after `sessions.currentStartedAt` (0 when it is not sent). */
  readonly softPromptShowsInSession: number;
  readonly systemPromptShows: number;
  readonly systemPromptDenials: number;
  /** A system dialog was ever answered "Allow" (or provisional). */
  readonly previouslyGranted: boolean;
  readonly settingsLinkShows: number;
  readonly lastSettingsLinkAt: number | undefined;
  readonly settingsLinkShowsInSession: number;
  /** End of the latest Chromium embargo the history implies (may be in the past). */
  readonly chromiumEmbargoEnd: number | undefined;
}

/** A History that the decider fills in place on each call (decide is synchronous). */
type MutableHistory = { -readonly [K in keyof History]: History[K] };

/**
 * A History to fill with {@link summarizeHistoryInto}.
 *
 * @example
 * const scratch = newHistory();
 */
export function newHistory(): MutableHistory {
  return {
    softPromptShows: 0,
    softPromptDeclines: 0,
    lastSoftPromptAt: undefined,
    softPromptShowsInSession: 0,
    systemPromptShows: 0,
    systemPromptDenials: 0,
    previouslyGranted: false,
    settingsLinkShows: 0,
    lastSettingsLinkAt: undefined,
    settingsLinkShowsInSession: 0,
    chromiumEmbargoEnd: undefined,
  };
}

/**
 * Summarizes a context's asks.
 *
 * @example
 * summarizeHistory(parseContext(json)).systemPromptDenials; // 1
 */
export function summarizeHistory(ctx: Context): History {
  return summarizeHistoryInto(ctx, newHistory());
}

/**
 * {@link summarizeHistory} into an existing object (every field is written), so the
 * decider's hot path allocates nothing.
 *
 * @example
 * summarizeHistoryInto(ctx, scratch).softPromptShows; // 1
 */
export function summarizeHistoryInto(ctx: Context, out: MutableHistory): History {
  const sessionStart = ctx.sessions.currentStartedAt;
  let softPromptShows = 0;
  let softPromptDeclines = 0;
  let lastSoftPromptAt: number | undefined;
  let softPromptShowsInSession = 0;
  let systemPromptShows = 0;
  let systemPromptDenials = 0;
  let dismissals = 0;
  let ignores = 0;
  let previouslyGranted = false;
  let settingsLinkShows = 0;
  let lastSettingsLinkAt: number | undefined;
  let settingsLinkShowsInSession = 0;
  let chromiumEmbargoEnd: number | undefined;
  const asks = ctx.asks;
  for (let i = 0; i < asks.length; i++) {
    const a = asks[i]!;
    const inSession = sessionStart !== undefined && a.at >= sessionStart;
    if (a.kind === 'soft-prompt') {
      softPromptShows++;
      lastSoftPromptAt = a.at;
      if (inSession) softPromptShowsInSession++;
      if (a.outcome !== 'accepted') softPromptDeclines++;
    } else if (a.kind === 'system-prompt') {
      systemPromptShows++;
      if (a.outcome === 'denied') systemPromptDenials++;
      else if (a.outcome === 'granted' || a.outcome === 'provisional') previouslyGranted = true;
      else if (a.outcome === 'dismissed') {
        if (++dismissals >= CHROMIUM_DISMISSALS_BEFORE_BLOCK) {
          chromiumEmbargoEnd = Math.max(chromiumEmbargoEnd ?? 0, a.at + CHROMIUM_EMBARGO_MS);
        }
      } else if (++ignores >= CHROMIUM_IGNORES_BEFORE_BLOCK) {
        chromiumEmbargoEnd = Math.max(chromiumEmbargoEnd ?? 0, a.at + CHROMIUM_EMBARGO_MS);
      }
    } else {
      settingsLinkShows++;
      lastSettingsLinkAt = a.at;
      if (inSession) settingsLinkShowsInSession++;
    }
  }
  out.softPromptShows = softPromptShows;
  out.softPromptDeclines = softPromptDeclines;
  out.lastSoftPromptAt = lastSoftPromptAt;
  out.softPromptShowsInSession = softPromptShowsInSession;
  out.systemPromptShows = systemPromptShows;
  out.systemPromptDenials = systemPromptDenials;
  out.previouslyGranted = previouslyGranted;
  out.settingsLinkShows = settingsLinkShows;
  out.lastSettingsLinkAt = lastSettingsLinkAt;
  out.settingsLinkShowsInSession = settingsLinkShowsInSession;
  out.chromiumEmbargoEnd = chromiumEmbargoEnd;
  return out;
}
