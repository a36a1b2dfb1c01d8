/**
 * Hand-written declarations for the part of react-native-permissions the example uses,
 * copied from react-native-permissions 5.6 (src/types.ts, src/results.ts, src/contract.ts).
 */
declare module 'react-native-permissions' {
  export type PermissionStatus = 'unavailable' | 'blocked' | 'denied' | 'granted' | 'limited';
  export type NotificationOption =
    | 'alert'
    | 'badge'
    | 'sound'
    | 'carPlay'
    | 'criticalAlert'
    | 'provisional'
    | 'providesAppSettings';
  export type NotificationSettings = {
    alert?: boolean;
    badge?: boolean;
    sound?: boolean;
    carPlay?: boolean;
    criticalAlert?: boolean;
    provisional?: boolean;
    providesAppSettings?: boolean;
    lockScreen?: boolean;
    notificationCenter?: boolean;
  };
  export type NotificationsResponse = { status: PermissionStatus; settings: NotificationSettings };
  export function checkNotifications(): Promise<NotificationsResponse>;
  export function requestNotifications(options?: NotificationOption[]): Promise<NotificationsResponse>;
  export function openSettings(
    type?: 'application' | 'alarms' | 'fullscreen' | 'notifications',
  ): Promise<void>;
}
