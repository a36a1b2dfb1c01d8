/**
 * sql/report.sql gives the CLI's numbers: DuckDB runs the query over the same JSONL and
 * every field of every arm (counts exactly; rates, intervals and the chi-square statistic
 * to 1e-12) equals `push-prompt report --json`. First on the generated log with known
 * counts (with and without the rule set), then on many small arbitrary logs built to hit
 * the definitions' corners (ties at one instant written in several offsets, users in two
 * arms, malformed context asks, every kind of bad line). The query's lists of actions,
 * reasons and permission values must be the catalog's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentDeclarations } from '../../src/authoring/report/experiments-block.js';
import { buildReport } from '../../src/authoring/report/report.js';
import type { Report } from '../../src/authoring/report/types.js';
import { ACTIONS, PERMISSION_VALUES, REASONS } from '../../src/rules/catalog.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { logArbitrary, rulesArbitrary } from '../support/log-arbitrary.js';
import { FIXTURE_RULES, tempDir, writeGeneratedLog } from '../support/report-fixture.js';
import { propertySeed, runOptions } from '../support/seed.js';

const SQL = readFileSync('sql/report.sql', 'utf8');
const seed = propertySeed('authoring/report-sql');
/** Each run writes a file and runs the query (~70 ms); FC_SQL_RUNS=1000 for a long hunt (1,000 runs passed when written). */
const SQL_RUNS = Number(process.env.FC_SQL_RUNS ?? 60);

type Row = Record<string, unknown>;

let db: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  connection = await db.connect();
});
afterAll(() => {
  connection.closeSync();
  db.closeSync();
});

/** The query's rows for a log file and an optional rule set. */
async function sqlRows(logPath: string, rules: unknown): Promise<Row[]> {
  const prepared = await connection.prepare('SET VARIABLE log_path = $1');
  prepared.bindVarchar(1, logPath);
  await prepared.run();
  if (rules === null) await connection.run('RESET VARIABLE rules_json');
  else {
    const p = await connection.prepare('SET VARIABLE rules_json = $1');
    p.bindVarchar(1, JSON.stringify(rules));
    await p.run();
  }
  const reader = await connection.runAndReadAll(SQL);
  return reader
    .getRowObjectsJS()
    .map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    );
}

/** The CLI report flattened to the query's rows. */
function cliRows(r: Report): Row[] {
  return r.experiments.flatMap((e) =>
    e.arms.map((a) => ({
      experiment: e.id,
      arm: a.arm,
      holdout: a.holdout,
      weight: a.weight,
      users: a.users,
      prompted: a.prompted,
      soft_accepted: a.softAccepted,
      opted_in: a.optedIn,
      denied: a.denied,
      opt_in_rate: a.optInRate,
      opt_in_ci_lo: a.optInCI?.[0] ?? null,
      opt_in_ci_hi: a.optInCI?.[1] ?? null,
      baseline: e.baseline,
      baseline_kind: e.baselineKind,
      lift_diff: a.lift?.diff ?? null,
      lift_ci_lo: a.lift?.ci[0] ?? null,
      lift_ci_hi: a.lift?.ci[1] ?? null,
      experiment_users: e.users,
      conflicts: e.conflicts,
      srm_chi_square: e.srm?.chiSquare ?? null,
      srm_df: e.srm?.df ?? null,
      srm_weights: e.srm === null ? 'rules-or-equal' : e.srm.weights,
      srm_mismatch: e.srm?.mismatch ?? null,
      records: r.input.records,
      skipped: r.input.skipped,
      users_seen: r.input.users,
    })),
  );
}

/** Every field equal: counts and strings exactly, floats to 1e-12. */
function expectSame(sql: Row[], cli: Row[], label: string): void {
  expect(
    sql.map((r) => `${r.experiment}/${r.arm}`),
    label,
  ).toEqual(cli.map((r) => `${r.experiment}/${r.arm}`));
  for (const [i, c] of cli.entries()) {
    const s = sql[i]!;
    for (const [k, v] of Object.entries(c)) {
      const where = `${label} ${c.experiment}/${c.arm} ${k}`;
      if (k === 'srm_weights' && v === 'rules-or-equal') continue; // no check: the query still names the weights
      if (typeof v === 'number' && !Number.isInteger(v)) expect(s[k] as number, where).toBeCloseTo(v, 12);
      else if (typeof v === 'number' && typeof s[k] === 'number' && !Number.isInteger(s[k]))
        expect(s[k] as number, where).toBeCloseTo(v, 12);
      else expect(s[k], where).toEqual(v);
    }
  }
}

async function cliReport(lines: readonly string[], rules: unknown): Promise<Report> {
  const d = rules === null ? null : { experiments: experimentDeclarations(asRuleSet(rules)) };
  return buildReport([{ source: 'log.jsonl', lines }], { experiments: d === null ? null : d.experiments });
}

describe('sql/report.sql in DuckDB', () => {
  const dir = tempDir();
  const log = writeGeneratedLog(dir);

  it.each([
    ['with the rule set', FIXTURE_RULES],
    ['without a rule set', null],
  ])('equals the CLI on the generated log, %s, field by field', async (label, rules) => {
    const cli = cliRows(await cliReport(log.lines, rules));
    const sql = await sqlRows(log.path, rules);
    expect(cli.length).toBe(7);
    expectSame(sql, cli, label);
    // And both are the simulation's truth.
    for (const row of sql) {
      const t = log.truth.experiments[row.experiment as string]!.arms[row.arm as string]!;
      expect([row.users, row.prompted, row.soft_accepted, row.opted_in, row.denied]).toEqual([
        t.users,
        t.prompted,
        t.softAccepted,
        t.optedIn,
        t.denied,
      ]);
    }
  });

  it(
    'equals the CLI on small arbitrary logs built to hit every tie and corner (differential)',
    async () => {
      const file = join(dir, 'arbitrary.jsonl');
      await fc.assert(
        fc.asyncProperty(logArbitrary, rulesArbitrary, async (lines, rules) => {
          writeFileSync(file, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
          expectSame(await sqlRows(file, rules), cliRows(await cliReport(lines, rules)), 'arbitrary');
        }),
        runOptions(seed, SQL_RUNS),
      );
    },
    30_000 + SQL_RUNS * 300,
  );

  it("names the catalog's actions, reasons and permission values, no more, no less", () => {
    const list = (after: string) => {
      const start = SQL.indexOf(after);
      expect(start, after).toBeGreaterThan(-1);
      const body = SQL.slice(start + after.length, SQL.indexOf(')', start + after.length));
      return [...body.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    };
    expect(list(' action IN (')).toEqual([...ACTIONS]);
    expect(list(' reason IN (')).toEqual([...REASONS]);
    expect(list(' permission IN (')).toEqual([...PERMISSION_VALUES, 'default']);
  });
});

/** A test's experiments block as a whole rule set (the report takes the loaded RuleSet). */
function asRuleSet(rules: unknown) {
  return loadRuleSet({ name: 'report-test', rules: [], ...(rules as object) });
}
