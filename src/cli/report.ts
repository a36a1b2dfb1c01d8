/**
 * `push-prompt report --log FILE… [--rules R.json] [--json | --markdown]`: the experiment
 * report of decision logs (DESIGN.md section 11). The logic is in src/authoring/report;
 * this file opens the files, shows progress and prints.
 */
import { statSync } from 'node:fs';
import { readLogLines } from '../authoring/logs/jsonl.js';
import {
  type ExperimentDeclarations,
  experimentDeclarations,
} from '../authoring/report/experiments-block.js';
import { formatReportMarkdown, formatReportText } from '../authoring/report/format.js';
import { createReportBuilder, type ReportBuilder } from '../authoring/report/report.js';
import { loadRuleSetText } from '../rules/text.js';
import { RuleSetError } from '../shared/errors.js';
import { EXIT_CODES_HELP, parseCommand } from './args.js';
import { EXIT, type Io, readFailure, UsageError } from './io.js';
import { scanJson } from './json-position.js';
import { fileLines } from './jsonl-file.js';
import { formatLocated, locate } from './rule-file.js';

export const REPORT_HELP = `Usage: push-prompt report --log <file>… [--rules <file>] [--json | --markdown]

Reads decision logs (JSON Lines: decision, ask and permission records) and reports, per
experiment and arm: enrolled users, users prompted (a soft-prompt ask after enrollment),
soft prompts accepted, users opted in and denied (their last known permission), the opt-in
rate with its 95% Wilson interval, the lift against the holdout arm (or the first arm) with
Newcombe's 95% interval, and a sample-ratio-mismatch check (chi-square of users per arm
against the arms' weights). Bad lines are skipped and counted. Logs of any size stream
through in memory that grows with users, not lines. See docs/experiments.md.

Options:
  --log <file>     a decision log; repeat it, or list more files after it; "-" reads stdin
  --rules <file>   the rule set the log was made with: the arms' weights and holdout flags
                   (without it: equal weights, the first arm by name as the baseline)
  --json           the machine shape
  --markdown       a Markdown table for a pull-request comment
  -h, --help       this help

${EXIT_CODES_HELP}`;

/** Progress goes to stderr when it is a terminal, after this long. */
const PROGRESS_AFTER_MS = 1_000;
const PROGRESS_EVERY_LINES = 50_000;

/**
 * Runs `report`.
 *
 * @example
 * await reportCommand(['--log', 'decisions.jsonl', '--rules', 'rules/default.json'], io);
 */
export async function reportCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    log: { type: 'string', multiple: true },
    rules: { type: 'string' },
    json: { type: 'boolean' },
    markdown: { type: 'boolean' },
  });
  if (values.help) {
    io.out(`${REPORT_HELP}\n`);
    return EXIT.ok;
  }
  const logs = [...(values.log ?? []), ...positionals];
  if (values.log === undefined || logs.length === 0) throw new UsageError('report needs --log <file>');
  if (values.json && values.markdown) throw new UsageError('choose one of --json and --markdown');
  if (logs.filter((f) => f === '-').length > 1) throw new UsageError('stdin ("-") can be read once');

  let experiments: ExperimentDeclarations | null = null;
  if (values.rules !== undefined) {
    const read = readRules(values.rules, io);
    if (read === null) return EXIT.failed;
    experiments = read;
  }
  const builder = createReportBuilder({ experiments });
  const progress = progressReporter(logs, io);
  for (const file of logs) {
    try {
      for await (const line of readLogLines(progress.count(fileLines(file)), file)) {
        builder.add(line);
        if (builder.lines % PROGRESS_EVERY_LINES === 0) progress.show(builder);
      }
    } catch (e) {
      progress.clear();
      io.err(`${file}: ${readFailure(e)}\n`);
      return EXIT.failed;
    }
  }
  progress.clear();
  const report = builder.finish();
  const context = values.rules === undefined ? {} : { rules: values.rules };
  if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (values.markdown) io.out(formatReportMarkdown(report, context));
  else io.out(formatReportText(report, context));
  return EXIT.ok;
}

/** The experiments of the rule file, or null after printing every issue of the file (it must load). */
function readRules(file: string, io: Io): ExperimentDeclarations | null {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.err(`${file}: ${readFailure(e)}\n`);
    return null;
  }
  const scanned = scanJson(text);
  if (!scanned.ok) {
    const { line, column } = scanned.error.position;
    io.err(`${file}:${line}:${column}  error  $  not valid JSON: ${scanned.error.message}  [invalid-json]\n`);
    return null;
  }
  try {
    return experimentDeclarations(loadRuleSetText(text));
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    for (const issue of e.issues)
      io.err(`${formatLocated(locate(file, scanned.positions, issue, 'error'))}\n`);
    return null;
  }
}

/**
 * Counts the characters read (for a percentage of the files' sizes) and, on a terminal,
 * rewrites one progress line on stderr once reading has taken more than a second.
 */
function progressReporter(files: readonly string[], io: Io) {
  const started = performance.now();
  let total = 0;
  for (const f of files) {
    try {
      total += f === '-' ? 0 : statSync(f).size;
    } catch {
      // An unreadable file is reported when it is read.
    }
  }
  let chars = 0;
  let shown = false;
  const enabled = io.errIsTty === true;
  return {
    count: enabled
      ? async function* (lines: AsyncIterable<string>) {
          for await (const l of lines) {
            chars += l.length + 1;
            yield l;
          }
        }
      : (lines: AsyncIterable<string>) => lines,
    show(builder: ReportBuilder) {
      const ms = performance.now() - started;
      if (!enabled || ms < PROGRESS_AFTER_MS) return;
      const share = total > 0 ? ` (~${Math.min(100, Math.round((100 * chars) / total))}%)` : '';
      io.err(`\rreport: ${builder.lines.toLocaleString('en-US')} lines${share}, ${(ms / 1000).toFixed(0)} s`);
      shown = true;
    },
    clear() {
      if (shown) io.err('\r\x1b[K');
      shown = false;
    },
  };
}
