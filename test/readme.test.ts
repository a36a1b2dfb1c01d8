import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/index.js';

const readme = readFileSync('README.md', 'utf8');

/** Rows of the README's limits tables: `| \`name\` … | 10,000 | …`. */
function limitRows(heading: string): Map<string, number> {
  const start = readme.indexOf(`| ${heading} |`);
  expect(start, `table "${heading}" in README`).toBeGreaterThan(-1);
  const rows = new Map<string, number>();
  for (const line of readme.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`(\w+)`/.exec(cells[1] ?? '')?.[1];
    if (name !== undefined) rows.set(name, Number((cells[2] ?? '').replaceAll(',', '')));
  }
  return rows;
}

describe('README', () => {
  it('opens with the demo command and the test command, labelled "from a clone"', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(block).toContain('npm ci && npm run demo');
    expect(block).toContain('npm ci && npm test');
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('## '));
    expect(readme.slice(0, readme.indexOf('```sh'))).toMatch(/from a clone/i);
  });

  it('then, at once, the install and the Quick start for package users', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 3)).toEqual(['Install', 'Quick start', 'The three decisions']);
  });

  // The registry page shows this README without the repository around it: every link is
  // absolute (or an anchor), and every link into the repository names a file that exists.
  it('links only absolutely, and every repository link points at a file', () => {
    const repo = 'https://github.com/push-prompt-engine/push-prompt-engine/blob/main/';
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(5);
    expect(
      links.filter((l) => !/^(https?:\/\/|#)/.test(l)),
      'relative links',
    ).toEqual([]);
    const missing = links
      .filter((l) => l.startsWith(repo))
      .map((l) => l.slice(repo.length).split('#')[0] as string)
      .filter((path) => !existsSync(path));
    expect(missing, 'repository links to files that do not exist').toEqual([]);
  });

  it.each([
    ['rule-set limit', LIMITS.ruleSet],
    ['context limit', LIMITS.context],
  ] as const)('the %s table states the enforced LIMITS', (heading, limits) => {
    const rows = limitRows(heading);
    expect(rows.size).toBeGreaterThanOrEqual(8);
    for (const [name, value] of rows) {
      expect(limits[name as keyof typeof limits], `README limit ${name}`).toBe(value);
    }
  });
});
