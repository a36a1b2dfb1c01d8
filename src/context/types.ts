/**
 * The context's shape (DESIGN.md section 2): the document as sent (`ContextInput`), its
 * vocabulary, and the normalized `Context` the evaluation reads. The validator
 * (validate.ts) and the authoring wing's zod schema both take their words from here.
 */
import type { BROWSER_VALUES, HOST_OS_VALUES, OS_VALUES, PERMISSION_VALUES } from '../rules/catalog.js';
import type { Issue } from '../shared/errors.js';

export type Os = (typeof OS_VALUES)[number];
export type HostOs = (typeof HOST_OS_VALUES)[number];
export type Browser = (typeof BROWSER_VALUES)[number];
export type Permission = (typeof PERMISSION_VALUES)[number];
export type AskKind = 'soft-prompt' | 'system-prompt' | 'settings-link';
export type AttributeValue = string | number | boolean | readonly string[] | readonly number[];

/**
 * The outcomes each kind of ask can have, in schema order.
 *
 * @example
 * ASK_OUTCOMES['settings-link']; // ['opened', 'dismissed']
 */
export const ASK_OUTCOMES = {
  'soft-prompt': ['accepted', 'declined', 'dismissed'],
  'system-prompt': ['granted', 'denied', 'dismissed', 'ignored', 'provisional'],
  'settings-link': ['opened', 'dismissed'],
} as const;

/**
 * What a snooze applies to (absent means `all`).
 *
 * @example
 * SNOOZE_SCOPES.includes('soft-prompt'); // true
 */
export const SNOOZE_SCOPES = ['all', 'soft-prompt', 'settings-link'] as const;

/**
 * Web's `Notification.permission` word for "not asked yet": accepted in a context and read
 * as `not-determined`.
 *
 * @example
 * parseContext({ ...ctx, permission: WEB_DEFAULT }).permission; // 'not-determined'
 */
export const WEB_DEFAULT = 'default';

type Outcome<K extends AskKind> = (typeof ASK_OUTCOMES)[K][number];
type SnoozeScope = (typeof SNOOZE_SCOPES)[number];

/**
 * A context document as sent, before validation: what TypeScript callers build. Written
 * by hand (the runtime carries no zod); a type test in test/authoring checks it equals
 * the input type of the authoring wing's `ContextSchema`. A type, not an interface, as
 * zod's inferred type was: a `Record<string, Json>` can still be asserted to it.
 */
export type ContextInput = {
  now: string;
  userId?: string | undefined;
  platform: {
    os: Os;
    osVersion?: string | undefined;
    hostOs?: HostOs | undefined;
    apiLevel?: number | undefined;
    targetSdk?: number | undefined;
    browser?: Browser | undefined;
    installedToHomeScreen?: boolean | undefined;
  };
  permission: Permission | typeof WEB_DEFAULT;
  canAskAgain?: boolean | undefined;
  sessions: { count: number; firstSeenAt?: string | undefined; currentStartedAt?: string | undefined };
  keyActions?: Record<string, { count: number; lastAt?: string | undefined }> | undefined;
  trigger?: string | undefined;
  asks?:
    | (
        | { kind: 'soft-prompt'; at: string; outcome: Outcome<'soft-prompt'> }
        | { kind: 'system-prompt'; at: string; outcome: Outcome<'system-prompt'> }
        | { kind: 'settings-link'; at: string; outcome: Outcome<'settings-link'> }
      )[]
    | undefined;
  cooldowns?: { until: string; scope?: SnoozeScope | undefined; reason?: string | undefined }[] | undefined;
  attributes?: Record<string, string | number | boolean | string[] | number[]> | undefined;
};

/** One prior ask, normalized: `at` in epoch ms, clamped to `now`. */
export type Ask =
  | { readonly kind: 'soft-prompt'; readonly at: number; readonly outcome: Outcome<'soft-prompt'> }
  | { readonly kind: 'system-prompt'; readonly at: number; readonly outcome: Outcome<'system-prompt'> }
  | { readonly kind: 'settings-link'; readonly at: number; readonly outcome: Outcome<'settings-link'> };

/** A snooze set outside the engine, normalized. */
export interface Snooze {
  readonly until: number;
  readonly scope: SnoozeScope;
  readonly reason?: string | undefined;
}

/** Counts of one key action. */
export interface KeyActionStat {
  readonly count: number;
  readonly lastAt?: number | undefined;
}

/**
 * A validated, normalized context. Times are epoch milliseconds; `offsetMinutes` is the
 * offset `now` was written with (the user's local offset, used for quiet hours).
 */
export interface Context {
  readonly now: number;
  readonly offsetMinutes: number;
  readonly userId?: string | undefined;
  readonly platform: {
    readonly os: Os;
    readonly osVersion?: string | undefined;
    readonly hostOs?: HostOs | undefined;
    readonly apiLevel?: number | undefined;
    readonly targetSdk?: number | undefined;
    readonly browser?: Browser | undefined;
    readonly installedToHomeScreen?: boolean | undefined;
  };
  readonly permission: Permission;
  readonly canAskAgain?: boolean | undefined;
  readonly sessions: {
    readonly count: number;
    readonly firstSeenAt?: number | undefined;
    readonly currentStartedAt?: number | undefined;
  };
  /** Null-prototype map of key action name to counts. */
  readonly keyActions: Readonly<Record<string, KeyActionStat>>;
  readonly trigger?: string | undefined;
  /** Deduplicated, clamped to `now`, sorted by the time as written (then kind, then outcome). */
  readonly asks: readonly Ask[];
  readonly cooldowns: readonly Snooze[];
  /** Null-prototype map of custom attributes. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** Result of `safeParseContext`. */
export type ContextParseResult = { success: true; data: Context } | { success: false; issues: Issue[] };
