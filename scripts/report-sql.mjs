#!/usr/bin/env node
/**
 * `node scripts/report-sql.mjs --log FILE [--rules R.json] [--json | --columns a,b]`: runs sql/report.sql in
 * DuckDB (the @duckdb/node-api dev dependency) over a decision log and prints its rows, the
 * way the duckdb CLI would. For trying the SQL without installing DuckDB; in the duckdb CLI:
 *
 *   SET VARIABLE log_path = 'decisions.jsonl';
 *   SET VARIABLE rules_json = (SELECT content FROM read_text('rules.json'));
 *   .read sql/report.sql
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const { values } = parseArgs({
  options: {
    log: { type: 'string', multiple: true },
    rules: { type: 'string' },
    json: { type: 'boolean' },
    columns: { type: 'string' },
  },
});
if (!values.log) {
  process.stderr.write(
    'usage: node scripts/report-sql.mjs --log FILE [--log FILE…] [--rules R.json] [--json]\n',
  );
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const setLog = await c.prepare('SET VARIABLE log_path = $1');
// One file as a string; several as a list (read_json takes both).
if (values.log.length === 1) {
  setLog.bindVarchar(1, values.log[0]);
  await setLog.run();
} else {
  await c.run(
    `SET VARIABLE log_path = [${values.log.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}]`,
  );
}
if (values.rules) {
  const r = await c.prepare('SET VARIABLE rules_json = $1');
  r.bindVarchar(1, readFileSync(values.rules, 'utf8'));
  await r.run();
}
const t0 = performance.now();
const rows = (await c.runAndReadAll(readFileSync('sql/report.sql', 'utf8'))).getRowObjectsJson();
const seconds = (performance.now() - t0) / 1000;
if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else {
  const round = (v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v ?? 'NULL'));
  const columns = values.columns ? values.columns.split(',') : Object.keys(rows[0] ?? {});
  const cells = [columns, ...rows.map((r) => columns.map((k) => round(r[k])))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const r of cells)
    process.stdout.write(
      `${r
        .map((v, i) => v.padEnd(widths[i]))
        .join('  ')
        .trimEnd()}\n`,
    );
}
process.stderr.write(`${rows.length} rows in ${seconds.toFixed(2)} s\n`);
c.closeSync();
db.closeSync();
