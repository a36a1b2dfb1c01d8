/**
 * The context: one JSON document per decision (DESIGN.md section 2). Validated with zod
 * after a safe snapshot, then normalized: timestamps become epoch milliseconds, future
 * timestamps count as `now` (the safe side: never an earlier prompt), the same ask logged
 * twice counts once, and asks are sorted so their order never matters.
 */
import * as z from 'zod/mini';
import { fromZodIssues } from '../authoring/zod-issues.js';
import { BROWSER_VALUES, HOST_OS_VALUES, OS_VALUES, PERMISSION_VALUES } from '../rules/catalog.js';
import { ContextError, type Issue } from '../shared/errors.js';
import { snapshotJson } from '../shared/json-snapshot.js';
import { LIMITS } from '../shared/limits.js';
import { parseTimestamp } from '../shared/time.js';
import { isVersion } from '../shared/version.js';
import { parseContextFast } from './fast.js';

const L = LIMITS.context;

const timestamp = z.string().check(
  z.refine((s) => parseTimestamp(s) !== null, {
    message: 'must be an RFC 3339 date-time with an offset, e.g. 2026-03-01T09:30:00Z or …+01:00',
  }),
);
const count = z.number().check(z.int(), z.minimum(0));
const name = z.string().check(z.minLength(1), z.maxLength(100));

const softPromptAsk = z.object({
  kind: z.literal('soft-prompt'),
  at: timestamp,
  outcome: z.enum(['accepted', 'declined', 'dismissed']),
});
const systemPromptAsk = z.object({
  kind: z.literal('system-prompt'),
  at: timestamp,
  outcome: z.enum(['granted', 'denied', 'dismissed', 'ignored', 'provisional']),
});
const settingsLinkAsk = z.object({
  kind: z.literal('settings-link'),
  at: timestamp,
  outcome: z.enum(['opened', 'dismissed']),
});

const attributeValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()).check(z.maxLength(L.maxListLength)),
  z.array(z.number()).check(z.maxLength(L.maxListLength)),
]);

/**
 * The zod schema of a context document as sent (before normalization). Exported for
 * tooling (JSON Schema, fuzzing); use {@link parseContext} to validate.
 *
 * @example
 * ContextSchema.safeParse({ now: '2026-03-01T09:30:00Z', platform: { os: 'ios' },
 *   permission: 'not-determined', sessions: { count: 1 } }).success; // true
 */
export const ContextSchema = z.object({
  now: timestamp,
  userId: z.optional(z.string().check(z.maxLength(200))),
  platform: z.object({
    os: z.enum(OS_VALUES),
    osVersion: z.optional(
      z.string().check(z.refine(isVersion, { message: 'must be a version like "17.2" or "10.15.7"' })),
    ),
    hostOs: z.optional(z.enum(HOST_OS_VALUES)),
    apiLevel: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
    targetSdk: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
    browser: z.optional(z.enum(BROWSER_VALUES)),
    installedToHomeScreen: z.optional(z.boolean()),
  }),
  permission: z.enum(PERMISSION_VALUES),
  canAskAgain: z.optional(z.boolean()),
  sessions: z.object({
    count: z.number().check(z.int(), z.minimum(1)),
    firstSeenAt: z.optional(timestamp),
    currentStartedAt: z.optional(timestamp),
  }),
  keyActions: z.optional(
    z.record(name, z.object({ count, lastAt: z.optional(timestamp) })).check(
      z.refine((r) => Object.keys(r).length <= L.maxKeyActions, {
        message: `at most ${L.maxKeyActions} key actions`,
      }),
    ),
  ),
  trigger: z.optional(name),
  asks: z.optional(
    z
      .array(z.discriminatedUnion('kind', [softPromptAsk, systemPromptAsk, settingsLinkAsk]))
      .check(z.maxLength(L.maxAsks)),
  ),
  cooldowns: z.optional(
    z
      .array(
        z.object({
          until: timestamp,
          scope: z.optional(z.enum(['all', 'soft-prompt', 'settings-link'])),
          reason: z.optional(z.string()),
        }),
      )
      .check(z.maxLength(L.maxCooldowns)),
  ),
  attributes: z.optional(
    z.record(name, attributeValue).check(
      z.refine((r) => Object.keys(r).length <= L.maxAttributes, {
        message: `at most ${L.maxAttributes} attributes`,
      }),
    ),
  ),
});

/** A context document as sent, once it has passed the schema. */
export type ContextInput = z.infer<typeof ContextSchema>;

export type Os = (typeof OS_VALUES)[number];
export type Permission = (typeof PERMISSION_VALUES)[number];
export type AskKind = 'soft-prompt' | 'system-prompt' | 'settings-link';
export type AttributeValue = string | number | boolean | readonly string[] | readonly number[];

/** One prior ask, normalized: `at` in epoch ms, clamped to `now`. */
export type Ask =
  | {
      readonly kind: 'soft-prompt';
      readonly at: number;
      readonly outcome: 'accepted' | 'declined' | 'dismissed';
    }
  | {
      readonly kind: 'system-prompt';
      readonly at: number;
      readonly outcome: 'granted' | 'denied' | 'dismissed' | 'ignored' | 'provisional';
    }
  | { readonly kind: 'settings-link'; readonly at: number; readonly outcome: 'opened' | 'dismissed' };

/** A snooze set outside the engine, normalized. */
export interface Snooze {
  readonly until: number;
  readonly scope: 'all' | 'soft-prompt' | 'settings-link';
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
    readonly hostOs?: (typeof HOST_OS_VALUES)[number] | undefined;
    readonly apiLevel?: number | undefined;
    readonly targetSdk?: number | undefined;
    readonly browser?: (typeof BROWSER_VALUES)[number] | undefined;
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
  /** Deduplicated, clamped to `now`, sorted by time (then kind, then outcome). */
  readonly asks: readonly Ask[];
  readonly cooldowns: readonly Snooze[];
  /** Null-prototype map of custom attributes. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** Result of {@link safeParseContext}. */
export type ContextParseResult = { success: true; data: Context } | { success: false; issues: Issue[] };

const SNAPSHOT = {
  maxDepth: L.maxDepth,
  maxNodes: L.maxNodes,
  maxArrayLength: L.maxAsks,
  maxStringLength: L.maxStringLength,
  maxChars: L.maxChars,
  forbiddenKeys: 'skip',
} as const;

/**
 * Validates and normalizes a context without throwing.
 *
 * @example
 * const r = safeParseContext({ now: '2026-03-01T09:30:00Z', platform: { os: 'web' },
 *   permission: 'not-determined', sessions: { count: 2 } });
 * if (r.success) r.data.now; // 1772357400000
 */
export function safeParseContext(input: unknown): ContextParseResult {
  // The fast path accepts only what the reference path below certainly accepts, with the
  // same result; anything else (including every invalid context) goes the reference way.
  const fast = parseContextFast(input);
  return fast !== null ? { success: true, data: fast } : safeParseContextReference(input);
}

/**
 * The reference validation: a bounded snapshot, the zod schema, then normalize. What
 * {@link safeParseContext} falls back to, and what its fast path is tested against.
 *
 * @example
 * safeParseContextReference({ now: 'yesterday' }).success; // false, with zod-shaped issues
 */
export function safeParseContextReference(input: unknown): ContextParseResult {
  const snap = snapshotJson(input, SNAPSHOT);
  if (snap.issues.length > 0) return { success: false, issues: snap.issues };
  // reportInput: without it zod leaves `input` off every issue and a wrong value reads as missing.
  const parsed = ContextSchema.safeParse(snap.value, { reportInput: true });
  if (!parsed.success) return { success: false, issues: fromZodIssues(parsed.error.issues) };
  // Normalize from the snapshot, not zod's output: zod builds ordinary objects, so an
  // optional field it left out would be read through a polluted Object.prototype
  // (`Object.prototype.canAskAgain = false`); the snapshot's objects have no prototype.
  return { success: true, data: normalize(snap.value as ContextInput) };
}

/**
 * Validates and normalizes a context; throws {@link ContextError} with every issue.
 * For strict callers (a server that wants a 400); `decide` does this for you and never throws.
 *
 * @example
 * const ctx = parseContext(JSON.parse(body));
 * decider.decideParsed(ctx);
 */
export function parseContext(input: unknown): Context {
  const r = safeParseContext(input);
  if (!r.success) throw new ContextError(r.issues);
  return r.data;
}

function ts(s: string): number {
  // Validated by the schema already; the fallback is unreachable.
  return parseTimestamp(s)?.ms ?? Number.NaN;
}

const KIND_ORDER: Readonly<Record<AskKind, number>> = {
  'soft-prompt': 0,
  'system-prompt': 1,
  'settings-link': 2,
};

function normalize(c: ContextInput): Context {
  const nowI = parseTimestamp(c.now);
  const now = nowI?.ms ?? Number.NaN;
  const clamp = (s: string): number => Math.min(ts(s), now);

  const seen = new Set<string>();
  const asks: Ask[] = [];
  for (const a of c.asks ?? []) {
    const raw = ts(a.at);
    const key = `${a.kind}|${raw}|${a.outcome}`; // the same ask logged twice counts once
    if (seen.has(key)) continue;
    seen.add(key);
    asks.push({ kind: a.kind, at: Math.min(raw, now), outcome: a.outcome } as Ask);
  }
  asks.sort(
    (x, y) =>
      x.at - y.at ||
      KIND_ORDER[x.kind] - KIND_ORDER[y.kind] ||
      (x.outcome < y.outcome ? -1 : x.outcome > y.outcome ? 1 : 0),
  );

  const keyActions: Record<string, KeyActionStat> = Object.create(null);
  for (const [k, v] of Object.entries(c.keyActions ?? {})) {
    keyActions[k] = { count: v.count, lastAt: v.lastAt === undefined ? undefined : clamp(v.lastAt) };
  }
  const attributes: Record<string, AttributeValue> = Object.create(null);
  for (const [k, v] of Object.entries(c.attributes ?? {})) attributes[k] = v;

  // Every optional field is an own property (undefined when absent): a missing property
  // would be looked up on Object.prototype, which a polluted runtime controls.
  const p = c.platform;
  const optTime = (s: string | undefined): number | undefined => (s === undefined ? undefined : clamp(s));
  return {
    now,
    offsetMinutes: nowI?.offsetMinutes ?? 0,
    userId: c.userId,
    platform: {
      os: p.os,
      osVersion: p.osVersion,
      hostOs: p.hostOs,
      apiLevel: p.apiLevel,
      targetSdk: p.targetSdk,
      browser: p.browser,
      installedToHomeScreen: p.installedToHomeScreen,
    },
    permission: c.permission,
    canAskAgain: c.canAskAgain,
    sessions: {
      count: c.sessions.count,
      firstSeenAt: optTime(c.sessions.firstSeenAt),
      currentStartedAt: optTime(c.sessions.currentStartedAt),
    },
    keyActions,
    trigger: c.trigger,
    asks,
    cooldowns: (c.cooldowns ?? []).map((s) => ({
      until: ts(s.until),
      scope: s.scope ?? 'all',
      reason: s.reason,
    })),
    attributes,
  };
}
