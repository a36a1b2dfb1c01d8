/**
 * Reading decision logs line by line: each line is parsed and checked against the record
 * schemas; a bad line becomes a {@link BadLine} with its line number and the reason, and
 * reading goes on (a log is never fatal because one line is). Works on any iterable of
 * lines, sync or async, so a file of any size streams through in bounded memory (the CLI
 * feeds it `readline` over a file stream).
 */
import type { Decision } from '../../evaluate/decision.js';
import { formatPath } from '../../shared/errors.js';
import { type DecisionRecord, type LogRecord, ParsedLogRecordSchema } from './records.js';

/** A line that could not be read as a log record. */
export interface BadLine {
  readonly source: string;
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

/** One line's outcome: a record, or why it was skipped. Blank lines are neither. */
export type LogLine =
  | { readonly ok: true; readonly source: string; readonly line: number; readonly record: LogRecord }
  | ({ readonly ok: false } & BadLine);

/**
 * Parses one line of a decision log; null for a blank line.
 *
 * @example
 * parseLogLine('{"type":"permission","at":"2026-03-01T09:30:00Z","userId":"u1","permission":"granted"}', 1, 'a.jsonl');
 * // { ok: true, source: 'a.jsonl', line: 1, record: { type: 'permission', … } }
 * parseLogLine('{oops', 2, 'a.jsonl'); // { ok: false, source: 'a.jsonl', line: 2, message: 'not JSON: …' }
 */
export function parseLogLine(text: string, line: number, source = '-'): LogLine | null {
  if (text.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      source,
      line,
      message: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let r: ReturnType<typeof ParsedLogRecordSchema.safeParse>;
  try {
    r = ParsedLogRecordSchema.safeParse(json);
  } catch (error) {
    // Nothing known throws here; a log line must never stop the reader.
    return {
      ok: false,
      source,
      line,
      message: `not a log record: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  // JSON.parse output: the free-form parts are JSON values, as LogRecord says.
  if (r.success) return { ok: true, source, line, record: r.data as LogRecord };
  const first = r.error.issues[0];
  const where =
    first === undefined
      ? ''
      : `${formatPath(first.path.map((p) => (typeof p === 'number' ? p : String(p))))}: `;
  return { ok: false, source, line, message: `not a log record: ${where}${first?.message ?? 'invalid'}` };
}

/**
 * Parses every line of a stream of lines (from one source), in order.
 *
 * @example
 * for await (const l of readLogLines(lines, 'decisions.jsonl')) if (l.ok) use(l.record); else skipped.push(l);
 */
export async function* readLogLines(
  lines: AsyncIterable<string> | Iterable<string>,
  source = '-',
): AsyncGenerator<LogLine> {
  let n = 0;
  for await (const text of lines) {
    n++;
    const parsed = parseLogLine(text, n, source);
    if (parsed !== null) yield parsed;
  }
}

/**
 * The decision record of one decision, ready to write as a line (`JSON.stringify`). `at`
 * defaults to the context's `now` (the instant the decision was made for).
 *
 * @example
 * const d = decider.decide(ctx);
 * log.write(`${JSON.stringify(decisionRecord(ctx, d))}\n`);
 */
export function decisionRecord(
  context: { readonly [k: string]: unknown },
  decision: Decision,
  at?: string,
): DecisionRecord {
  const now = context.now;
  const userId = context.userId;
  return {
    type: 'decision',
    at: at ?? (typeof now === 'string' ? now : ''),
    ...(typeof userId === 'string' && userId !== '' && { userId }),
    ruleSet: decision.ruleSet,
    context: context as DecisionRecord['context'],
    decision: decision as unknown as DecisionRecord['decision'],
  };
}
