/**
 * The simulated world's operating systems and browsers: when the permission dialog shows,
 * what the permission API reports, and what each answer does. Written from the platforms'
 * documentation, independently of the engine's own platform model (src/evaluate), because
 * the engine is what the simulation tests: when the engine says "show the soft prompt" and
 * the user accepts, the dialog shows only if this model's OS would show it.
 */
import type { PopulationPlatform } from './population-schema.js';

/** Which dialog a platform has (each has its own response model in the population). */
export type Family = 'ios' | 'android' | 'chromium' | 'firefox' | 'safari';

export const FAMILIES: readonly Family[] = ['ios', 'android', 'chromium', 'firefox', 'safari'];

/** What a device can do, fixed for its life. */
export interface Device {
  readonly family: Family;
  /** Android 12 and below: notifications are on from install, there is no dialog. */
  readonly defaultOn: boolean;
  /** Denials after which the dialog never shows again. */
  readonly maxDenials: number;
  /** The dialog shows only from a user gesture (Firefox 72+, Safari). */
  readonly needsGesture: boolean;
  /** Chromium's auto-block after repeated dismissals or ignores. */
  readonly embargo: boolean;
  /** Web push exists at all (iOS web: 16.4+ in a Home Screen web app only). */
  readonly supported: boolean;
}

const CHROMIUM_DISMISSALS = 3;
const CHROMIUM_IGNORES = 4;
const EMBARGO_MS = 7 * 86_400_000;

function major(version: string | undefined): [number, number] {
  const [a, b] = (version ?? '').split('.');
  return [Number(a) || 0, Number(b) || 0];
}

/**
 * The device a platform describes.
 *
 * Sources: Apple, "Asking permission to use notifications" (the alert shows once, while the
 * status is notDetermined; two buttons). Android, "Notification runtime permission" (API 33+;
 * on 12 and below notifications are on by default; an app targeting 12L or lower gets one
 * chance) and "Request runtime permissions" (from Android 11, a second "Don't allow" ends
 * the dialog; a dismissal is not a denial). Chromium, permission_decision_auto_blocker.cc
 * (3 dismissals or 4 ignores: 7 days of auto-block). Mozilla, "Restricting notification
 * permission prompts in Firefox" (72+: only from a user gesture). WebKit, "Meet Web Push for
 * Safari" (a user gesture is required) and "Web Push for Web Apps on iOS and iPadOS" (16.4+,
 * Home Screen web apps only).
 *
 * @example
 * deviceOf({ os: 'android', apiLevel: 34 }); // { family: 'android', maxDenials: 2, defaultOn: false, … }
 */
export function deviceOf(p: PopulationPlatform): Device {
  const base = { defaultOn: false, maxDenials: 1, needsGesture: false, embargo: false, supported: true };
  if (p.os === 'ios') return { ...base, family: 'ios' };
  if (p.os === 'android') {
    const api = p.apiLevel ?? 33;
    if (api <= 32) return { ...base, family: 'android', defaultOn: true, maxDenials: 0 };
    return { ...base, family: 'android', maxDenials: (p.targetSdk ?? 33) <= 32 ? 1 : 2 };
  }
  const appleHost = p.hostOs === 'ios' || p.hostOs === 'ipados';
  if (appleHost) {
    const [a, b] = major(p.osVersion);
    const supported = p.installedToHomeScreen === true && (a > 16 || (a === 16 && b >= 4));
    return { ...base, family: 'safari', needsGesture: true, supported };
  }
  if (p.browser === 'firefox') return { ...base, family: 'firefox', needsGesture: true };
  if (p.browser === 'safari') return { ...base, family: 'safari', needsGesture: true };
  return { ...base, family: 'chromium', embargo: true };
}

/** The OS's memory of one app (or origin) on one device. */
export interface OsState {
  /** The setting as the OS holds it. */
  setting: 'undecided' | 'granted' | 'denied';
  denials: number;
  dismissals: number;
  ignores: number;
  /** Chromium: the auto-block ends here (epoch ms); 0 when none. */
  embargoUntil: number;
  /** Turned off in settings after a grant: the dialog never returns. */
  revoked: boolean;
}

/**
 * A device's state on install.
 *
 * @example
 * newOsState(deviceOf({ os: 'android', apiLevel: 31 })).setting; // 'granted'
 */
export function newOsState(device: Device): OsState {
  return {
    setting: device.defaultOn ? 'granted' : 'undecided',
    denials: 0,
    dismissals: 0,
    ignores: 0,
    embargoUntil: 0,
    revoked: false,
  };
}

/** Whether a permission request now would show the dialog (gesture aside). */
export type DialogState = 'available' | 'embargoed' | 'gone' | 'granted' | 'unsupported';

/**
 * What a request would meet now.
 *
 * @example
 * dialogState(device, os, now); // 'available' for a fresh iOS install
 */
export function dialogState(device: Device, os: OsState, now: number): DialogState {
  if (!device.supported) return 'unsupported';
  if (os.setting === 'granted') return 'granted';
  if (os.revoked || device.defaultOn) return 'gone';
  if (os.setting === 'denied' && os.denials >= device.maxDenials) return 'gone';
  if (device.embargo && now < os.embargoUntil) return 'embargoed';
  return 'available';
}

/**
 * What the permission API reports, as the context's `permission`: iOS `notDetermined` /
 * `authorized` / `denied`; Android `checkSelfPermission` with the app's own record of a
 * denial (what an adapter sends); web `Notification.permission`, which reads `denied`
 * during a Chromium auto-block. Web's `default` is sent as `not-determined` (the engine
 * takes that spelling; DESIGN.md section 2 says they mean the same).
 *
 * @example
 * reportedPermission(device, os, now); // 'not-determined'
 */
export function reportedPermission(
  device: Device,
  os: OsState,
  now: number,
): 'not-determined' | 'granted' | 'denied' {
  if (os.setting === 'granted') return 'granted';
  if (os.setting === 'denied') return 'denied';
  if (device.embargo && now < os.embargoUntil) return 'denied';
  return 'not-determined';
}

/**
 * Whether a permission request shows the dialog: it must be available, and on Firefox and
 * Safari the request must come from a user gesture (the soft prompt's accept click).
 *
 * @example
 * showsDialog(firefox, os, now, false); // false: a request at launch shows nothing on Firefox
 */
export function showsDialog(device: Device, os: OsState, now: number, gesture: boolean): boolean {
  return dialogState(device, os, now) === 'available' && (gesture || !device.needsGesture);
}

/** The user's answer to the dialog. */
export type DialogOutcome = 'granted' | 'denied' | 'dismissed' | 'ignored';

/**
 * Records the user's answer in the OS.
 *
 * @example
 * answerDialog(device, os, 'dismissed', now); // a third Chromium dismissal starts 7 days of auto-block
 */
export function answerDialog(device: Device, os: OsState, outcome: DialogOutcome, now: number): void {
  switch (outcome) {
    case 'granted':
      os.setting = 'granted';
      return;
    case 'denied':
      os.setting = 'denied';
      os.denials++;
      return;
    case 'dismissed':
      os.dismissals++;
      // The counters never reset: each dismissal from the third on starts a new 7 days.
      if (device.embargo && os.dismissals >= CHROMIUM_DISMISSALS) os.embargoUntil = now + EMBARGO_MS;
      return;
    case 'ignored':
      os.ignores++;
      if (device.embargo && os.ignores >= CHROMIUM_IGNORES) os.embargoUntil = now + EMBARGO_MS;
      return;
  }
}

/**
 * The user turns notifications off in settings: the status reads `denied` and no dialog
 * ever shows again (a settings link is the only way back).
 *
 * @example
 * revoke(os);
 */
export function revoke(os: OsState): void {
  os.setting = 'denied';
  os.revoked = true;
}

/**
 * The user turns notifications on in settings (after a settings link).
 *
 * @example
 * enableInSettings(os); // os.setting === 'granted'
 */
export function enableInSettings(os: OsState): void {
  os.setting = 'granted';
  os.revoked = false;
}
