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
  /**
   * Soft prompts answered "Not now" or dismissed, plus accepted ones whose system dialog was
   * then dismissed or ignored (see {@link summarizeHistoryInto}): each starts a cooldown.
   */
  readonly softPromptDeclines: number;
  /** When each of those declines happened, in time order (the cooldown ladder reads them). */
  readonly softPromptDeclineTimes: readonly number[];
  readonly lastSoftPromptAt: number | undefined;
  /** Soft prompts at or after `sessions.currentStartedAt` (0 when it is not sent). */
  readonly softPromptShowsInSession: number;
  readonly systemPromptShows: number;
  readonly systemPromptDenials: number;
  /** A system dialog was ever answered "Allow" (or provisional). */
  readonly previouslyGranted: boolean;
  /**
   * Every system-prompt ask at the latest instant one was recorded was a dismissal (false
   * when none was recorded). The Android rule in platform.ts reads it.
   */
  readonly lastSystemPromptDismissed: boolean;
  readonly settingsLinkShows: number;
  /** When each settings link was shown, in time order (its cooldown ladder reads them). */
  readonly settingsLinkTimes: readonly number[];
  readonly lastSettingsLinkAt: number | undefined;
  readonly settingsLinkShowsInSession: number;
  /** End of the latest Chromium embargo the history implies (may be in the past). */
  readonly chromiumEmbargoEnd: number | undefined;
}

/** A History that the decider fills in place on each call (decide is synchronous). */
type MutableHistory = {
  -readonly [K in Exclude<keyof History, 'softPromptDeclineTimes' | 'settingsLinkTimes'>]: History[K];
} & { readonly softPromptDeclineTimes: number[]; readonly settingsLinkTimes: number[] };

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
    softPromptDeclineTimes: [],
    lastSoftPromptAt: undefined,
    softPromptShowsInSession: 0,
    systemPromptShows: 0,
    systemPromptDenials: 0,
    previouslyGranted: false,
    lastSystemPromptDismissed: false,
    settingsLinkShows: 0,
    settingsLinkTimes: [],
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
 * An accepted soft prompt whose system dialog was then dismissed or ignored counts as a
 * decline, at the time of that dialog, and so starts the soft-prompt cooldown ladder like a
 * "Not now" (OneSignal's web SDK backs its slidedown off the same way when the browser
 * prompt after an accepted slidedown is closed without an answer). Its dialog is the first
 * system-prompt ask after it, before the next soft prompt, in the order the asks were
 * written (at one instant, dismissals and ignores sort before other outcomes: when several
 * asks share that instant, one walk-away is enough, the safe side). A grant, a denial or a
 * provisional grant there ends it without a back-off (a denial has its own consequences).
 * The relation depends only on the order the asks were written in, never on where
 * clamping to `now` put them, so a later `now` never takes back a decline (retryAt stays
 * honest under clock skew).
 *
 * One pass over the asks, sorted as the context keeps them: by the time they were written,
 * then kind (soft prompt, system prompt, settings link), then outcome.
 *
 * @example
 * summarizeHistoryInto(ctx, scratch).softPromptShows; // 1
 */
export function summarizeHistoryInto(ctx: Context, out: MutableHistory): History {
  const sessionStart = ctx.sessions.currentStartedAt;
  const declineTimes = out.softPromptDeclineTimes;
  const linkTimes = out.settingsLinkTimes;
  // Emptied with pop: assigning `length = 0` is a runtime call in V8, a tenth of a decision.
  while (declineTimes.length > 0) declineTimes.pop();
  while (linkTimes.length > 0) linkTimes.pop();
  let softPromptShows = 0;
  let lastSoftPromptAt: number | undefined;
  let softPromptShowsInSession = 0;
  let systemPromptShows = 0;
  let systemPromptDenials = 0;
  let dismissals = 0;
  let ignores = 0;
  let previouslyGranted = false;
  let lastSystemAt = Number.NEGATIVE_INFINITY;
  let lastSystemDismissed = false;
  let lastSettingsLinkAt: number | undefined;
  let settingsLinkShowsInSession = 0;
  let chromiumEmbargoEnd: number | undefined;
  // An accepted soft prompt whose system dialog is not on record yet.
  let open = false;
  const asks = ctx.asks;
  for (let i = 0; i < asks.length; i++) {
    const a = asks[i]!;
    const inSession = sessionStart !== undefined && a.at >= sessionStart;
    if (a.kind === 'soft-prompt') {
      softPromptShows++;
      lastSoftPromptAt = a.at;
      if (inSession) softPromptShowsInSession++;
      open = a.outcome === 'accepted';
      if (!open) declineTimes.push(a.at);
    } else if (a.kind === 'system-prompt') {
      systemPromptShows++;
      if (open && (a.outcome === 'dismissed' || a.outcome === 'ignored')) declineTimes.push(a.at);
      open = false;
      if (a.at > lastSystemAt) {
        lastSystemAt = a.at;
        lastSystemDismissed = a.outcome === 'dismissed';
      } else if (a.outcome !== 'dismissed') lastSystemDismissed = false;
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
      linkTimes.push(a.at);
      lastSettingsLinkAt = a.at;
      if (inSession) settingsLinkShowsInSession++;
    }
  }
  out.softPromptShows = softPromptShows;
  out.softPromptDeclines = declineTimes.length;
  out.lastSoftPromptAt = lastSoftPromptAt;
  out.softPromptShowsInSession = softPromptShowsInSession;
  out.systemPromptShows = systemPromptShows;
  out.systemPromptDenials = systemPromptDenials;
  out.previouslyGranted = previouslyGranted;
  out.lastSystemPromptDismissed = lastSystemDismissed;
  out.settingsLinkShows = linkTimes.length;
  out.lastSettingsLinkAt = lastSettingsLinkAt;
  out.settingsLinkShowsInSession = settingsLinkShowsInSession;
  out.chromiumEmbargoEnd = chromiumEmbargoEnd;
  return out;
}
