/**
 * The same two platform calls with react-native-permissions instead of Expo: read the
 * permission for a context, and request it (from the soft prompt's "Yes") with the outcome
 * to record. In usePushPrompt.ts, replace the Expo calls with these.
 */
import {
  denialsOnRecord,
  outcomeFromRnPermissions,
  type PermissionReading,
  type PromptHistory,
  permissionFromRnPermissions,
  type SystemPromptOutcome,
} from 'push-prompt-engine/client';
import { Platform } from 'react-native';
import { checkNotifications, requestNotifications } from 'react-native-permissions';

const os = (): 'ios' | 'android' => (Platform.OS === 'ios' ? 'ios' : 'android');

/** The permission now, in the context's words (`{ unsupported: true }` where push is unavailable). */
export async function readPermission(): Promise<PermissionReading> {
  return permissionFromRnPermissions(await checkNotifications(), os());
}

/** Requests the permission; the outcome to record as a system-prompt ask (null: no dialog). */
export async function requestPermission(history: PromptHistory): Promise<SystemPromptOutcome | null> {
  const result = await requestNotifications(['alert', 'badge', 'sound']);
  return outcomeFromRnPermissions(result, os(), denialsOnRecord(history));
}
