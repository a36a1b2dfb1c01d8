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
import { MUTATED_FILES, survivorRows } from '../scripts/mutation-doc.mjs';

const rows = survivorRows(readFileSync('docs/mutation.md', 'utf8')) ?? [];

/** The code a cell quotes: backticks off, `\|` unescaped, and a trailing "..." (cut at 70 characters) off. */
const quoted = (cell: string): string =>
  cell
    .replace(/^`|`$/g, '')
    .replaceAll('\\|', '|')
    .replace(/\.\.\.$/, '');

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
    const mutated = new Set(MUTATED_FILES);
    for (const r of rows) expect(mutated, r[0]).toContain(r[0]?.replace(/:\d+$/, ''));
  });

  it('quotes code that still stands at the line it names', () => {
    const stale: string[] = [];
    for (const r of rows) {
      const [where = '', , original = ''] = r;
      const [file = '', line = '0'] = where.split(':');
      const source = readFileSync(file, 'utf8').split('\n');
      const from = squash(source.slice(Number(line) - 1).join('\n'));
      const at = from.indexOf(squash(quoted(original)));
      // On its line: found before the line's own end (multi-line code continues past it).
      const lineLength = squash(source[Number(line) - 1] ?? '').length;
      if (at < 0 || at > lineLength) stale.push(`${where} ${original}`);
    }
    expect(stale, 'rerun npm run mutation, then mutation-report --write').toEqual([]);
  });
});
