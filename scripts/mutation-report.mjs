#!/usr/bin/env node
/**
 * Reads StrykerJS's JSON report (`npm run mutation` writes reports/mutation/mutation.json)
 * and prints, as markdown: the score per file, then every surviving (and uncovered) mutant
 * with its file, line, mutator, original code and replacement. With `--doc`, each survivor
 * gets the reason docs/mutation.md gives for it (matched by file, mutator, original and
 * replacement, not by line, so a reason survives code moving around it); a survivor the
 * doc does not explain is marked `UNREVIEWED`, and a doc row that no longer survives is
 * listed as stale.
 *
 *   node scripts/mutation-report.mjs                      scores and survivors
 *   node scripts/mutation-report.mjs --doc docs/mutation.md          with the doc's reasons
 *   node scripts/mutation-report.mjs --doc docs/mutation.md --write  rewrite the doc's table
 *   node scripts/mutation-report.mjs --doc docs/mutation.md --check  exit 1 on unreviewed or stale rows
 *   node scripts/mutation-report.mjs --report other.json  another report
 *   node scripts/mutation-report.mjs --tests              which test files killed mutants
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SURVIVORS_END, SURVIVORS_START, survivorRows } from './mutation-doc.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const reportPath = opt('--report') ?? 'reports/mutation/mutation.json';
const docPath = opt('--doc');
const write = args.includes('--write');
const check = args.includes('--check');

let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (error) {
  process.stderr.write(
    `mutation-report: cannot read ${reportPath} (run npm run mutation first): ${error.message}\n`,
  );
  process.exit(2);
}

/** Statuses Stryker counts as undetected (a surviving mutant, or one no test runs). */
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const cell = (s) => s.replace(/\s+/g, ' ').trim().replaceAll('|', '\\|');
const code = (s) => {
  const t = cell(s);
  return `\`${t.length > 70 ? `${t.slice(0, 67)}...` : t}\``;
};

/** The source text a location covers (lines and columns are 1-based; end column exclusive). */
function originalOf(source, { start, end }) {
  const lines = source.split('\n');
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const first = lines[start.line - 1].slice(start.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  const last = lines[end.line - 1].slice(0, end.column - 1);
  return [first, ...middle, last].join('\n');
}

const files = Object.entries(report.files)
  .map(([name, f]) => [relative(process.cwd(), name) || name, f])
  .sort(([a], [b]) => a.localeCompare(b));

// Scores: Stryker's "mutation score" is detected / (detected + undetected); compile and
// runtime errors and ignored mutants are left out.
const rows = [];
const total = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
for (const [name, f] of files) {
  const c = {
    mutants: f.mutants.length,
    killed: 0,
    timeout: 0,
    survived: 0,
    noCoverage: 0,
    ignored: 0,
    errors: 0,
  };
  for (const m of f.mutants) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else if (m.status === 'Ignored') c.ignored++;
    else c.errors++;
  }
  for (const k of Object.keys(total)) total[k] += c[k];
  rows.push([name, c]);
}
rows.push(['**all**', total]);
const score = (c) => {
  const d = c.killed + c.timeout;
  const n = d + c.survived + c.noCoverage;
  return n === 0 ? 'n/a' : `${((100 * d) / n).toFixed(2)}%`;
};

const out = [];
out.push('| file | mutants | killed | timeout | survived | no coverage | ignored | errors | score |');
out.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const [name, c] of rows) {
  out.push(
    `| ${name} | ${c.mutants} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} | ${c.errors} | ${score(c)} |`,
  );
}

// Survivors, in file and line order.
const survivors = [];
for (const [name, f] of files) {
  for (const m of f.mutants) {
    if (!UNDETECTED.has(m.status)) continue;
    survivors.push({
      file: name,
      line: m.location.start.line,
      column: m.location.start.column,
      mutator: m.mutatorName,
      original: code(originalOf(f.source, m.location)),
      replacement: code(m.replacement ?? ''),
      status: m.status,
    });
  }
}
survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
const keyOf = (s) => [s.file, s.mutator, s.original, s.replacement].join('\u0000');

// Reasons from the doc: its survivor rows, keyed like the survivors.
const reasons = new Map();
let doc;
if (docPath !== undefined) {
  doc = readFileSync(docPath, 'utf8');
  const rows = survivorRows(doc);
  if (rows === null) {
    process.stderr.write(
      `mutation-report: ${docPath} has no ${SURVIVORS_START} ... ${SURVIVORS_END} block\n`,
    );
    process.exit(2);
  }
  for (const cells of rows) {
    const key = [cells[0].replace(/:\d+$/, ''), cells[1], cells[2], cells[3]].join('\u0000');
    const list = reasons.get(key) ?? [];
    list.push(cells[4]);
    reasons.set(key, list);
  }
}

const table = [
  '| file:line | mutator | original | replacement | why it cannot change behaviour |',
  '|---|---|---|---|---|',
];
let unreviewed = 0;
for (const s of survivors) {
  const list = reasons.get(keyOf(s));
  let reason = list?.shift();
  if (reason === undefined || reason === '' || reason.startsWith('UNREVIEWED')) {
    unreviewed++;
    reason = `UNREVIEWED (${s.status})`;
  }
  table.push(`| ${s.file}:${s.line} | ${s.mutator} | ${s.original} | ${s.replacement} | ${reason} |`);
}
const stale = [...reasons.entries()].flatMap(([k, list]) => list.map(() => k.split('\u0000').join(' ')));

if (args.includes('--tests')) {
  const tests = new Map();
  const names = new Map();
  for (const [file, t] of Object.entries(report.testFiles ?? {})) {
    for (const x of t.tests) names.set(x.id, relative(process.cwd(), file) || file);
  }
  for (const [, f] of files) {
    for (const m of f.mutants)
      for (const id of m.killedBy ?? []) {
        const n = names.get(id) ?? '(unknown)';
        tests.set(n, (tests.get(n) ?? 0) + 1);
      }
  }
  out.push('', '| test file | mutants killed |', '|---|--:|');
  for (const [n, k] of [...tests].sort((a, b) => b[1] - a[1])) out.push(`| ${n} | ${k} |`);
}

out.push(
  '',
  `${survivors.length} surviving mutant(s)${docPath === undefined ? '' : `, ${unreviewed} unreviewed, ${stale.length} stale doc row(s)`}`,
  '',
);
out.push(...table);
if (stale.length > 0)
  out.push('', 'Doc rows that no longer survive (remove them):', ...stale.map((s) => `- ${s}`));
process.stdout.write(`${out.join('\n')}\n`);

if (write && doc !== undefined) {
  const a = doc.indexOf(SURVIVORS_START);
  const b = doc.indexOf(SURVIVORS_END);
  writeFileSync(docPath, `${doc.slice(0, a + SURVIVORS_START.length)}\n${table.join('\n')}\n${doc.slice(b)}`);
  process.stderr.write(`mutation-report: wrote ${survivors.length} row(s) into ${docPath}\n`);
}
if (check && (unreviewed > 0 || stale.length > 0)) process.exit(1);
