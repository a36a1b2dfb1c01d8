/**
 * The report for people: an aligned plain-text table (the terminal) and a Markdown table
 * (a pull-request comment). Both show the same numbers as `--json`, rounded: rates in
 * percent, lifts in percentage points, a star where the lift's 95% interval excludes 0.
 */
import type { Interval } from './stats.js';
import type { ArmReport, ExperimentReport, Report } from './types.js';

/** 1234567 → "1,234,567" (no locale data needed). */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const pp = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const ci = (i: Interval | null): string => (i === null ? '–' : `[${pct(i[0])}, ${pct(i[1])}]`);
const ciPp = (i: Interval): string => `[${pp(i[0])}, ${pp(i[1])}]`;

/** The lift's interval excludes 0. */
export const significant = (a: ArmReport): boolean =>
  a.lift !== null && (a.lift.ci[0] > 0 || a.lift.ci[1] < 0);

/**
 * A p-value for reading: four decimals, or "< 0.0001".
 *
 * @example
 * formatP(0.54321); // '0.5432'
 */
export function formatP(p: number): string {
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

function baselineWords(e: ExperimentReport): string {
  if (e.baseline === null) return 'no baseline (no arms)';
  const why = {
    holdout: 'the holdout arm',
    'first-arm': 'no holdout arm: the first arm in the rule set',
    'first-arm-by-name': 'no rule set: the first arm by name',
  }[e.baselineKind ?? 'first-arm-by-name'];
  return `baseline ${e.baseline} (${why})`;
}

function srmWords(e: ExperimentReport): string {
  const s = e.srm;
  if (s === null) return 'sample ratio: not checked';
  const verdict = s.mismatch
    ? 'MISMATCH: the split is not what the weights say; do not trust the lift until the cause is found'
    : 'no mismatch';
  const weights = s.weights === 'equal' ? ', equal weights assumed' : '';
  return `sample ratio: chi² ${s.chiSquare.toFixed(2)} (df ${s.df}${weights}), p ${formatP(s.pValue)}: ${verdict}`;
}

/** Columns aligned: text left, numbers right. */
function align(rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const widths = right.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (right[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The arm's name, marked when it is a holdout whose name does not say so. */
const armLabel = (a: ArmReport): string => (a.holdout && a.arm !== 'holdout' ? `${a.arm} (holdout)` : a.arm);

function armRow(a: ArmReport): string[] {
  return [
    armLabel(a),
    a.weight === null ? '–' : String(a.weight),
    thousands(a.users),
    thousands(a.prompted),
    thousands(a.softAccepted),
    thousands(a.optedIn),
    thousands(a.denied),
    pct(a.optInRate),
    ci(a.optInCI),
    a.lift === null ? '' : `${pp(a.lift.diff)} pp`,
    a.lift === null ? '' : `${ciPp(a.lift.ci)}${significant(a) ? ' *' : ''}`,
  ];
}

const HEAD = ['arm', 'weight', 'users', 'prompted', 'soft-acc.', 'opted in', 'denied', 'opt-in', '95% CI'];

/**
 * The readable report (default output of `push-prompt report`).
 *
 * @example
 * process.stdout.write(formatReportText(report, { rules: 'rules/default.json' }));
 */
export function formatReportText(report: Report, context: { rules?: string } = {}): string {
  const { input } = report;
  const out = [
    `${thousands(input.records)} records, ${thousands(input.skipped)} skipped line(s), ${thousands(input.users)} users`,
  ];
  for (const b of input.skippedLines) out.push(`  skipped ${b.source}:${b.line}  ${b.message}`);
  if (input.skipped > input.skippedLines.length)
    out.push(`  … and ${thousands(input.skipped - input.skippedLines.length)} more`);
  out.push(
    report.weights === 'rules'
      ? `weights and holdouts from ${context.rules ?? 'the rule set'}`
      : 'no --rules: equal weights assumed, baseline is the first arm by name',
  );
  if (report.experiments.length === 0) out.push('', 'no experiments in the log or the rule set');
  for (const e of report.experiments) {
    out.push('', `${e.id}: ${thousands(e.users)} users, ${baselineWords(e)}`);
    const head = [...HEAD, `lift vs ${e.baseline ?? '–'}`, '95% CI'];
    const right = head.map((_, i) => i > 0);
    for (const line of align([head, ...e.arms.map(armRow)], right)) out.push(`  ${line}`);
    out.push(`  ${srmWords(e)}`);
    for (const n of e.notes) out.push(`  note: ${n}`);
  }
  if (report.experiments.some((e) => e.arms.some(significant)))
    out.push('', '* the 95% interval of the lift excludes 0');
  return `${out.join('\n')}\n`;
}

const mdEscape = (s: string): string => s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);

function mdArmRow(a: ArmReport): string {
  const lift =
    a.lift === null
      ? 'baseline'
      : `${significant(a) ? '**' : ''}${pp(a.lift.diff)} pp${significant(a) ? '**' : ''} ${ciPp(a.lift.ci)}`;
  const rate = a.optInRate === null ? '–' : `${pct(a.optInRate)} ${ci(a.optInCI)}`;
  return `| ${mdEscape(armLabel(a))} | ${a.weight ?? '–'} | ${thousands(a.users)} | ${thousands(a.prompted)} | ${thousands(a.softAccepted)} | ${thousands(a.optedIn)} | ${thousands(a.denied)} | ${rate} | ${lift} |`;
}

/**
 * The report as Markdown, for a pull-request comment.
 *
 * @example
 * writeFileSync('report.md', formatReportMarkdown(report));
 */
export function formatReportMarkdown(report: Report, context: { rules?: string } = {}): string {
  const { input } = report;
  const out = [
    '## Experiment report',
    '',
    `${thousands(input.records)} records, ${thousands(input.skipped)} skipped line(s), ${thousands(input.users)} users; ${
      report.weights === 'rules'
        ? `weights and holdouts from \`${context.rules ?? 'the rule set'}\`.`
        : 'no rule set given: equal weights assumed.'
    }`,
  ];
  for (const b of input.skippedLines)
    out.push(`- skipped ${mdEscape(`${b.source}:${b.line}`)}: ${mdEscape(b.message)}`);
  for (const e of report.experiments) {
    out.push(
      '',
      `### ${mdEscape(e.id)}`,
      '',
      `${thousands(e.users)} users, ${mdEscape(baselineWords(e))}.`,
      '',
    );
    out.push(
      `| arm | weight | users | prompted | soft-accepted | opted in | denied | opt-in (95% CI) | lift vs ${mdEscape(e.baseline ?? '–')} (95% CI) |`,
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...e.arms.map(mdArmRow),
      '',
      `${e.srm?.mismatch ? '**' : ''}${mdEscape(srmWords(e))}${e.srm?.mismatch ? '**' : ''}`,
    );
    for (const n of e.notes) out.push(`- ${mdEscape(n)}`);
  }
  out.push('', 'Bold lift: its 95% interval excludes 0. Check the sample ratio first.');
  return `${out.join('\n')}\n`;
}
