/**
 * Adapters: each platform's own words for the notification permission, mapped to the
 * context's `permission` and `canAskAgain`, and each platform's answer to a request mapped
 * to a `system-prompt` ask outcome. Pure functions of plain values: the app calls the
 * platform API and passes the result in. Sources beside each mapping; docs/client.md has
 * the tables.
 */

/** The context's permission vocabulary (DESIGN.md section 2). */
export type ContextPermission = 'not-determined' | 'provisional' | 'ephemeral' | 'granted' | 'denied';

/** What a permission reading puts into a context: spread it in (`{ ...reading }`). */
export interface PermissionFields {
  readonly permission: ContextPermission;
  /** The OS's own "can I ask again", where it gives one. */
  readonly canAskAgain?: boolean;
}

/**
 * Push is not available here (react-native-permissions `unavailable`, no `Notification` in
 * this browser), or the platform answered with a word these adapters do not know (fail
 * closed): decide nothing, show no prompt.
 */
export interface Unsupported {
  readonly unsupported: true;
}

/** A platform's permission status in the context's words, or {@link Unsupported}. */
export type PermissionReading = PermissionFields | Unsupported;

/** The outcome of one system-prompt request, as a `system-prompt` ask records it. */
export type SystemPromptOutcome = 'granted' | 'denied' | 'dismissed' | 'ignored' | 'provisional';

const UNSUPPORTED: Unsupported = Object.freeze({ unsupported: true });
const fields = (permission: ContextPermission, canAskAgain?: boolean): PermissionFields =>
  canAskAgain === undefined ? { permission } : { permission, canAskAgain };

/**
 * Web: `Notification.permission` (`"default" | "granted" | "denied"`). `"default"` means not
 * asked yet (or the prompt was closed without an answer); `"denied"` is sticky per origin.
 * Pass `undefined` when `Notification` does not exist (Safari on iOS outside a Home Screen
 * web app, old browsers): push is unsupported there.
 * Source: https://developer.mozilla.org/en-US/docs/Web/API/Notification/permission_static
 *
 * @example
 * permissionFromWeb(typeof Notification === 'undefined' ? undefined : Notification.permission);
 * // { permission: 'not-determined' }
 */
export function permissionFromWeb(permission: NotificationPermissionLike | undefined): PermissionReading {
  if (permission === 'default') return fields('not-determined');
  if (permission === 'granted' || permission === 'denied') return fields(permission);
  return UNSUPPORTED;
}

/** The values of the DOM's `NotificationPermission` (declared here: no DOM types needed). */
export type NotificationPermissionLike = 'default' | 'granted' | 'denied';

/** iOS `UNAuthorizationStatus`, by raw value or by Swift case name. */
export type IosAuthorizationStatus =
  | 0
  | 1
  | 2
  | 3
  | 4
  | 'notDetermined'
  | 'denied'
  | 'authorized'
  | 'provisional'
  | 'ephemeral';

const IOS_STATUSES: readonly ContextPermission[] = [
  'not-determined',
  'denied',
  'granted',
  'provisional',
  'ephemeral',
];
const IOS_NAMES: Readonly<Record<string, number>> = {
  notDetermined: 0,
  denied: 1,
  authorized: 2,
  provisional: 3,
  ephemeral: 4,
};

/**
 * iOS: `UNNotificationSettings.authorizationStatus` (`UNAuthorizationStatus`): notDetermined
 * 0, denied 1, authorized 2, provisional 3 (iOS 12+: quiet delivery, the full dialog is still
 * available), ephemeral 4 (iOS 14+, App Clips: authorized for a limited time). The numeric
 * raw values (as Expo's `ios.status` and native bridges send them) and the case names are
 * both accepted. No `canAskAgain`: the status alone says it (the dialog shows only while
 * notDetermined or provisional).
 * Source: https://developer.apple.com/documentation/usernotifications/unauthorizationstatus
 *
 * @example
 * permissionFromIos(3); // { permission: 'provisional' }
 * permissionFromIos('denied'); // { permission: 'denied' }
 */
export function permissionFromIos(status: IosAuthorizationStatus | number | string): PermissionReading {
  const raw = typeof status === 'string' ? Object.hasOwn(IOS_NAMES, status) && IOS_NAMES[status] : status;
  const permission = typeof raw === 'number' && Number.isInteger(raw) ? IOS_STATUSES[raw] : undefined;
  return permission === undefined ? UNSUPPORTED : fields(permission);
}

/** The fields of Expo's `NotificationPermissionsStatus` the adapter reads. */
export interface ExpoPermissionResponse {
  readonly status: 'granted' | 'denied' | 'undetermined' | string;
  readonly canAskAgain?: boolean;
  readonly ios?: { readonly status: number } | null;
  readonly android?: object | null;
}

/**
 * Expo (`expo-notifications` `getPermissionsAsync()` / `requestPermissionsAsync()`).
 * - iOS (`ios` present): `ios.status` is the `UNAuthorizationStatus` raw value and decides
 *   alone. Expo's own `status` reads `"undetermined"` for provisional AND ephemeral
 *   (ExpoNotificationsPermissionsRequester.swift maps every status other than authorized and
 *   denied to undetermined), so it cannot tell them apart; its `canAskAgain` adds nothing.
 * - Android and web: `status` (`granted`, `denied`, `undetermined` = never asked) and
 *   `canAskAgain` as given. On Android 13+ `canAskAgain` is
 *   `shouldShowRequestPermissionRationale`, false after a mere dismissal too: the engine
 *   lets the recorded asks overrule it (docs/client.md, "The Android rule").
 * Sources: expo-notifications build/NotificationPermissions.types.d.ts (IosAuthorizationStatus),
 * ios/ExpoNotifications/Permissions/ExpoNotificationsPermissionsRequester.swift,
 * android/…/permissions/NotificationPermissionsModule.kt (v58).
 *
 * @example
 * permissionFromExpo(await Notifications.getPermissionsAsync());
 * // { permission: 'denied', canAskAgain: false } on an Android 14 device after a dismissal
 */
export function permissionFromExpo(response: ExpoPermissionResponse): PermissionReading {
  const ios = response.ios;
  if (ios !== undefined && ios !== null) return permissionFromIos(ios.status);
  const canAskAgain = typeof response.canAskAgain === 'boolean' ? response.canAskAgain : undefined;
  if (response.status === 'undetermined') return fields('not-determined', canAskAgain);
  if (response.status === 'granted' || response.status === 'denied') {
    return fields(response.status, canAskAgain);
  }
  return UNSUPPORTED;
}

/** react-native-permissions' statuses (`RESULTS`). */
export type RnPermissionStatus = 'unavailable' | 'denied' | 'limited' | 'granted' | 'blocked';

/** `checkNotifications()` / `requestNotifications()` results, or just their status. */
export type RnNotificationsResult =
  | RnPermissionStatus
  | { readonly status: RnPermissionStatus; readonly settings?: { readonly provisional?: boolean } };

/**
 * react-native-permissions (`checkNotifications()`; v5.6). Its statuses depend on the OS:
 * - iOS (RNPermissionHandlerNotifications.mm, RNPermissions.mm `stringForStatus`):
 *   notDetermined → `denied` (requestable), denied → `blocked`, authorized AND provisional →
 *   `granted` (provisional only shows as `settings.provisional: true`), ephemeral →
 *   `limited`. So `limited` is ephemeral (App Clips), not provisional.
 * - Android 13+ (methods.android.ts, RNPermissionsModuleImpl.kt): `check` says only
 *   `granted` or `denied`, never `blocked` (it cannot tell "never asked" from "blocked": the
 *   engine counts denials from the recorded asks); `blocked` comes from a request whose
 *   result left `shouldShowRequestPermissionRationale` false (a second denial, or a mere
 *   dismissal on Android 11+). Below 13: `granted` or `denied` = notifications on or off.
 * - `unavailable`: not available on this device or in this context.
 * Source: https://github.com/zoontek/react-native-permissions (README "Understanding
 * permission flows"; the files named above).
 *
 * @example
 * permissionFromRnPermissions(await checkNotifications(), 'ios'); // { permission: 'not-determined', canAskAgain: true }
 * permissionFromRnPermissions('blocked', 'android'); // { permission: 'denied', canAskAgain: false }
 */
export function permissionFromRnPermissions(
  result: RnNotificationsResult,
  os: 'ios' | 'android',
): PermissionReading {
  const status = typeof result === 'string' ? result : result.status;
  const provisional = typeof result === 'object' && result.settings?.provisional === true;
  switch (status) {
    case 'granted':
      return fields(os === 'ios' && provisional ? 'provisional' : 'granted');
    case 'limited':
      return fields('ephemeral');
    case 'blocked':
      return fields('denied', false);
    case 'denied':
      // iOS: not asked yet. Android: not granted, and the OS does not say whether it may ask
      // (a `denied` status counts as one denial unless more are on record: the safe side).
      return os === 'ios' ? fields('not-determined', true) : fields('denied');
    default:
      return UNSUPPORTED;
  }
}

/**
 * Web: what `Notification.requestPermission()` resolved to, as a system-prompt outcome:
 * `"default"` means the prompt was closed (or ignored) without an answer: `dismissed` (the
 * page cannot tell a dismissal from an ignore; Chromium counts both toward its embargo).
 *
 * @example
 * outcomeFromWeb(await Notification.requestPermission()); // 'granted'
 */
export function outcomeFromWeb(result: NotificationPermissionLike): SystemPromptOutcome | null {
  if (result === 'default') return 'dismissed';
  return result === 'granted' || result === 'denied' ? result : null;
}

/**
 * Expo: the response of `requestPermissionsAsync()` (`after`) as a system-prompt outcome,
 * or null when it says nothing about a dialog. `before`: `getPermissionsAsync()` read just
 * before the request; `denialsOnRecord`: the kit's count (`denialsOnRecord(state)`).
 *
 * iOS: from `ios.status` (authorized → granted, provisional → provisional, ephemeral →
 * granted, denied → denied, notDetermined → dismissed: no answer was given).
 *
 * Android 13+ answers only "not granted", with `canAskAgain`
 * (`shouldShowRequestPermissionRationale`), which is true after exactly one denial and false
 * after two; a dismissal leaves it as it was, except that with no denial yet it reads false
 * (Android 11+, react-native#30158). So with no denial before the request, `canAskAgain:
 * false` after it is a dismissal and `true` a first denial; with one before, `true` is a
 * dismissal and `false` the second denial. The denials before come from the OS where it
 * says (`before` undetermined: none; denied with canAskAgain true: exactly one), else from
 * the record: a lost history cannot turn a second denial into a "dismissal". For apps
 * targeting SDK 33+.
 * Source: https://developer.android.com/training/permissions/requesting#handle-denial
 *
 * @example
 * const before = await Notifications.getPermissionsAsync();
 * const after = await Notifications.requestPermissionsAsync();
 * outcomeFromExpo(after, before, denialsOnRecord(state)); // 'dismissed'
 */
export function outcomeFromExpo(
  after: ExpoPermissionResponse,
  before: ExpoPermissionResponse,
  denialsOnRecord: number,
): SystemPromptOutcome | null {
  const ios = after.ios;
  if (ios !== undefined && ios !== null) {
    const r = permissionFromIos(ios.status);
    return 'unsupported' in r ? null : iosOutcome(r.permission);
  }
  if (after.status === 'granted') return 'granted';
  if (after.status === 'undetermined') return 'dismissed';
  if (after.status !== 'denied') return null;
  if (after.android === undefined || after.android === null) return 'denied';
  const prior =
    before.status === 'undetermined'
      ? 0
      : before.status === 'denied' && before.canAskAgain === true
        ? 1
        : denialsOnRecord;
  return androidOutcome(after.canAskAgain !== false, prior);
}

/**
 * react-native-permissions: the result of `requestNotifications()` as a system-prompt
 * outcome, or null when no dialog can have been shown (`unavailable`). iOS: `granted` (with
 * `settings.provisional` → provisional), `limited` (ephemeral) → granted, `blocked` →
 * denied, `denied` (still not determined) → dismissed. Android: `granted`; `denied`
 * (rationale true) and `blocked` (rationale false) read as in {@link outcomeFromExpo}, with
 * the denials before taken from the record only: react-native-permissions' `check` does not
 * say whether a denial happened, so an app whose stored history was lost may record a
 * second denial as a dismissal (the engine then offers one soft prompt too many; the OS
 * shows no dialog).
 *
 * @example
 * outcomeFromRnPermissions(await requestNotifications(['alert']), 'android', 0); // 'dismissed' for `blocked`
 */
export function outcomeFromRnPermissions(
  result: RnNotificationsResult,
  os: 'ios' | 'android',
  priorDenials: number,
): SystemPromptOutcome | null {
  const status = typeof result === 'string' ? result : result.status;
  if (status === 'unavailable') return null;
  if (os === 'android') {
    if (status === 'granted') return 'granted';
    return status === 'denied' || status === 'blocked'
      ? androidOutcome(status === 'denied', priorDenials)
      : null;
  }
  const r = permissionFromRnPermissions(result, os);
  return 'unsupported' in r ? null : iosOutcome(r.permission);
}

function iosOutcome(p: ContextPermission): SystemPromptOutcome {
  if (p === 'granted' || p === 'ephemeral') return 'granted';
  if (p === 'provisional' || p === 'denied') return p;
  return 'dismissed';
}

/** Android 11+: a denial or a dismissal, from the rationale flag and the denials before. */
function androidOutcome(rationale: boolean, priorDenials: number): SystemPromptOutcome {
  if (priorDenials <= 0) return rationale ? 'denied' : 'dismissed';
  if (priorDenials === 1) return rationale ? 'dismissed' : 'denied';
  return 'denied';
}
