import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, editedDefault, lineColOf } from './helpers.js';

type Rule = { conditions: { all: Record<string, unknown>[] } };
const typo = editedDefault((j) => {
  const rule = (j.rules as Rule[])[1] as Rule;
  (rule.conditions.all[0] as Record<string, unknown>).fact = 'sesionCount';
});

describe('push-prompt validate', () => {
  it('passes every rule file under rules/ (the schema is skipped), exit 0', async () => {
    const files = readdirSync('rules').map((f) => `rules/${f}`);
    const r = await cli(['validate', ...files]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('rules/ecommerce.json: ok (ecommerce@');
    expect(r.out).toContain('rules/rule-set.schema.json: skipped');
    expect(r.out).not.toContain('error');
  });

  it('prints file, line, column, path and "did you mean" for a typo, exit 1', async () => {
    const r = await cli(['validate', 'typo.json'], { files: { 'typo.json': typo } });
    const { line, column } = lineColOf(typo, '"sesionCount"');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `typo.json:${line}:${column}  error  $.rules[1].conditions.all[0].fact  unknown fact "sesionCount" (did you mean "sessionCount"?)  [unknown-fact]`,
    );
  });

  it('points an unknown key at the key itself, and reports every issue at once', async () => {
    const text = editedDefault((j) => {
      const rules = j.rules as Record<string, unknown>[];
      (rules[0] as Record<string, unknown>).priorty = 5;
      (rules[2] as Record<string, unknown>).event = { type: 'show-soft-promt' };
    });
    const r = await cli(['validate', 'x.json', '--json'], { files: { 'x.json': text } });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.errors).toBe(2);
    const [key, type] = out.files[0].issues;
    expect(key).toMatchObject({
      path: '$.rules[0].priorty',
      code: 'unknown-key',
      ...lineColOf(text, '"priorty"'),
    });
    expect(key.message).toContain('did you mean "priority"?');
    expect(type).toMatchObject({ path: '$.rules[2].event.type', ...lineColOf(text, '"show-soft-promt"') });
  });

  it('gives a JSON syntax error its line and column', async () => {
    const text = '{\n  "name": "x",\n  "rules": [\n    { "id": "a", }\n  ]\n}\n';
    const r = await cli(['validate', 'bad.json'], { files: { 'bad.json': text } });
    expect(r.code).toBe(1);
    const { line, column } = lineColOf(text, '}\n  ]');
    expect(r.out).toContain(`bad.json:${line}:${column}  error  $  not valid JSON: expected a property name`);
  });

  it('reports a missing file as an error, exit 1', async () => {
    const r = await cli(['validate', 'rules/nope.json']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('rules/nope.json:1:1  error  $  no such file: check the path');
  });

  it('--json lists each file with its rule set id', async () => {
    const r = await cli(['validate', '--json', 'rules/default.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      errors: 0,
      files: [
        { file: 'rules/default.json', valid: true, ruleSet: expect.stringMatching(/^default@[0-9a-f]{8}$/) },
      ],
    });
  });

  it('--help documents the exit codes; usage errors exit 2', async () => {
    const help = await cli(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: push-prompt validate');
    expect(help.out).toContain('2  usage error');
    expect((await cli(['validate'])).code).toBe(2);
    const flag = await cli(['validate', '--strikt', 'rules/default.json']);
    expect(flag.code).toBe(2);
    expect(flag.err).toBe('push-prompt: unknown option "--strikt" (see "push-prompt validate --help")\n');
  });
});
