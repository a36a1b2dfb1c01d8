import { readFileSync } from 'node:fs';
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
  it('opens with the demo command and the test command', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(block).toContain('npm ci && npm run demo');
    expect(block).toContain('npm ci && npm test');
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('## '));
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
