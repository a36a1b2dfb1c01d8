/**
 * docs/before-you-ship.md shows real output: the diff block is what the command prints
 * today, the committed chart agrees with the doc's simulate table, and the table of
 * parameters says what populations/ios.json says (value, cited or assumption).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parametersOf } from '../../src/authoring/index.js';
import { cli } from '../cli/helpers.js';

const doc = readFileSync('docs/before-you-ship.md', 'utf8');
const readme = readFileSync('README.md', 'utf8');
/** The contents of the doc's fenced blocks that have no language (command output). */
function outputBlocks(text: string): string[] {
  const out: string[] = [];
  let current: string[] | null = null;
  let plain = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      if (current === null) {
        current = [];
        plain = line === '```';
      } else {
        if (plain) out.push(`${current.join('\n')}\n`);
        current = null;
      }
    } else current?.push(line);
  }
  return out;
}
const blocks = outputBlocks(doc);

describe('docs/before-you-ship.md', () => {
  it('shows the diff exactly as the command prints it', async () => {
    const r = await cli([
      'diff',
      'rules/default.json',
      'docs/examples/default-quiet-21-9.json',
      '--contexts',
      'test/cases.json',
      'examples',
    ]);
    expect(r.code).toBe(1);
    expect(blocks).toContain(r.out);
  });

  it('the committed chart has one line per strategy of the table, with the same opt-in and burned', () => {
    const svg = readFileSync('docs/simulate-ios.svg', 'utf8');
    const table = blocks.find((b) => b.startsWith('Simulated 100,000 users of population "ios"')) ?? '';
    const rows = table.split('\n').filter((l) => /^[a-z-]+ +\d+\.\d%/.test(l));
    expect(rows).toHaveLength(4);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    for (const row of rows) {
      const [name, optIn] = row.split(/ +/);
      const burned = row.split(/ +/)[6];
      expect(svg).toContain(`>${name}</text>`);
      expect(svg).toContain(`${optIn?.replace('%', '')}% opted in, ${burned?.replace('%', '')}% burned`);
    }
    // The README quotes the same run.
    expect(readme).toContain('31.9% of users opted in and burn 7.1%');
    expect(table).toMatch(/^default +31\.9% .* 7\.1% /m);
    expect(table).toMatch(/^first-launch +37\.8% .* 62\.2% /m);
  });

  it("lists populations/ios.json's cited parameters with their values, and the assumptions as assumptions", () => {
    const params = new Map(
      parametersOf(JSON.parse(readFileSync('populations/ios.json', 'utf8'))).map((p) => [p.path, p]),
    );
    const rows = doc
      .split('\n')
      .map((l) => /^\| `([\w.]+)` \| ([\d.]+) \| (cited|assumption)/.exec(l))
      .filter((m) => m !== null);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const [, path, value, kind] of rows) {
      const p = params.get(path as string);
      expect(p, path).toBeDefined();
      expect(p?.value, path).toBe(Number(value));
      expect(p?.assumption ? 'assumption' : 'cited', path).toBe(kind);
    }
    const cited = [...params.values()].filter((p) => !p.assumption).map((p) => p.path);
    for (const path of cited) expect(doc, path).toContain(`| \`${path}\` |`);
  });
});
