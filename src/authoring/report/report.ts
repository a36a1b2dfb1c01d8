/**
 * `push-prompt report` (DESIGN.md section 11) as pure functions: feed it the lines of one or
 * more decision logs, get per experiment and arm the enrolled users, how many were
 * prompted, accepted the soft prompt, opted in or denied, the opt-in rate with its Wilson
 * interval, the lift against the baseline arm with Newcombe's interval, and the
 * sample-ratio-mismatch check. Memory grows with users and enrollments, never with lines
 * (see tables.ts); the order of lines does not matter.
 */
import type { BadLine, LogLine } from '../logs/jsonl.js';
import { readLogLines } from '../logs/jsonl.js';
import type { ExperimentDeclarations } from './experiments-block.js';
import { ingestRecord } from './ingest.js';
import { countEnrollments, summarizeExperiment } from './summarize.js';
import { Enrollments, UserTable } from './tables.js';
import type { Report } from './types.js';

/** How many skipped lines the report lists (all are counted). */
export const SKIPPED_LINES_LISTED = 5;

/** Options of {@link createReportBuilder} and {@link buildReport}. */
export interface ReportOptions {
  /**
   * The experiments the log was made with (from `--rules`), for the arms' weights, holdout
   * flags and order; null when unknown: equal weights, the alphabetically first arm as the
   * baseline, and the report says so.
   */
  readonly experiments: ExperimentDeclarations | null;
}

/** The streaming half of the report: add lines in any order, then finish. */
export interface ReportBuilder {
  add(line: LogLine): void;
  /** Lines added so far (records and skipped). */
  readonly lines: number;
  finish(): Report;
}

/**
 * A report that lines are added to one at a time (the CLI's loop, with progress).
 *
 * @example
 * const b = createReportBuilder({ experiments: null });
 * for await (const l of readLogLines(lines, 'a.jsonl')) b.add(l);
 * b.finish().experiments[0]?.arms[0]?.optInRate;
 */
export function createReportBuilder(options: ReportOptions): ReportBuilder {
  const users = new UserTable();
  const enrollments = new Enrollments(users);
  let records = 0;
  let skipped = 0;
  const skippedLines: BadLine[] = [];
  return {
    add(line) {
      if (line.ok) {
        records++;
        ingestRecord(line.record, users, enrollments);
        return;
      }
      skipped++;
      if (skippedLines.length < SKIPPED_LINES_LISTED)
        skippedLines.push({ source: line.source, line: line.line, message: line.message });
    },
    get lines() {
      return records + skipped;
    },
    finish() {
      const declared = options.experiments;
      const counted = countEnrollments(enrollments, users);
      const ids = new Set<string>([...(declared?.keys() ?? [])]);
      for (const id of [...counted.keys()].sort()) ids.add(id);
      return {
        input: { records, skipped, skippedLines: [...skippedLines], users: users.size },
        weights: declared === null ? 'equal' : 'rules',
        experiments: [...ids].map((id) => summarizeExperiment(id, counted.get(id), declared)),
      };
    },
  };
}

/**
 * The report of whole logs: each source's lines are read as decision-log records (bad lines
 * counted and skipped) and folded into one report.
 *
 * @example
 * await buildReport([{ source: 'a.jsonl', lines: fileLines('a.jsonl') }], { experiments: null });
 */
export async function buildReport(
  sources: Iterable<{ readonly source: string; readonly lines: AsyncIterable<string> | Iterable<string> }>,
  options: ReportOptions,
): Promise<Report> {
  const builder = createReportBuilder(options);
  for (const { source, lines } of sources) for await (const l of readLogLines(lines, source)) builder.add(l);
  return builder.finish();
}
