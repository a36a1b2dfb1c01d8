/**
 * push-prompt-engine/client: the client kit. What every app writes by hand around the
 * engine, once: the platforms' own permission words mapped to the context (adapters), the
 * local time a context needs (`localTimestamp`), and the history a context carries
 * (sessions, key actions, asks) as a small JSON state with pure updates and `toContext`.
 * Client-safe and tiny: no Node built-ins, no zod, no clock, no I/O; the app passes every
 * time in. Decide with the runtime entry (`push-prompt-engine`).
 */

export type {
  ContextPermission,
  ExpoPermissionResponse,
  IosAuthorizationStatus,
  NotificationPermissionLike,
  PermissionFields,
  PermissionReading,
  RnNotificationsResult,
  RnPermissionStatus,
  SystemPromptOutcome,
  Unsupported,
} from './adapters.js';
export {
  outcomeFromExpo,
  outcomeFromRnPermissions,
  outcomeFromWeb,
  permissionFromExpo,
  permissionFromIos,
  permissionFromRnPermissions,
  permissionFromWeb,
} from './adapters.js';
export type { AskRecord } from './ask-record.js';
export { localTimestamp } from './local-time.js';
export type { AskInput, ContextParts, Instant, PromptHistory } from './prompt-history.js';
export {
  denialsOnRecord,
  emptyHistory,
  migrate,
  PROMPT_HISTORY_VERSION,
  recordAction,
  recordAsk,
  recordSession,
  toContext,
} from './prompt-history.js';
