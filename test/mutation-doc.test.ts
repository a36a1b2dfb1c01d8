/**
 * docs/mutation.md lists every mutant StrykerJS could not kill with the reason it cannot
 * change behaviour (npm run mutation; too slow for CI). Between runs this test keeps the
 * list honest: each row names a file the run mutates, and the code it quotes still stands
 * at that line, so a change to a guarantee file that moves or rewrites a listed line fails
 * here and asks for the run again (node scripts/mutation-report.mjs --doc docs/mutation.md
 * --write refreshes the line numbers).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync('docs/mutation.md', 'utf8');
/** The files stryker.config.mjs mutates (its `mutate` list, read as text: the config is untyped JS). */
const mutate = [
  ...(/mutate: \[([^\]]*)\]/.exec(readFileSync('stryker.config.mjs', 'utf8'))?.[1] ?? '').matchAll(
    /'([^']+)'/g,
  ),
].map((m) => m[1]);
const block = doc.slice(doc.indexOf('<!-- survivors:start -->'), doc.indexOf('<!-- survivors:end -->'));
const rows = block
  .split('\n')
  .filter((l) => l.startsWith('| src/'))
  .map((l) =>
    l
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim()),
  );

/** The code a cell quotes: backticks off, `\|` unescaped, a trailing "..." (cut at 70) kept as a prefix. */
function quoted(cell: string): { text: string; prefix: boolean } {
  const t = cell.replace(/^`|`$/g, '').replaceAll('\\|', '|');
  return t.endsWith('...') ? { text: t.slice(0, -3), prefix: true } : { text: t, prefix: false };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('docs/mutation.md', () => {
  it('lists survivors, each with a reason', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r, r.join(' | ')).toHaveLength(5);
      expect(r[4]?.length, r.join(' | ')).toBeGreaterThan(20);
      expect(r[4], r.join(' | ')).not.toMatch(/^UNREVIEWED/);
    }
  });

  it('names only files the mutation run mutates', () => {
    expect(mutate).toContain('src/evaluate/guardrails.ts');
    const mutated = new Set(mutate);
    for (const r of rows) expect(mutated, r[0]).toContain(r[0]?.replace(/:\d+$/, ''));
  });

  it('quotes code that still stands at the line it names', () => {
    const stale: string[] = [];
    for (const r of rows) {
      const [where = '', , original = ''] = r;
      const [file = '', line = '0'] = where.split(':');
      const source = readFileSync(file, 'utf8').split('\n');
      const from = squash(source.slice(Number(line) - 1).join('\n'));
      const q = quoted(original);
      const at = from.indexOf(squash(q.text));
      // On its line: found before the line's own end (multi-line code continues past it).
      const lineLength = squash(source[Number(line) - 1] ?? '').length;
      if (at < 0 || at > lineLength) stale.push(`${where} ${original}`);
    }
    expect(stale, 'rerun npm run mutation, then mutation-report --write').toEqual([]);
  });
});
