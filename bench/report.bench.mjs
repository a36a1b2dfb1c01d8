#!/usr/bin/env node
/**
 * `npm run bench:report`: `push-prompt report` over a generated decision log of 1,000,000
 * lines (issue 10's target: under 20 s and under 200 MB of memory on a 2-core machine).
 * The CLI runs as a real process (bundled with esbuild, as `dist/cli.js` would be); a hook
 * records its peak RSS and CPU time. The same log also goes through sql/report.sql in
 * DuckDB, for comparison. Writes bench/results/report.{json,md}.
 *
 *   npm run bench:report                                   1,000,000 lines, 3 runs
 *   npm run bench:report -- --lines=200000 --runs=1 --no-sql --no-write
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const LINES = Number(args.lines ?? 1_000_000);
const RUNS = Number(args.runs ?? 3);
const TARGET_SECONDS = 20;
const TARGET_RSS_MB = 200;
const loadAtStart = os.loadavg();
const dir = join('.bench-tmp', 'report');
mkdirSync(dir, { recursive: true });
const say = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// 1. Bundle the CLI and the log generator, so the bench runs what ships.
for (const [entry, out] of [
  ['src/cli/main.ts', 'cli.mjs'],
  ['test/support/report-fixture.ts', 'fixture.mjs'],
  ['test/support/log-generator.ts', 'generator.mjs'],
]) {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: join(dir, out),
    logLevel: 'warning',
  });
}
const { FIXTURE_RULES, FIXTURE_SPEC } = await import(join(process.cwd(), dir, 'fixture.mjs'));
const { generateLog } = await import(join(process.cwd(), dir, 'generator.mjs'));

// 2. Generate the log: the fixture's experiments, enough users for LINES lines, cut there.
const logPath = join(dir, `decisions-${LINES}.jsonl`);
const rulesPath = join(dir, 'rules.json');
writeFileSync(rulesPath, JSON.stringify(FIXTURE_RULES, null, 2));
const g0 = performance.now();
const fd = openSync(logPath, 'w');
let written = 0;
let chunk = [];
const spec = { ...FIXTURE_SPEC, seed: 1, users: Math.ceil(LINES / 3), badLines: 100, blankLines: 0 };
generateLog(spec, (line) => {
  if (written >= LINES) return;
  chunk.push(line);
  written++;
  if (chunk.length === 10_000) {
    writeSync(fd, `${chunk.join('\n')}\n`);
    chunk = [];
  }
});
if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
closeSync(fd);
const logBytes = statSync(logPath).size;
say(
  `generated ${written.toLocaleString('en-US')} lines (${(logBytes / 1e6).toFixed(0)} MB) in ${((performance.now() - g0) / 1000).toFixed(1)} s: ${logPath}`,
);
if (written < LINES) throw new Error(`the generator gave only ${written} lines; raise users`);

// 3. The CLI, RUNS times, each in a fresh process.
const runs = [];
for (let r = 0; r < RUNS; r++) {
  const rssOut = join(dir, `rss-${r}.json`);
  const outPath = join(dir, `report-${r}.json`);
  const out = openSync(outPath, 'w');
  const t0 = performance.now();
  const p = spawnSync(
    process.execPath,
    [
      '--import',
      './bench/report-rss-hook.mjs',
      join(dir, 'cli.mjs'),
      'report',
      '--log',
      logPath,
      '--rules',
      rulesPath,
      '--json',
    ],
    { stdio: ['ignore', out, 'inherit'], env: { ...process.env, BENCH_RSS_OUT: rssOut } },
  );
  const seconds = (performance.now() - t0) / 1000;
  closeSync(out);
  if (p.status !== 0) throw new Error(`report exited with ${p.status}`);
  const usage = JSON.parse(readFileSync(rssOut, 'utf8'));
  runs.push({
    seconds,
    maxRssMB: usage.maxRssBytes / 1e6,
    cpuSeconds: (usage.userCpuMs + usage.systemCpuMs) / 1000,
  });
  say(`run ${r + 1}/${RUNS}: ${seconds.toFixed(2)} s, peak RSS ${(usage.maxRssBytes / 1e6).toFixed(0)} MB`);
}
const report = JSON.parse(readFileSync(join(dir, 'report-0.json'), 'utf8'));

// 4. The same log through sql/report.sql in DuckDB (in this process; DuckDB's own threads).
let sql = null;
if (!args['no-sql']) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const set = await c.prepare('SET VARIABLE log_path = $1');
  set.bindVarchar(1, logPath);
  await set.run();
  const rules = await c.prepare('SET VARIABLE rules_json = $1');
  rules.bindVarchar(1, JSON.stringify(FIXTURE_RULES));
  await rules.run();
  const t0 = performance.now();
  const rows = (await c.runAndReadAll(readFileSync('sql/report.sql', 'utf8'))).getRowObjectsJS();
  sql = { seconds: (performance.now() - t0) / 1000, rows: rows.length, threads: os.cpus().length };
  const same = rows.every((row) => {
    const arm = report.experiments.find((e) => e.id === row.experiment)?.arms.find((a) => a.arm === row.arm);
    return arm !== undefined && Number(row.users) === arm.users && Number(row.opted_in) === arm.optedIn;
  });
  sql.agreesWithCli = same;
  say(
    `sql/report.sql in DuckDB: ${sql.seconds.toFixed(2)} s, ${same ? 'same counts as the CLI' : 'COUNTS DIFFER'}`,
  );
  c.closeSync();
  db.closeSync();
}

// 5. Results.
const seconds = median(runs.map((r) => r.seconds));
const maxRssMB = Math.max(...runs.map((r) => r.maxRssMB));
const result = {
  date: new Date().toISOString(),
  command: `npm run bench:report${LINES === 1_000_000 ? '' : ` -- --lines=${LINES}`}`,
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadAtStart.map((x) => Number(x.toFixed(2))),
  },
  log: {
    lines: written,
    bytes: logBytes,
    records: report.input.records,
    skipped: report.input.skipped,
    users: report.input.users,
    experiments: report.experiments.length,
  },
  runs,
  medianSeconds: seconds,
  linesPerSecond: written / seconds,
  peakRssMB: maxRssMB,
  targets: {
    seconds: TARGET_SECONDS,
    rssMB: TARGET_RSS_MB,
    met: seconds < TARGET_SECONDS && maxRssMB < TARGET_RSS_MB,
  },
  sql,
};
const md = `### push-prompt report: ${written.toLocaleString('en-US')} log lines

| measure | value | target |
|---|---:|---:|
| wall time (median of ${runs.length}) | ${seconds.toFixed(2)} s | < ${TARGET_SECONDS} s |
| throughput | ${Math.round(written / seconds).toLocaleString('en-US')} lines/s | |
| peak RSS (max of ${runs.length}) | ${maxRssMB.toFixed(0)} MB | < ${TARGET_RSS_MB} MB |
| CPU time (median) | ${median(runs.map((r) => r.cpuSeconds)).toFixed(2)} s | |
${sql ? `| sql/report.sql in DuckDB (${sql.threads} threads, same log) | ${sql.seconds.toFixed(2)} s | |\n` : ''}
Log: ${(logBytes / 1e6).toFixed(0)} MB, ${report.input.records.toLocaleString('en-US')} records (decisions with full contexts, asks, permission records), ${report.input.skipped} bad lines, ${report.input.users.toLocaleString('en-US')} users, ${report.experiments.length} experiments (generated by test/support/log-generator.ts, seed 1).
Machine: ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGB} GiB, Node ${result.machine.node}; load average at start ${result.machine.loadAverageAtStart.join(' / ')} (a shared machine: other sessions were running).
Date: ${result.date}. Command: \`${result.command}\`.
`;
process.stdout.write(`\n${md}`);
if (!args['no-write']) {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/report.json', `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync('bench/results/report.md', md);
  say('wrote bench/results/report.json and bench/results/report.md');
}
