/**
 * Hand-written declarations for the part of expo-notifications the example uses, copied
 * from expo-notifications 58 (build/NotificationPermissions.d.ts and
 * NotificationPermissions.types.d.ts; PermissionResponse from expo-modules-core), so the
 * example type-checks without installing Expo. An app gets the real ones from the package.
 */
declare module 'expo-notifications' {
  export enum PermissionStatus {
    GRANTED = 'granted',
    UNDETERMINED = 'undetermined',
    DENIED = 'denied',
  }
  export type PermissionExpiration = 'never' | number;
  export interface PermissionResponse {
    status: PermissionStatus;
    expires: PermissionExpiration;
    granted: boolean;
    canAskAgain: boolean;
  }
  export enum IosAuthorizationStatus {
    NOT_DETERMINED = 0,
    DENIED = 1,
    AUTHORIZED = 2,
    PROVISIONAL = 3,
    EPHEMERAL = 4,
  }
  export interface NotificationPermissionsStatus extends PermissionResponse {
    android?: { importance: number; interruptionFilter?: number };
    ios?: {
      status: IosAuthorizationStatus;
      allowsDisplayInNotificationCenter: boolean | null;
      allowsDisplayOnLockScreen: boolean | null;
      allowsDisplayInCarPlay: boolean | null;
      allowsAlert: boolean | null;
      allowsBadge: boolean | null;
      allowsSound: boolean | null;
      allowsCriticalAlerts: boolean | null;
      providesAppNotificationSettings: boolean | null;
      allowsAnnouncements: boolean | null;
    };
  }
  export interface IosNotificationPermissionsRequest {
    allowAlert?: boolean;
    allowBadge?: boolean;
    allowSound?: boolean;
    allowDisplayInCarPlay?: boolean;
    allowCriticalAlerts?: boolean;
    provideAppNotificationSettings?: boolean;
    allowProvisional?: boolean;
  }
  export interface NotificationPermissionsRequest {
    ios?: IosNotificationPermissionsRequest;
    android?: object;
  }
  export function getPermissionsAsync(): Promise<NotificationPermissionsStatus>;
  export function requestPermissionsAsync(
    permissions?: NotificationPermissionsRequest,
  ): Promise<NotificationPermissionsStatus>;
}
