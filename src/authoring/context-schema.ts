/**
 * The context as a zod schema: the source of the context's JSON Schema and the reference
 * the runtime validator (src/context/validate.ts) is tested against. `safeParseContextReference`
 * is the old way of validating: a bounded snapshot copy, the schema, then normalization;
 * test/context/differential.test.ts proves the validator accepts and rejects exactly what
 * it does, with the same Context and the same (path, code) issues.
 */
import * as z from 'zod/mini';
import { type DraftAsk, normalizeAsks } from '../context/asks.js';
import {
  ASK_OUTCOMES,
  type AttributeValue,
  type Context,
  type ContextParseResult,
  type KeyActionStat,
  SNOOZE_SCOPES,
  WEB_DEFAULT,
} from '../context/types.js';
import { BROWSER_VALUES, HOST_OS_VALUES, OS_VALUES, PERMISSION_VALUES } from '../rules/catalog.js';
import { snapshotJson } from '../shared/json-snapshot.js';
import { LIMITS } from '../shared/limits.js';
import { parseTimestamp } from '../shared/time.js';
import { isVersion } from '../shared/version.js';
import { fromZodIssues } from './zod-issues.js';

const L = LIMITS.context;

// Length checks run only on the type they are for. By default zod also runs them after a
// type error on anything with a `length` (a list as `trigger` got "too short" as well, and
// `{ "length": {} }` threw a TypeError out of safeParse).
const only = <C extends z.core.$ZodCheck<never>>(check: C, is: (v: unknown) => boolean): C => {
  check._zod.def.when = (p) => is(p.value);
  return check;
};
const isString = (v: unknown) => typeof v === 'string';
const text = (min: 0 | 1, max: number) =>
  min === 0
    ? z.string().check(only(z.maxLength(max), isString))
    : z.string().check(only(z.minLength(min), isString), only(z.maxLength(max), isString));
const list = <T extends z.core.SomeType>(item: T, max: number) =>
  z.array(item).check(only(z.maxLength(max), Array.isArray));

const timestamp = z.string().check(
  z.refine((s) => parseTimestamp(s) !== null, {
    message: 'must be an RFC 3339 date-time with an offset, e.g. 2026-03-01T09:30:00Z or …+01:00',
  }),
);
const count = z.number().check(z.int(), z.minimum(0));
const name = text(1, L.maxNameLength);
const apiLevel = z.number().check(z.int(), z.minimum(L.minApiLevel), z.maximum(L.maxApiLevel));

const ask = <K extends keyof typeof ASK_OUTCOMES>(kind: K) =>
  z.object({ kind: z.literal(kind), at: timestamp, outcome: z.enum(ASK_OUTCOMES[kind]) });

const attributeValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  list(z.string(), L.maxListLength),
  list(z.number(), L.maxListLength),
]);

/** A record of at most `max` entries. */
const recordOf = <V extends z.core.SomeType>(value: V, max: number, what: string) =>
  z
    .record(name, value)
    .check(z.refine((r) => Object.keys(r).length <= max, { message: `at most ${max} ${what}` }));

/**
 * The zod schema of a context document as sent (before normalization): the JSON Schema's
 * source, and the test oracle of the runtime validator. Use `parseContext` to validate.
 *
 * @example
 * ContextSchema.safeParse({ now: '2026-03-01T09:30:00Z', platform: { os: 'ios' },
 *   permission: 'not-determined', sessions: { count: 1 } }).success; // true
 */
export const ContextSchema = z.object({
  now: timestamp,
  userId: z.optional(text(0, L.maxUserIdLength)),
  platform: z.object({
    os: z.enum(OS_VALUES),
    osVersion: z.optional(
      z.string().check(z.refine(isVersion, { message: 'must be a version like "17.2" or "10.15.7"' })),
    ),
    hostOs: z.optional(z.enum(HOST_OS_VALUES)),
    apiLevel: z.optional(apiLevel),
    targetSdk: z.optional(apiLevel),
    browser: z.optional(z.enum(BROWSER_VALUES)),
    installedToHomeScreen: z.optional(z.boolean()),
  }),
  permission: z.enum([...PERMISSION_VALUES, WEB_DEFAULT]),
  canAskAgain: z.optional(z.boolean()),
  sessions: z.object({
    count: z.number().check(z.int(), z.minimum(1)),
    firstSeenAt: z.optional(timestamp),
    currentStartedAt: z.optional(timestamp),
  }),
  keyActions: z.optional(
    recordOf(z.object({ count, lastAt: z.optional(timestamp) }), L.maxKeyActions, 'key actions'),
  ),
  trigger: z.optional(name),
  asks: z.optional(
    list(
      z.discriminatedUnion('kind', [ask('soft-prompt'), ask('system-prompt'), ask('settings-link')]),
      L.maxAsks,
    ),
  ),
  cooldowns: z.optional(
    list(
      z.object({
        until: timestamp,
        scope: z.optional(z.enum(SNOOZE_SCOPES)),
        reason: z.optional(z.string()),
      }),
      L.maxCooldowns,
    ),
  ),
  attributes: z.optional(recordOf(attributeValue, L.maxAttributes, 'attributes')),
});

type Parsed = z.infer<typeof ContextSchema>;

const SNAPSHOT = {
  maxDepth: L.maxDepth,
  maxNodes: L.maxNodes,
  maxArrayLength: L.maxAsks,
  maxStringLength: L.maxStringLength,
  maxChars: L.maxChars,
  forbiddenKeys: 'skip',
} as const;

/**
 * The reference validation: a bounded snapshot copy, the zod schema, then normalization.
 * Slow (a copy and zod's generic machinery); the runtime's validator must agree with it.
 *
 * @example
 * safeParseContextReference({ now: 'yesterday' }).success; // false, with issues
 */
export function safeParseContextReference(input: unknown): ContextParseResult {
  const snap = snapshotJson(input, SNAPSHOT);
  if (snap.issues.length > 0) return { success: false, issues: snap.issues };
  // reportInput: without it zod leaves `input` off every issue and a wrong value reads as missing.
  const parsed = ContextSchema.safeParse(snap.value, { reportInput: true });
  if (!parsed.success) return { success: false, issues: fromZodIssues(parsed.error.issues) };
  // Normalize from the snapshot, not zod's output: zod builds ordinary objects, so an
  // optional field it left out would be read through a polluted Object.prototype; the
  // snapshot's objects have no prototype.
  return { success: true, data: normalize(snap.value as Parsed) };
}

const ms = (s: string): number => parseTimestamp(s)?.ms ?? Number.NaN;

function normalize(c: Parsed): Context {
  const nowI = parseTimestamp(c.now);
  const now = nowI?.ms ?? Number.NaN;
  const clamp = (s: string | undefined): number | undefined =>
    s === undefined ? undefined : Math.min(ms(s), now);
  const asks: DraftAsk[] = (c.asks ?? []).map((a) => ({ kind: a.kind, at: ms(a.at), outcome: a.outcome }));
  const keyActions: Record<string, KeyActionStat> = Object.create(null);
  for (const [k, v] of Object.entries(c.keyActions ?? {}))
    keyActions[k] = { count: v.count, lastAt: clamp(v.lastAt) };
  const attributes: Record<string, AttributeValue> = Object.create(null);
  for (const [k, v] of Object.entries(c.attributes ?? {})) attributes[k] = v;
  const p = c.platform;
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
    permission: c.permission === WEB_DEFAULT ? 'not-determined' : c.permission,
    canAskAgain: c.canAskAgain,
    sessions: {
      count: c.sessions.count,
      firstSeenAt: clamp(c.sessions.firstSeenAt),
      currentStartedAt: clamp(c.sessions.currentStartedAt),
    },
    keyActions,
    trigger: c.trigger,
    asks: normalizeAsks(asks, now),
    cooldowns: (c.cooldowns ?? []).map((s) => ({
      until: ms(s.until),
      scope: s.scope ?? 'all',
      reason: s.reason,
    })),
    attributes,
  };
}
