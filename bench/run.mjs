#!/usr/bin/env node
/**
 * `npm run bench`: bundles each scenario (bench/scenarios/*.ts) with esbuild, runs each in
 * its own `node --expose-gc` process (the headline scenario three times), prints the
 * tables and regenerates BENCHMARKS.md from this run.
 *
 *   npm run bench                 all scenarios, writes BENCHMARKS.md
 *   npm run bench -- --no-write   print only
 *   npm run bench -- --only=default-rules,memory --runs=1
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { writeReport } from './report.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const RUNS = Number(args.runs ?? 3);
const SCENARIOS = [
  // name, node flags, runs
  ['default-rules', [], RUNS],
  ['scale-rules', [], 1],
  ['scale-asks', [], 1],
  ['compile', [], 1],
  ['memory', ['--min-semi-space-size=256', '--max-semi-space-size=256'], 1],
];
const only = typeof args.only === 'string' ? args.only.split(',') : null;
const out = '.bench-tmp';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const started = performance.now();
// Bundle every scenario first, so all of them measure the same source.
const selected = SCENARIOS.filter(([name]) => !only || only.includes(name));
for (const [name] of selected) {
  await build({
    entryPoints: [`bench/scenarios/${name}.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: join(out, `${name}.mjs`),
    logLevel: 'warning',
  });
}
const results = {};
for (const [name, flags, runs] of selected) {
  results[name] = [];
  for (let r = 0; r < runs; r++) {
    process.stderr.write(`\n== ${name}${runs > 1 ? ` (run ${r + 1} of ${runs})` : ''}\n`);
    const json = join(out, `${name}-${r}.json`);
    execFileSync(process.execPath, ['--expose-gc', ...flags, join(out, `${name}.mjs`)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BENCH_OUT: json },
    });
    results[name].push(JSON.parse(readFileSync(json, 'utf8')));
  }
}
if (!only || only.includes('size')) {
  // Bundle sizes (scripts/size.mjs), so BENCHMARKS.md holds them from the same run.
  const size = spawnSync(process.execPath, ['scripts/size.mjs', '--json'], { encoding: 'utf8' });
  results.size = [JSON.parse(size.stdout)];
}
const seconds = (performance.now() - started) / 1000;
writeReport(results, { seconds, write: !args['no-write'] && !only });
