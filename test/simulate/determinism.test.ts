/**
 * Same seed, same output, byte for byte, whatever the number of workers: user i's draws
 * depend only on (seed, i), and the per-strategy tallies are sums, so any split of the
 * users gives the same totals.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/authoring/simulate/results.js';
import {
  prepareSimulation,
  type SimulationSpec,
  simulateRange,
} from '../../src/authoring/simulate/simulate.js';
import { mergeTally } from '../../src/authoring/simulate/tally.js';
import { cli } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pp-sim-'));
const rules = JSON.parse(readFileSync('rules/default.json', 'utf8'));
const spec: SimulationSpec = {
  population: JSON.parse(readFileSync('populations/ecommerce-app.json', 'utf8')),
  strategies: [
    { kind: 'rules', name: 'default', ruleSet: rules },
    { kind: 'baseline', name: 'first-launch' },
  ],
  users: 900,
  days: 45,
  seed: 20261202,
};

describe('determinism', () => {
  it('any split of the users into ranges, merged in any order, gives the same results', () => {
    const p = prepareSimulation(spec);
    const whole = JSON.stringify(summarize(p, simulateRange(p, 0, 900)));
    for (const cuts of [[450], [1, 300, 899], [100, 200, 300, 400, 500, 600, 700, 800]]) {
      const bounds = [0, ...cuts, 900];
      const parts = bounds
        .slice(1)
        .map((to, i) => simulateRange(p, bounds[i] as number, to))
        .reverse();
      const [first, ...rest] = parts;
      const merged = rest.reduce((acc, part) => acc.map((t, s) => mergeTally(t, part[s]!)), first!);
      expect(JSON.stringify(summarize(p, merged))).toBe(whole);
    }
  });

  it('the same seed gives byte-identical JSON and SVG; another seed gives other numbers', async () => {
    const args = [
      'simulate',
      '--population',
      'ios',
      '--rules',
      'rules/default.json',
      '--baseline',
      'first-launch',
      '--users',
      '600',
      '--days',
      '30',
      '--workers',
      '1',
      '--json',
    ];
    const a = await cli([...args, '--seed', '5', '--svg', join(dir, 'a.svg')]);
    const b = await cli([...args, '--seed', '5', '--svg', join(dir, 'b.svg')]);
    const c = await cli([...args, '--seed', '6', '--svg', join(dir, 'c.svg')]);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    expect(readFileSync(join(dir, 'b.svg'), 'utf8')).toBe(readFileSync(join(dir, 'a.svg'), 'utf8'));
    expect(c.out).not.toBe(a.out);
  });

  it('1 worker and 3 worker threads write the same JSON, SVG and log, byte for byte', () => {
    const run = (workers: number) => {
      // A real process (worker threads need one), through tsx as `npx tsx src/cli/main.ts` runs.
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'simulate',
          '--population',
          'android',
          '--rules',
          'rules/default.json',
          '--baseline',
          'primer-first-launch',
          '--users',
          '800',
          '--days',
          '30',
          '--seed',
          '77',
          '--json',
          '--workers',
          String(workers),
          '--svg',
          join(dir, `w${workers}.svg`),
          '--log',
          join(dir, `w${workers}.jsonl`),
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const one = run(1);
    expect(run(3)).toBe(one);
    for (const ext of ['svg', 'jsonl'])
      expect(readFileSync(join(dir, `w3.${ext}`), 'utf8')).toBe(readFileSync(join(dir, `w1.${ext}`), 'utf8'));
    expect(JSON.parse(one).strategies[0].users).toBe(800);
  });
});
