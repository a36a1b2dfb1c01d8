/**
 * `push-prompt report` (DESIGN.md section 11): on a generated log with known counts the
 * report finds exactly those counts; each definition (enrolled, prompted, opted in) holds
 * on hand-written lines; baselines, sample-ratio checks and edge cases; the CLI's formats,
 * errors and exit codes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentDeclarations } from '../../src/authoring/report/experiments-block.js';
import { buildReport } from '../../src/authoring/report/report.js';
import type { ExperimentReport, Report } from '../../src/authoring/report/types.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { cli, spawnCli } from '../cli/helpers.js';
import { BAD_LINES, type Truth } from '../support/log-generator.js';
import {
  askLine,
  decisionLine,
  FIXTURE_RULES,
  FIXTURE_SPEC,
  permissionLine,
  tempDir,
  writeGeneratedLog,
} from '../support/report-fixture.js';

const declared = (rules: unknown) => {
  return experimentDeclarations(asRuleSet(rules));
};
const report = (lines: string[], rules: unknown = null) =>
  buildReport([{ source: 't.jsonl', lines }], { experiments: rules === null ? null : declared(rules) });
const experiment = (r: Report, id: string): ExperimentReport => {
  const e = r.experiments.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no experiment ${id}`);
  return e;
};
const arm = (r: Report, id: string, name: string) => {
  const a = experiment(r, id).arms.find((x) => x.arm === name);
  if (a === undefined) throw new Error(`no arm ${id}/${name}`);
  return a;
};

describe('report on a generated log with known counts', () => {
  let dir: string;
  let log: { path: string; lines: string[]; truth: Truth };
  let rulesPath: string;
  let r: Report;
  beforeAll(async () => {
    dir = tempDir();
    log = writeGeneratedLog(dir);
    rulesPath = join(dir, 'rules.json');
    writeFileSync(rulesPath, JSON.stringify(FIXTURE_RULES, null, 2));
    const res = await cli(['report', '--log', log.path, '--rules', rulesPath, '--json']);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    r = JSON.parse(res.out);
  });

  it('finds exactly the simulated counts, per experiment and arm', () => {
    for (const [id, t] of Object.entries(log.truth.experiments)) {
      const e = experiment(r, id);
      expect(e.users, id).toBe(t.users);
      expect(e.conflicts, id).toBe(t.conflicts);
      for (const [name, counts] of Object.entries(t.arms)) {
        const a = arm(r, id, name);
        expect({
          users: a.users,
          prompted: a.prompted,
          softAccepted: a.softAccepted,
          optedIn: a.optedIn,
          denied: a.denied,
        }).toEqual(counts);
        expect(a.optInRate).toBeCloseTo(counts.optedIn / counts.users, 15);
      }
    }
    expect(log.truth.experiments['primer-copy']!.conflicts).toBeGreaterThan(0);
  });

  it('counts every record and skips exactly the bad lines, listing the first five by line number', () => {
    expect(r.input).toMatchObject({
      records: log.truth.records,
      skipped: FIXTURE_SPEC.badLines,
      users: FIXTURE_SPEC.users,
    });
    expect(r.input.skippedLines).toHaveLength(5);
    for (const b of r.input.skippedLines) {
      expect(b.source).toBe(log.path);
      expect(BAD_LINES).toContain(log.lines[b.line - 1]);
      expect(b.message).toMatch(/^not (JSON|a log record)/);
    }
  });

  it('takes weights, holdouts and order from --rules: the holdout is the baseline', () => {
    const e = experiment(r, 'primer-copy');
    expect(r.weights).toBe('rules');
    expect(e.arms.map((a) => [a.arm, a.weight, a.holdout])).toEqual([
      ['holdout', 10, true],
      ['benefit', 45, false],
      ['generic', 45, false],
    ]);
    expect([e.baseline, e.baselineKind]).toEqual(['holdout', 'holdout']);
    expect(arm(r, 'primer-copy', 'holdout').lift).toBeNull();
    const benefit = arm(r, 'primer-copy', 'benefit');
    expect(benefit.lift!.baseline).toBe('holdout');
    expect(benefit.lift!.ci[0]).toBeGreaterThan(0); // true lift 28 points on ~1,800 users
    expect(e.srm).toMatchObject({ weights: 'rules', df: 2, mismatch: false });
    expect(e.srm!.pValue).toBeGreaterThan(0.001);
  });

  it('without a holdout the baseline is the first arm written; an undeclared experiment uses names and equal weights', () => {
    expect(experiment(r, 'ask-timing')).toMatchObject({ baseline: 'session-2', baselineKind: 'first-arm' });
    const legacy = experiment(r, 'legacy-copy');
    expect(legacy).toMatchObject({ baseline: 'new', baselineKind: 'first-arm-by-name' });
    expect(legacy.srm?.weights).toBe('equal');
    expect(legacy.notes).toContain('not in the rule set: equal weights assumed');
    expect(r.experiments.map((e) => e.id)).toEqual(['primer-copy', 'ask-timing', 'legacy-copy']);
  });

  it('without --rules assumes equal weights, says so, and a 10/45/45 split then fails the check', async () => {
    const res = await cli(['report', '--log', log.path, '--json']);
    const plain: Report = JSON.parse(res.out);
    const e = experiment(plain, 'primer-copy');
    expect(plain.weights).toBe('equal');
    expect(e.notes[0]).toMatch(/no --rules: equal weights assumed/);
    expect(e).toMatchObject({ baseline: 'benefit', baselineKind: 'first-arm-by-name' });
    expect(e.srm).toMatchObject({ weights: 'equal', mismatch: true });
    // The counts do not depend on the rule set.
    expect(e.arms.map((a) => a.users).sort()).toEqual(
      experiment(r, 'primer-copy')
        .arms.map((a) => a.users)
        .sort(),
    );
  });

  it('gives the same numbers when the log is split across files', async () => {
    const half = Math.floor(log.lines.length / 2);
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, `${log.lines.slice(0, half).join('\n')}\n`);
    writeFileSync(b, `${log.lines.slice(half).join('\n')}\n`);
    const res = await cli(['report', '--log', a, b, '--rules', rulesPath, '--json']);
    const split: Report = JSON.parse(res.out);
    expect(split.experiments).toEqual(r.experiments);
    expect(split.input.records + split.input.skipped).toBe(r.input.records + r.input.skipped);
  });

  it('prints a readable table and a Markdown table with the same numbers', async () => {
    const text = (await cli(['report', '--log', log.path, '--rules', rulesPath])).out;
    const md = (await cli(['report', '--log', log.path, '--rules', rulesPath, '--markdown'])).out;
    const benefit = arm(r, 'primer-copy', 'benefit');
    const users = benefit.users.toLocaleString('en-US');
    const rate = `${(benefit.optInRate! * 100).toFixed(1)}%`;
    expect(text).toMatch(new RegExp(`benefit\\s+45\\s+${users}\\s.*${rate}`));
    expect(text).toContain(`skipped ${log.path}:${r.input.skippedLines[0]!.line}`);
    expect(text).toContain('primer-copy: ');
    expect(text).toContain('* the 95% interval of the lift excludes 0');
    expect(md).toContain('| arm | weight | users | prompted | soft-accepted | opted in | denied |');
    expect(md).toContain(`| benefit | 45 | ${users} |`);
    expect(md).toMatch(/\*\*\+\d+\.\d pp\*\*/);
  });
});

describe('report definitions, on hand-written lines', () => {
  const E = [{ id: 'x', arm: 'a' }];

  it('enrolls only users whose decision lists the experiment; decisions without userId are ignored', async () => {
    const r = await report([
      decisionLine('u1', '2026-03-01T10:00:00Z', { experiments: E }),
      decisionLine('u2', '2026-03-01T10:00:00Z'),
      decisionLine(undefined, '2026-03-01T10:00:00Z', { experiments: E }),
    ]);
    expect(experiment(r, 'x').users).toBe(1);
    expect(r.input.users).toBe(2);
  });

  it('counts a soft-prompt ask as prompted only at or after enrollment, from ask records or context asks', async () => {
    const before = { kind: 'soft-prompt', at: '2026-03-01T09:00:00Z', outcome: 'accepted' };
    const r = await report([
      // u1: asked (and accepted) before enrollment only: not prompted.
      askLine('u1', '2026-03-01T09:00:00Z', 'soft-prompt', 'accepted'),
      decisionLine('u1', '2026-03-01T10:00:00Z', { experiments: E, asks: [before] }),
      // u2: asked at the enrollment instant, seen only in a later context's asks: prompted, accepted.
      decisionLine('u2', '2026-03-01T10:00:00Z', { experiments: E }),
      decisionLine('u2', '2026-03-02T10:00:00Z', {
        asks: [{ kind: 'soft-prompt', at: '2026-03-01T11:00:00+01:00', outcome: 'accepted' }],
      }),
      // u3: declined after enrollment: prompted, not accepted; a malformed context ask is ignored.
      decisionLine('u3', '2026-03-01T10:00:00Z', { experiments: E }),
      askLine('u3', '2026-03-01T10:00:05Z', 'soft-prompt', 'declined'),
      decisionLine('u3', '2026-03-03T10:00:00Z', {
        asks: [{ kind: 'soft-prompt', at: 'yesterday', outcome: 'accepted' }],
      }),
    ]);
    expect(arm(r, 'x', 'a')).toMatchObject({ users: 3, prompted: 2, softAccepted: 1 });
  });

  it('takes the last known permission by `at`, not by line order', async () => {
    const r = await report([
      permissionLine('u1', '2026-03-05T10:00:00Z', 'denied'), // latest: opted out in Settings
      decisionLine('u1', '2026-03-01T10:00:00Z', { experiments: E }),
      askLine('u1', '2026-03-01T10:00:10Z', 'system-prompt', 'granted'),
      // u2: granted, then a later context still says granted; an earlier denial does not matter.
      decisionLine('u2', '2026-03-03T10:00:00Z', { permission: 'granted' }),
      permissionLine('u2', '2026-03-02T10:00:00Z', 'denied'),
      decisionLine('u2', '2026-03-01T10:00:00Z', { experiments: E }),
    ]);
    expect(arm(r, 'x', 'a')).toMatchObject({ users: 2, optedIn: 1, denied: 1 });
  });

  it('at the same instant: permission record > system-prompt outcome > context; dismissals say nothing', async () => {
    const at = '2026-03-01T10:00:00Z';
    const sameInstant = '2026-03-01T11:00:00+01:00';
    const r = await report([
      // u1: the context (not-determined) and the ask (granted) share the instant: granted.
      decisionLine('u1', at, { experiments: E }),
      askLine('u1', sameInstant, 'system-prompt', 'granted'),
      // u2: the ask says granted, a permission record at the same instant says denied: denied.
      decisionLine('u2', at, { experiments: E }),
      askLine('u2', at, 'system-prompt', 'granted'),
      permissionLine('u2', sameInstant, 'denied'),
      // u3: granted, then a dismissed and an ignored dialog: still granted.
      decisionLine('u3', at, { experiments: E }),
      permissionLine('u3', '2026-03-01T10:00:01Z', 'granted'),
      askLine('u3', '2026-03-02T10:00:00Z', 'system-prompt', 'dismissed'),
      askLine('u3', '2026-03-03T10:00:00Z', 'system-prompt', 'ignored'),
    ]);
    expect(arm(r, 'x', 'a')).toMatchObject({ users: 3, optedIn: 2, denied: 1 });
  });

  it('counts provisional and ephemeral as opted in; not-determined and default as neither', async () => {
    const r = await report(
      ['provisional', 'ephemeral', 'granted', 'not-determined', 'default', 'denied'].flatMap((p, i) => [
        decisionLine(`u${i}`, '2026-03-01T10:00:00Z', { experiments: E }),
        permissionLine(`u${i}`, '2026-03-02T10:00:00Z', p),
      ]),
    );
    expect(arm(r, 'x', 'a')).toMatchObject({ users: 6, optedIn: 3, denied: 1 });
  });

  it('counts a user seen in two arms once, in the earliest arm (then the first by name), as a conflict', async () => {
    const r = await report([
      decisionLine('u1', '2026-03-02T10:00:00Z', { experiments: [{ id: 'x', arm: 'a' }] }),
      decisionLine('u1', '2026-03-01T10:00:00Z', { experiments: [{ id: 'x', arm: 'b' }] }), // earlier: b
      decisionLine('u2', '2026-03-01T10:00:00Z', { experiments: [{ id: 'x', arm: 'c' }] }),
      decisionLine('u2', '2026-03-01T10:00:00Z', { experiments: [{ id: 'x', arm: 'b' }] }), // tie: b
      decisionLine('u3', '2026-03-01T10:00:00Z', { experiments: [{ id: 'x', arm: 'c' }] }),
      decisionLine('u3', '2026-03-04T10:00:00Z', { experiments: [{ id: 'x', arm: 'c' }] }), // same arm
    ]);
    const e = experiment(r, 'x');
    expect(e.arms.map((a) => [a.arm, a.users])).toEqual([
      ['a', 0],
      ['b', 2],
      ['c', 1],
    ]);
    expect(e.conflicts).toBe(2);
    expect(e.notes.some((n) => n.startsWith('2 user(s) seen in more than one arm'))).toBe(true);
  });
});

describe('report edge cases', () => {
  const rules = {
    experiments: {
      empty: { arms: { control: { weight: 1 }, treatment: { weight: 1 } } },
      single: { arms: { only: { weight: 1 } } },
      drifted: { arms: { a: { weight: 1 }, b: { weight: 1, holdout: true } } },
    },
  };

  it('an empty log: every declared arm at 0 users, no rates, no lift, the sample-ratio check at p 1', async () => {
    const r = await report([], rules);
    expect(r.input).toEqual({ records: 0, skipped: 0, skippedLines: [], users: 0 });
    const e = experiment(r, 'empty');
    expect(e.users).toBe(0);
    for (const a of e.arms) expect(a).toMatchObject({ users: 0, optInRate: null, optInCI: null, lift: null });
    expect(e.srm).toMatchObject({ chiSquare: 0, pValue: 1, mismatch: false });
  });

  it('one arm: no sample-ratio check, no lift; 0% and 100% rates keep exact bounds', async () => {
    const r = await report(
      [
        decisionLine('u1', '2026-03-01T10:00:00Z', { experiments: [{ id: 'single', arm: 'only' }] }),
        decisionLine('u2', '2026-03-01T10:00:00Z', { experiments: [{ id: 'single', arm: 'only' }] }),
        permissionLine('u1', '2026-03-02T10:00:00Z', 'granted'),
        permissionLine('u2', '2026-03-02T10:00:00Z', 'granted'),
        decisionLine('u3', '2026-03-01T10:00:00Z', { experiments: [{ id: 'empty', arm: 'control' }] }),
      ],
      rules,
    );
    const single = experiment(r, 'single');
    expect(single.srm).toBeNull();
    expect(single.notes).toContain('one arm only: no sample-ratio check');
    expect(arm(r, 'single', 'only')).toMatchObject({ optInRate: 1, lift: null });
    expect(arm(r, 'single', 'only').optInCI![1]).toBe(1);
    expect(arm(r, 'empty', 'control')).toMatchObject({ optInRate: 0 });
    expect(arm(r, 'empty', 'control').optInCI![0]).toBe(0);
    expect(arm(r, 'empty', 'treatment').lift).toBeNull(); // no users: no lift
  });

  it('an arm the rule set lacks: listed after the declared arms, no sample-ratio check, a note', async () => {
    const r = await report(
      [decisionLine('u1', '2026-03-01T10:00:00Z', { experiments: [{ id: 'drifted', arm: 'zzz' }] })],
      rules,
    );
    const e = experiment(r, 'drifted');
    expect(e.arms.map((a) => a.arm)).toEqual(['a', 'b', 'zzz']);
    expect(e.baseline).toBe('b');
    expect(e.srm).toBeNull();
    expect(e.notes.some((n) => n.includes('zzz not in the rule set'))).toBe(true);
    // The holdout arm has no users: no lift for anyone.
    expect(arm(r, 'drifted', 'zzz')).toMatchObject({ users: 1, lift: null, weight: null });
  });

  it('a log with no experiments at all reports its input and says so', async () => {
    const r = await report([permissionLine('u1', '2026-03-02T10:00:00Z', 'granted'), '{bad']);
    expect(r.experiments).toEqual([]);
    expect(r.input).toMatchObject({ records: 1, skipped: 1, users: 1 });
  });
});

describe('push-prompt report: the command line', () => {
  it('reads stdin with "-" (the real binary, end to end)', () => {
    const lines = [
      decisionLine('u1', '2026-03-01T10:00:00Z', { experiments: [{ id: 'x', arm: 'a' }] }),
      permissionLine('u1', '2026-03-02T10:00:00Z', 'granted'),
      'not json',
    ];
    const r = spawnCli(['report', '--log', '-', '--json'], `${lines.join('\n')}\n`);
    expect(r.code).toBe(0);
    const out: Report = JSON.parse(r.out);
    expect(out.input).toMatchObject({ records: 2, skipped: 1, skippedLines: [{ source: '-', line: 3 }] });
    expect(out.experiments[0]!.arms[0]).toMatchObject({ arm: 'a', users: 1, optedIn: 1 });
  });

  it('needs --log, refuses --json with --markdown and unknown flags (exit 2)', async () => {
    expect((await cli(['report'])).code).toBe(2);
    expect((await cli(['report', '--log', 'x', '--json', '--markdown'])).code).toBe(2);
    expect((await cli(['report', '--log', 'x', '--nope'])).code).toBe(2);
    expect((await cli(['report', '--log', '-', '--log', '-'])).code).toBe(2);
  });

  it('prints its help (exit 0)', async () => {
    const r = await cli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: push-prompt report --log <file>…');
  });

  it('an unreadable log is an error (exit 1), never a stack trace', async () => {
    const r = await cli(['report', '--log', '/nonexistent/decisions.jsonl']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\/nonexistent\/decisions\.jsonl: no such file: check the path.*\[ENOENT\]\n$/);
    const d = await cli(['report', '--log', 'examples']);
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/^examples: is a directory: .*\[EISDIR\]\n$/);
  });

  it('an invalid rule set in --rules is an error at its line and column (exit 1)', async () => {
    const dir = tempDir();
    const log = join(dir, 'l.jsonl');
    writeFileSync(log, `${decisionLine('u1', '2026-03-01T10:00:00Z')}\n`);
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      '{\n  "name": "r", "rules": [],\n  "experiments": {\n    "x": { "arms": { "a": { "weight": 0.5 } } }\n  }\n}\n',
    );
    const r = await cli(['report', '--log', log, '--rules', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `^${bad}:4:39  error  \\$\\.experiments\\.x\\.arms\\.a\\.weight  weight must be a whole number from 1 to 10000  \\[invalid-value\\]\\n$`,
      ),
    );
    const notJson = join(dir, 'nj.json');
    writeFileSync(notJson, '{ "experiments": ');
    expect((await cli(['report', '--log', log, '--rules', notJson])).err).toContain('not valid JSON');
    expect((await cli(['report', '--log', log, '--rules', join(dir, 'missing.json')])).code).toBe(1);
  });
});

/** A test's experiments block as a whole rule set (the report takes the loaded RuleSet). */
function asRuleSet(rules: unknown) {
  return loadRuleSet({ name: 'report-test', rules: [], ...(rules as object) });
}
