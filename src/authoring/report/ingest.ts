/**
 * What the report takes from each log record (DESIGN.md sections 10 and 11):
 *
 * - a decision record whose decision lists `experiments` enrolls its user in each listed
 *   experiment and arm at the record's `at`;
 * - soft-prompt asks (ask records, and the `asks` a decision's context carries) mark the
 *   user as prompted, and as soft-accepted when the outcome is `accepted`, at the ask's `at`;
 * - permission observations: a permission record's `permission` at the record's `at`, a
 *   system-prompt ask's outcome (`granted`, `provisional`, `denied`; a dismissal or an
 *   ignore says nothing about the status) at the ask's `at`, and a decision context's
 *   `permission` at the record's `at`. The latest wins; at the same instant a permission
 *   record beats an ask outcome, which beats a context (a context is what the OS reported
 *   just before the decision).
 *
 * Asks in a context that do not match the ask schema are ignored (the line still counts).
 */
import { parseTimestamp } from '../../shared/time.js';
import { AskSchema, type LogRecord } from '../logs/records.js';
import { type Enrollments, SOURCE_RANK, STATUS_CODE, type UserTable } from './tables.js';

/** Epoch ms of a timestamp the record schema has already accepted. */
const ms = (at: string): number => parseTimestamp(at)?.ms ?? Number.NaN;

type Ask = { kind: string; at: string; outcome: string };

const SYSTEM_OUTCOME_STATUS: Readonly<Record<string, number>> = {
  granted: STATUS_CODE.granted,
  provisional: STATUS_CODE.provisional,
  denied: STATUS_CODE.denied,
};

function observeAsk(users: UserTable, row: number, ask: Ask): void {
  if (ask.kind === 'soft-prompt') users.softPrompt(row, ms(ask.at), ask.outcome === 'accepted');
  else if (ask.kind === 'system-prompt') {
    const status = SYSTEM_OUTCOME_STATUS[ask.outcome];
    if (status !== undefined) users.permission(row, ms(ask.at), SOURCE_RANK.systemPrompt, status);
  }
}

/** The context's asks that match the ask schema. */
function contextAsks(context: Record<string, unknown>): Ask[] {
  const asks = context.asks;
  if (!Array.isArray(asks)) return [];
  const out: Ask[] = [];
  for (const a of asks) {
    const r = AskSchema.safeParse(a);
    if (r.success) out.push(r.data);
  }
  return out;
}

function statusOf(value: unknown): number | undefined {
  return typeof value === 'string' && Object.hasOwn(STATUS_CODE, value)
    ? STATUS_CODE[value as keyof typeof STATUS_CODE]
    : undefined;
}

/**
 * Folds one record into the tables.
 *
 * @example
 * const users = new UserTable();
 * ingestRecord(record, users, new Enrollments(users));
 */
export function ingestRecord(record: LogRecord, users: UserTable, enrollments: Enrollments): void {
  switch (record.type) {
    case 'ask':
      observeAsk(users, users.row(record.userId), record.ask);
      return;
    case 'permission': {
      const status = statusOf(record.permission);
      if (status !== undefined)
        users.permission(users.row(record.userId), ms(record.at), SOURCE_RANK.permissionRecord, status);
      return;
    }
    case 'decision': {
      if (record.userId === undefined) return;
      const row = users.row(record.userId);
      const at = ms(record.at);
      const status = statusOf(record.context.permission);
      if (status !== undefined) users.permission(row, at, SOURCE_RANK.context, status);
      for (const ask of contextAsks(record.context)) observeAsk(users, row, ask);
      for (const e of record.decision.experiments ?? []) enrollments.enroll(row, e.id, e.arm, at);
      return;
    }
  }
}
