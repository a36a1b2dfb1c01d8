/**
 * `push-prompt diff` and `replay` end to end: the inputs they read (files, folders, the
 * golden table, JSON Lines, decision logs), the report's JSON shape, exit codes 0/1/2.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionRecord } from '../../src/authoring/index.js';
import { createDecider } from '../../src/index.js';
import { cli, editedDefault } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pp-diff-'));
const at = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const DEFAULT = JSON.parse(readFileSync('rules/default.json', 'utf8'));
const CASES = JSON.parse(readFileSync('test/cases.json', 'utf8')) as { context: unknown; ruleSet: unknown }[];
/** The default rules without the after-save rule. */
const noSave = at(
  'no-save.json',
  editedDefault((j) => {
    j.rules = (j.rules as { id: string }[]).filter((r) => r.id !== 'after-save');
  }),
);

describe('push-prompt diff', () => {
  it('exits 0 with "No change" when a preset is diffed against itself over the golden table and examples', async () => {
    const r = await cli([
      'diff',
      'rules/default.json',
      'rules/default.json',
      '--contexts',
      'test/cases.json',
      'examples',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `No change: ${CASES.length + readdirSync('examples/contexts').length} contexts decided the same.`,
    );
  });

  it('exits 1 and lists each change with file:line, grouped by transition and by rule', async () => {
    const r = await cli(['diff', 'rules/default.json', noSave, '--contexts', 'test/cases.json', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['total', 'changed', 'byTransition', 'changes', 'byRule']),
    );
    const decider = createDecider(DEFAULT);
    const expected = CASES.flatMap((c, i) => {
      const d = decider.decideUnknown(c.context);
      return 'ruleId' in d && d.ruleId === 'after-save' ? [i] : [];
    });
    expect(j.total).toBe(CASES.length);
    expect(j.changed).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    const text = readFileSync('test/cases.json', 'utf8').split('\n');
    for (const [n, change] of (j.changes as { source: string; before: { ruleId: string } }[]).entries()) {
      const [file, line] = change.source.split(':');
      expect(file).toBe('test/cases.json');
      // The line is where the case's "context" starts.
      expect(text[Number(line) - 1]).toContain('"context"');
      expect(change.before.ruleId).toBe('after-save');
      expect(n).toBeLessThan(expected.length);
    }
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(j.byTransition)).toBe(j.changed);
    expect(sum(j.byRule)).toBe(j.changed);
    expect(Object.keys(j.byRule).every((k) => k.startsWith('after-save → '))).toBe(true);
  });

  it('reads a folder recursively, skipping rule sets and schemas with a counted note', async () => {
    const r = await cli([
      'diff',
      'rules/default.json',
      noSave,
      '--contexts',
      'examples/contexts',
      'rules',
      '--json',
    ]);
    const j = JSON.parse(r.out);
    const ruleFiles = readdirSync('rules').filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    expect(j.total).toBe(readdirSync('examples/contexts').length);
    expect(j.skipped).toEqual({ 'rule-set': ruleFiles.length, 'json-schema': 1 });
    const text = await cli(['diff', 'rules/default.json', noSave, '--contexts', 'rules']);
    expect(text.out).toContain(`Skipped: ${ruleFiles.length} rule sets, 1 JSON Schema.`);
  });

  it('reads JSON Lines and decision logs: contexts, decision records; asks skipped, bad lines counted', async () => {
    const ctx = JSON.parse(readFileSync('examples/contexts/ios-not-now-yesterday.json', 'utf8'));
    const record = decisionRecord(ctx, createDecider(DEFAULT).decideUnknown(ctx));
    const ask = {
      type: 'ask',
      at: ctx.now,
      userId: 'u1',
      ask: { kind: 'soft-prompt', at: ctx.now, outcome: 'accepted' },
    };
    const log = at(
      'log.jsonl',
      [JSON.stringify(ctx), '', JSON.stringify(record), JSON.stringify(ask), '{oops'].join('\n'),
    );
    const r = await cli(['diff', 'rules/default.json', noSave, '--contexts', log, '--json']);
    const j = JSON.parse(r.out);
    expect(j.total).toBe(2);
    expect(j.changes.map((c: { source: string }) => c.source)).toEqual([`${log}:1`, `${log}:3`]);
    expect(j.skipped).toEqual({ 'other-record': 1, 'bad-line': 1 });
    expect(j.badLines).toEqual([{ source: log, line: 5, message: expect.stringMatching(/^not JSON/) }]);
  });

  it('keeps counts exact past --limit', async () => {
    const r = await cli([
      'diff',
      'rules/default.json',
      'rules/ecommerce.json',
      '--contexts',
      'test/cases.json',
      '--json',
      '--limit',
      '3',
    ]);
    const j = JSON.parse(r.out);
    expect(j.changes).toHaveLength(3);
    expect(j.unlisted).toBe(j.changed - 3);
  });

  it('exits 2 on a rule file that does not load, invalid JSON, a missing path, or bad usage', async () => {
    const broken = at(
      'broken.json',
      editedDefault((j) => (((j.rules as { id: string }[])[0] as { id: string }).id = '')),
    );
    expect((await cli(['diff', 'rules/default.json', broken, '--contexts', 'examples'])).code).toBe(2);
    const bad = at('bad.json', '{"now": ');
    const r = await cli(['diff', 'rules/default.json', 'rules/default.json', '--contexts', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json:1:\d+: not valid JSON/);
    expect(
      (await cli(['diff', 'rules/default.json', 'rules/default.json', '--contexts', join(dir, 'nope')])).code,
    ).toBe(2);
    expect((await cli(['diff', 'rules/default.json', '--contexts', 'examples'])).code).toBe(2);
    expect((await cli(['diff', 'rules/default.json', 'rules/default.json'])).code).toBe(2);
  });
});

describe('push-prompt replay', () => {
  const decider = createDecider(DEFAULT);
  const lines = CASES.map((c) =>
    JSON.stringify(decisionRecord(c.context as Record<string, unknown>, decider.decideUnknown(c.context))),
  );
  const log = at('replay.jsonl', `${lines.join('\n')}\n`);

  it('a log replayed with the rules that made it changes nothing (exit 0)', async () => {
    const r = await cli(['replay', '--rules', 'rules/default.json', '--log', log, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ total: CASES.length, changed: 0, changes: [] });
  });

  it('with other rules: before is the logged decision, after the new one, sources are file:line', async () => {
    const r = await cli(['replay', '--rules', noSave, '--log', log, '--json', '--limit', 'all']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    for (const c of j.changes as { source: string; before: { ruleId: string }; after: unknown }[]) {
      const line = Number(c.source.split(':').pop());
      const logged = JSON.parse(lines[line - 1] as string);
      expect(c.before).toEqual(
        expect.objectContaining({ action: logged.decision.action, ruleId: 'after-save' }),
      );
    }
    const direct = await cli([
      'diff',
      'rules/default.json',
      noSave,
      '--contexts',
      log,
      '--json',
      '--limit',
      'all',
    ]);
    expect(JSON.parse(direct.out).byTransition).toEqual(j.byTransition);
  });

  it('exits 2 when a log cannot be read', async () => {
    const r = await cli([
      'replay',
      '--rules',
      'rules/default.json',
      '--log',
      log,
      join(dir, 'missing.jsonl'),
    ]);
    expect(r.code).toBe(2);
  });
});
