/**
 * The platform permission model (DESIGN.md section 3): built in, not overridable by rules.
 * Each fact carries its source beside the code that depends on it.
 */
import type { Context } from '../context/parse.js';
import { compareVersions } from '../shared/version.js';
import type { History } from './history.js';

export interface PlatformState {
  /** `unsupported`: push impossible here; `granted`: notifications on; `off`: not on. */
  readonly status: 'unsupported' | 'granted' | 'off';
  /** Whether the OS/browser permission dialog can still be shown. */
  readonly systemPromptAvailable: boolean;
  /** End of a Chromium embargo in force at `now`, or null. */
  readonly embargoUntil: number | null;
  /**
   * How many more denials the platform takes before it stops showing its dialog (dismissals
   * do not count): 0 when it no longer shows; during an embargo, what is left once it ends;
   * null when notifications are on or unsupported.
   */
  readonly asksLeft: number | null;
}

// The states are shared frozen constants (an embargo, with its end, is the only one built
// per call): assessing the platform allocates nothing on the hot path.
const state = (
  status: PlatformState['status'],
  systemPromptAvailable: boolean,
  asksLeft: number | null,
): PlatformState => Object.freeze({ status, systemPromptAvailable, embargoUntil: null, asksLeft });
const UNSUPPORTED = state('unsupported', false, null);
const GRANTED = state('granted', false, null);
const OFF_BLOCKED = state('off', false, 0);
const OFF_ONE_LEFT = state('off', true, 1);
const OFF_TWO_LEFT = state('off', true, 2);
const off = (asksLeft: number): PlatformState =>
  asksLeft <= 0 ? OFF_BLOCKED : asksLeft === 1 ? OFF_ONE_LEFT : OFF_TWO_LEFT;

/** Browsers built on Chromium, which share its permission auto-blocker. */
const CHROMIUM_BROWSERS: ReadonlySet<string> = new Set(['chrome', 'edge', 'opera', 'samsung']);

/**
 * Assesses what the platform allows right now.
 *
 * @example
 * assessPlatform(ctx, summarizeHistory(ctx)).systemPromptAvailable; // false for a denied iOS user
 */
export function assessPlatform(ctx: Context, h: History): PlatformState {
  const p = ctx.platform;
  // Web push on iOS/iPadOS needs 16.4+ and a web app added to the Home Screen.
  // Source: https://webkit.org/blog/13878/web-push-for-web-apps-on-ios-and-ipados/
  if (p.os === 'web' && (p.hostOs === 'ios' || p.hostOs === 'ipados')) {
    const tooOld = p.osVersion !== undefined && compareVersions(p.osVersion, '16.4') < 0;
    if (tooOld || p.installedToHomeScreen !== true) {
      return UNSUPPORTED;
    }
  }
  // `ephemeral` (App Clips) is authorized for a limited time: treat as on.
  // Source: https://developer.apple.com/documentation/usernotifications/unauthorizationstatus
  if (ctx.permission === 'granted' || ctx.permission === 'ephemeral') {
    return GRANTED;
  }
  // The OS's own word, where it gives one (Expo `canAskAgain`, react-native-permissions
  // `blocked`), wins when it says no, except where the recorded asks prove it wrong: on
  // Android 11+ a mere dismissal of the dialog (a tap outside it) leaves
  // shouldShowRequestPermissionRationale false, so Expo reports canAskAgain: false and
  // react-native-permissions `blocked`, although the OS shows the dialog again (a dismissal
  // is not a denial). When the last system-prompt outcome on record is such a dismissal,
  // the denial count below decides: fewer denials than the OS allows, the dialog is still
  // there. In every other case `false` wins.
  // Sources: https://github.com/facebook/react-native/issues/30158,
  // https://developer.android.com/training/permissions/requesting#handle-denial
  if (ctx.canAskAgain === false && !(p.os === 'android' && h.lastSystemPromptDismissed)) return OFF_BLOCKED;
  switch (p.os) {
    case 'ios':
      return off(iosAvailable(ctx) ? 1 : 0);
    case 'android':
      return off(androidAsksLeft(ctx, h));
    default:
      return webState(ctx, h);
  }
}

/**
 * Whether the browser shows its permission dialog only from a user gesture (a click):
 * Firefox 72+ and Safari (and so every browser on iOS/iPadOS, all WebKit), and unknown
 * browsers (the safe side). Chromium browsers still show it without one. Native apps: no.
 * Sources: https://blog.mozilla.org/futurereleases/2019/11/04/restricting-notification-permission-prompts-in-firefox/,
 * https://webkit.org/blog/13878/web-push-for-web-apps-on-ios-and-ipados/ ("in response to
 * direct user interaction").
 *
 * @example
 * requiresUserGesture(parseContext({ ...ctx, platform: { os: 'web', browser: 'firefox' } })); // true
 */
export function requiresUserGesture(ctx: Context): boolean {
  const p = ctx.platform;
  if (p.os !== 'web') return false;
  if (p.hostOs === 'ios' || p.hostOs === 'ipados') return true;
  return p.browser === undefined || !CHROMIUM_BROWSERS.has(p.browser);
}

/**
 * iOS shows the authorization dialog once: only while the status is notDetermined.
 * Provisional authorization delivers quietly and does not use the dialog up: a later
 * requestAuthorization without .provisional still shows it.
 * Source: https://developer.apple.com/documentation/usernotifications/asking-permission-to-use-notifications
 */
function iosAvailable(ctx: Context): boolean {
  return ctx.permission === 'not-determined' || ctx.permission === 'provisional';
}

/**
 * Android 13 (API 33) made notifications a runtime permission (POST_NOTIFICATIONS).
 * Below API 33 they are on by default and there is no dialog to show: a user who turned
 * them off can only be sent to settings.
 * Source: https://developer.android.com/develop/ui/views/notifications/notification-permission
 *
 * On API 33+ an app targeting 33+ may request until the user has denied twice: after the
 * first denial the OS reports denied but a second request still shows the dialog; after
 * the second, requests are silently refused. Tapping outside the dialog dismisses it and
 * is not a denial. An app targeting 32 or lower gets the dialog once (when it creates its
 * first channel), so one denial ends it.
 * Source: https://developer.android.com/training/permissions/requesting#handle-denial
 * An absent targetSdk counts as 33+: Google Play has required it since August 2023
 * (https://developer.android.com/google/play/requirements/target-sdk).
 *
 * The OS's status check cannot tell "never asked" from "blocked", so denials are counted
 * from the ask history; a `denied` status with no recorded denial counts as one denial
 * (the safe side). A user who granted and later turned notifications off in settings is
 * sent to settings, not re-asked.
 */
function androidAsksLeft(ctx: Context, h: History): number {
  const api = ctx.platform.apiLevel;
  if (api !== undefined && api <= 32) return 0;
  if (ctx.permission === 'denied' && h.previouslyGranted) return 0;
  const denials = ctx.permission === 'denied' ? Math.max(h.systemPromptDenials, 1) : h.systemPromptDenials;
  const target = ctx.platform.targetSdk;
  const allowed = target !== undefined && target <= 32 ? 1 : 2;
  return allowed - denials;
}

/**
 * Web: the prompt is available while Notification.permission is "default"; "denied" is
 * sticky per origin until the user changes site settings.
 * Source: https://developer.mozilla.org/en-US/docs/Web/API/Notification/permission_static
 * Chromium auto-blocks after repeated dismissals/ignores (see history.ts); during the
 * embargo a request is refused without a dialog and may read as "denied".
 * Firefox 72+ and Safari only show the dialog from a user gesture: the caller must call
 * Notification.requestPermission() inside the soft prompt's accept click handler.
 * Source: https://blog.mozilla.org/futurereleases/2019/11/04/restricting-notification-permission-prompts-in-firefox/
 */
function webState(ctx: Context, h: History): PlatformState {
  const browser = ctx.platform.browser;
  const chromium = browser === undefined || browser === 'other' || CHROMIUM_BROWSERS.has(browser);
  const end = h.chromiumEmbargoEnd;
  const embargoed = chromium && end !== undefined && ctx.now < end && h.systemPromptDenials === 0;
  if (embargoed && (ctx.permission === 'not-determined' || ctx.permission === 'denied')) {
    // One answer left once it ends: a "Block" is sticky per origin.
    return { status: 'off', systemPromptAvailable: false, embargoUntil: end, asksLeft: 1 };
  }
  return off(ctx.permission === 'not-determined' ? 1 : 0);
}
