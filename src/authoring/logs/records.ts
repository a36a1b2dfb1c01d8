/**
 * Decision logs (DESIGN.md section 10): one JSON object per line, three record types. A
 * decision record holds the full context as sent, so a log replays exactly; ask records are
 * the same asks later contexts carry; permission records report a status seen later (an
 * opt-out in settings). The zod schemas here are the one definition: the JSONL reader, the
 * report, replay, the simulator and the server's log writer all use them, and the JSON
 * Schema (`logRecordJsonSchema`) is generated from them.
 */
import * as z from 'zod';
import { ACTIONS, PERMISSION_VALUES, REASONS } from '../../rules/catalog.js';
import { parseTimestamp } from '../../shared/time.js';

/** An RFC 3339 date-time with an offset, as contexts take them. */
const timestamp = z
  .string()
  .refine((s) => parseTimestamp(s) !== null, { message: 'must be an RFC 3339 date-time with an offset' });

const userId = z.string().min(1).max(200);

/** The decision as `decide` returns it (trace and issues kept as opaque JSON). */
export const DecisionSchema = z.object({
  action: z.enum(ACTIONS),
  reason: z.enum(REASONS),
  ruleId: z.string().optional(),
  params: z.record(z.string(), z.json()).optional(),
  retryAt: timestamp.nullable(),
  ruleSet: z.string(),
  trace: z.array(z.json()).optional(),
  issues: z.array(z.json()).optional(),
  experiments: z.array(z.object({ id: z.string(), arm: z.string() })).optional(),
});

/** One prior ask, as contexts carry them (`context.asks[i]`). */
export const AskSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('soft-prompt'),
    at: timestamp,
    outcome: z.enum(['accepted', 'declined', 'dismissed']),
  }),
  z.object({
    kind: z.literal('system-prompt'),
    at: timestamp,
    outcome: z.enum(['granted', 'denied', 'dismissed', 'ignored', 'provisional']),
  }),
  z.object({ kind: z.literal('settings-link'), at: timestamp, outcome: z.enum(['opened', 'dismissed']) }),
]);

/** `{"type":"decision","at":…,"userId":…,"ruleSet":"name@hash","context":{…},"decision":{…}}` */
export const DecisionRecordSchema = z.object({
  type: z.literal('decision'),
  at: timestamp,
  /** Absent when the context has no userId. */
  userId: userId.optional(),
  ruleSet: z.string(),
  /** The context exactly as sent (validated again when replayed). */
  context: z.record(z.string(), z.json()),
  decision: DecisionSchema,
});

/** `{"type":"ask","at":…,"userId":…,"ask":{"kind":"soft-prompt","at":…,"outcome":"accepted"}}` */
export const AskRecordSchema = z.object({
  type: z.literal('ask'),
  at: timestamp,
  userId,
  ask: AskSchema,
});

/** `{"type":"permission","at":…,"userId":…,"permission":"granted"}`: a status seen later. */
export const PermissionRecordSchema = z.object({
  type: z.literal('permission'),
  at: timestamp,
  userId,
  permission: z.enum([...PERMISSION_VALUES, 'default']),
});

/** Any line of a decision log. */
export const LogRecordSchema = z.discriminatedUnion('type', [
  DecisionRecordSchema,
  AskRecordSchema,
  PermissionRecordSchema,
]);

/**
 * {@link LogRecordSchema} for values fresh from `JSON.parse` (the JSONL reader): the
 * free-form parts (the context's values, a decision's params, trace and issues) are JSON by
 * construction there, so they are not walked again. Walking them is recursive and costs
 * about two thirds of a decision line's parse time, and a deeply nested context overflows
 * the stack. On any `JSON.parse` output it accepts exactly what LogRecordSchema accepts
 * (test/authoring/logs.test.ts checks that with fast-check).
 */
export const ParsedLogRecordSchema = z.discriminatedUnion('type', [
  DecisionRecordSchema.extend({
    context: z.record(z.string(), z.unknown()),
    decision: DecisionSchema.extend({
      params: z.record(z.string(), z.unknown()).optional(),
      trace: z.array(z.unknown()).optional(),
      issues: z.array(z.unknown()).optional(),
    }),
  }),
  AskRecordSchema,
  PermissionRecordSchema,
]);

export type DecisionRecord = z.infer<typeof DecisionRecordSchema>;
export type AskRecord = z.infer<typeof AskRecordSchema>;
export type PermissionRecord = z.infer<typeof PermissionRecordSchema>;
export type LogRecord = z.infer<typeof LogRecordSchema>;

/**
 * The JSON Schema (draft 2020-12) of a log line, generated from {@link LogRecordSchema}.
 *
 * @example
 * JSON.stringify(logRecordJsonSchema(), null, 2); // for a warehouse loader or a validator
 */
export function logRecordJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(LogRecordSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
