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
}

// The states without an embargo end are shared frozen constants: assessing the platform
// allocates nothing on the hot path.
const UNSUPPORTED: PlatformState = Object.freeze({
  status: 'unsupported',
  systemPromptAvailable: false,
  embargoUntil: null,
});
const GRANTED: PlatformState = Object.freeze({
  status: 'granted',
  systemPromptAvailable: false,
  embargoUntil: null,
});
const OFF_BLOCKED: PlatformState = Object.freeze({
  status: 'off',
  systemPromptAvailable: false,
  embargoUntil: null,
});
const OFF_ASKABLE: PlatformState = Object.freeze({
  status: 'off',
  systemPromptAvailable: true,
  embargoUntil: null,
});
const off = (available: boolean): PlatformState => (available ? OFF_ASKABLE : OFF_BLOCKED);

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
  // `blocked`), always wins when it says no.
  if (ctx.canAskAgain === false) return OFF_BLOCKED;
  switch (p.os) {
    case 'ios':
      return off(iosAvailable(ctx));
    case 'android':
      return off(androidAvailable(ctx, h));
    default:
      return webState(ctx, h);
  }
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
function androidAvailable(ctx: Context, h: History): boolean {
  const api = ctx.platform.apiLevel;
  if (api !== undefined && api <= 32) return false;
  if (ctx.permission === 'denied' && h.previouslyGranted) return false;
  const denials = ctx.permission === 'denied' ? Math.max(h.systemPromptDenials, 1) : h.systemPromptDenials;
  const target = ctx.platform.targetSdk;
  const allowed = target !== undefined && target <= 32 ? 1 : 2;
  return denials < allowed;
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
    return { status: 'off', systemPromptAvailable: false, embargoUntil: end };
  }
  return off(ctx.permission === 'not-determined');
}
