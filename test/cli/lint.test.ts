import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, editedDefault, lineColOf } from './helpers.js';

type J = Record<string, unknown>;
// A soft prompt at priority 950 (above the first-session wait), with no moment, and a
// contradictory pair of sessionCount conditions in another rule.
const warned = editedDefault((j) => {
  const rules = j.rules as J[];
  rules.push({
    id: 'anytime',
    priority: 950,
    conditions: { all: [{ fact: 'sessionCount', operator: 'greaterThanInclusive', value: 1 }] },
    event: { type: 'show-soft-prompt', params: { variant: 'welcome-updates' } },
  });
  rules.push({
    id: 'never',
    priority: 10,
    conditions: {
      all: [
        { fact: 'trigger', operator: 'equal', value: 'x' },
        { fact: 'sessionCount', operator: 'lessThan', value: 2 },
        { fact: 'sessionCount', operator: 'greaterThan', value: 5 },
      ],
    },
    event: { type: 'show-soft-prompt', params: { variant: 'no-such-copy' } },
  });
});

describe('push-prompt lint', () => {
  it('finds nothing in the shipped rule sets, exit 0 even with --strict', async () => {
    const files = readdirSync('rules').map((f) => `rules/${f}`);
    const r = await cli(['lint', '--strict', ...files]);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('  warning  ');
  });

  it('prints each warning with line:column, path and why; exit 0 without --strict', async () => {
    const r = await cli(['lint', 'w.json'], { files: { 'w.json': warned } });
    expect(r.code).toBe(0);
    const anytime = lineColOf(
      warned,
      '{\n        "all": [\n          {\n            "fact": "sessionCount",\n            "operator": "greaterThanInclusive"',
    );
    expect(r.out).toContain(
      `w.json:${anytime.line}:${anytime.column}  warning  $.rules[8].conditions  can ask in the first session`,
    );
    expect(r.out).toContain('$.rules[8].conditions  asks out of context');
    expect(r.out).toMatch(
      /\$\.rules\[9\]\.conditions\.all\[2\] {2}never fires: the conditions on sessionCount/,
    );
    expect(r.out).toContain(
      '$.rules[9].event.params.variant  variant "no-such-copy" is not in the rule set\'s "variants"',
    );
  });

  it('--strict turns warnings into exit 1', async () => {
    expect((await cli(['lint', '--strict', 'w.json'], { files: { 'w.json': warned } })).code).toBe(1);
  });

  it('--json gives counts and located warnings', async () => {
    const r = await cli(['lint', '--json', 'w.json'], { files: { 'w.json': warned } });
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ errors: 0, warnings: 4 });
    expect(out.files[0].warnings.map((w: { code: string }) => w.code).sort()).toEqual([
      'contradiction',
      'first-session',
      'no-moment',
      'unknown-variant',
    ]);
  });

  it('warns about a duplicate key, which JSON.parse would silently drop', async () => {
    const text = '{ "name": "x", "name": "y", "rules": [] }';
    const r = await cli(['lint', 'd.json'], { files: { 'd.json': text } });
    expect(r.out).toContain('d.json:1:16  warning  $.name  this key appears twice');
  });

  it('reports an invalid file as errors, exit 1', async () => {
    const r = await cli(['lint', 'b.json'], { files: { 'b.json': '{"name": "x"}' } });
    expect(r.code).toBe(1);
    expect(r.out).toContain('$.rules  rules must be a list');
  });

  it('--help; usage errors exit 2', async () => {
    expect((await cli(['lint', '--help'])).out).toContain('--strict');
    expect((await cli(['lint'])).code).toBe(2);
  });
});
