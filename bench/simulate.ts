/**
 * `npm run bench:simulate`: the simulator's throughput. The headline is the issue's target,
 * 100,000 users × 60 days with the default rules on the iOS population, run as a user runs
 * it (the built CLI, one worker thread per core), and where the time goes (in-process,
 * single-threaded, on fewer users).
 *
 *   npm run bench:simulate                 the headline 3 times, then 1 worker, then 3 strategies
 *   npm run bench:simulate -- --runs=1 --users=100000
 *
 * Writes bench/results/simulate.json and bench/results/simulate.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { build } from 'esbuild';
import { STREAMS, userRng } from '../src/authoring/simulate/prng.js';
import { summarize } from '../src/authoring/simulate/results.js';
import { prepareSimulation, type SimulationSpec, simulateRange } from '../src/authoring/simulate/simulate.js';
import { ruleSetStrategy, type Strategy } from '../src/authoring/simulate/strategy.js';
import { drawUser } from '../src/authoring/simulate/user.js';
import { machine, machineLine } from './machine.js';

const arg = (name: string, fallback: number): number => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a === undefined ? fallback : Number(a.split('=')[1]);
};
const USERS = arg('users', 100_000);
const RUNS = arg('runs', 3);
const CORES = availableParallelism();
const out = '.bench-tmp/simulate';
mkdirSync(out, { recursive: true });
mkdirSync('bench/results', { recursive: true });
const before = machine();

// The CLI as tsup builds it: cli.js and its worker script side by side.
await build({
  entryPoints: { cli: 'src/cli/main.ts', 'simulate-worker': 'src/cli/simulate-worker.ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir: out,
  logLevel: 'warning',
});

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One CLI run: wall seconds, and the CPU seconds of all its threads when /usr/bin/time is there. */
function cliRun(label: string, args: string[]) {
  const argv = [
    `${out}/cli.js`,
    'simulate',
    '--population',
    'ios',
    '--days',
    '60',
    '--seed',
    '1',
    '--json',
    ...args,
  ];
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${label}: ${r.stderr}`);
  const times = TIME ? (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number) : [];
  const cpu = times.length === 2 ? (times[0] ?? 0) + (times[1] ?? 0) : null;
  const result = JSON.parse(r.stdout);
  process.stderr.write(
    `${label.padEnd(64)} ${wall.toFixed(1)} s wall${cpu === null ? '' : `, ${cpu.toFixed(1)} s CPU`}\n`,
  );
  return {
    label,
    wallSeconds: Math.round(wall * 10) / 10,
    cpuSeconds: cpu === null ? null : Math.round(cpu * 10) / 10,
    result,
  };
}

const headline = [];
for (let i = 0; i < RUNS; i++)
  headline.push(
    cliRun(`${USERS} users × 60 days, default rules, ${CORES} workers (run ${i + 1})`, [
      '--rules',
      'rules/default.json',
      '--users',
      String(USERS),
      '--workers',
      String(CORES),
    ]),
  );
const oneWorker = cliRun(`${USERS} users × 60 days, default rules, 1 worker`, [
  '--rules',
  'rules/default.json',
  '--users',
  String(USERS),
  '--workers',
  '1',
]);
const three = cliRun(
  `${USERS} users × 60 days, default + first-launch + primer-first-launch, ${CORES} workers`,
  [
    '--rules',
    'rules/default.json',
    '--baseline',
    'first-launch',
    '--baseline',
    'primer-first-launch',
    '--users',
    String(USERS),
    '--workers',
    String(CORES),
  ],
);
// Same results whatever the worker count: checked on the way.
const same = JSON.stringify(oneWorker.result) === JSON.stringify(headline[0]?.result);

// --- where the time goes: in-process, single-threaded ----------------------------------------
const N = 10_000;
const population = JSON.parse(readFileSync('populations/ios.json', 'utf8'));
const rules = JSON.parse(readFileSync('rules/default.json', 'utf8'));
const spec = (strategies: SimulationSpec['strategies']): SimulationSpec => ({
  population,
  strategies,
  users: N,
  days: 60,
  seed: 1,
});
const cpuMs = (fn: () => void): number => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const p = prepareSimulation(spec([{ kind: 'rules', name: 'default', ruleSet: rules }]));
let moments = 0;
const drawMs = cpuMs(() => {
  for (let i = 0; i < N; i++)
    for (const s of drawUser(p.population, i, userRng(1, i, STREAMS.life), p.start, 60).sessions)
      moments += s.moments.length;
});
const baselineMs = cpuMs(() => {
  const b = prepareSimulation(spec([{ kind: 'baseline', name: 'first-launch' }]));
  simulateRange(b, 0, N);
});
// The default rules, with the engine's own calls timed apart.
const inner = ruleSetStrategy('default', rules);
let engineMs = 0;
let decisions = 0;
const timed: Strategy = {
  ...inner,
  act(v) {
    const t0 = performance.now();
    const r = inner.act(v);
    engineMs += performance.now() - t0;
    decisions++;
    return r;
  },
};
let rulesWallMs = 0;
const rulesMs = cpuMs(() => {
  const t0 = performance.now();
  simulateRange({ ...p, strategies: [timed] }, 0, N);
  rulesWallMs = performance.now() - t0;
});
const check = summarize(p, simulateRange(p, 0, 200));

const after = machine();
const best = headline.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
const strip = (r: {
  result: { strategies: readonly { name: string; optInRate: number; burnedRate: number }[] };
}) => r.result.strategies.map((s) => ({ name: s.name, optInRate: s.optInRate, burnedRate: s.burnedRate }));
const result = {
  date: new Date().toISOString(),
  command: `npm run bench:simulate -- --users=${USERS} --runs=${RUNS}`,
  machine: { before, after },
  target: '100,000 users × 60 days with the default rules in under 30 s on this 2-core machine',
  headline: headline.map(({ label, wallSeconds, cpuSeconds }) => ({ label, wallSeconds, cpuSeconds })),
  bestWallSeconds: best.wallSeconds,
  oneWorker: { wallSeconds: oneWorker.wallSeconds, cpuSeconds: oneWorker.cpuSeconds },
  threeStrategies: { wallSeconds: three.wallSeconds, cpuSeconds: three.cpuSeconds, strategies: strip(three) },
  identicalAcrossWorkerCounts: same,
  breakdown: {
    users: N,
    momentsPerUser: Math.round((moments / N) * 10) / 10,
    decisions,
    drawUsersMs: Math.round(drawMs),
    firstLaunchBaselineMs: Math.round(baselineMs),
    defaultRulesMs: Math.round(rulesMs),
    engineDecideMs: Math.round(engineMs),
    defaultRulesWallMs: Math.round(rulesWallMs),
    engineShare: Math.round((engineMs / rulesWallMs) * 100) / 100,
    usPerDecision: Math.round((engineMs * 1000 * 100) / decisions) / 100,
  },
  sanity: strip({ result: check }),
};
writeFileSync('bench/results/simulate.json', `${JSON.stringify(result, null, 2)}\n`);
const b = result.breakdown;
const md = [
  '## simulate throughput',
  '',
  `${result.date.slice(0, 10)}, \`${result.command}\`. ${machineLine(before, after)}`,
  '',
  '| run (the built CLI, iOS population, 60 days) | wall | CPU (all threads) |',
  '|---|---:|---:|',
  ...[...headline, oneWorker, three].map(
    (r) => `| ${r.label} | ${r.wallSeconds} s | ${r.cpuSeconds === null ? 'n/a' : `${r.cpuSeconds} s`} |`,
  ),
  '',
  `Target: ${result.target}. Best headline run: ${best.wallSeconds} s. Same JSON with 1 and ${CORES} workers: ${same ? 'yes' : 'NO'}.`,
  '',
  `Where the time goes (in-process, one thread, ${N.toLocaleString('en-US')} users, ${b.momentsPerUser} moments each, CPU time): drawing the users' lives ${b.drawUsersMs} ms; the whole simulation with the first-launch baseline (no engine) ${b.firstLaunchBaselineMs} ms; with the default rules ${b.defaultRulesMs} ms CPU (${b.defaultRulesWallMs} ms wall), of which the engine's \`decide\` (validating the context and deciding) took ${Math.round(b.engineShare * 100)}% of the wall time (${b.engineDecideMs} ms, ${b.usPerDecision} µs per decision over ${b.decisions.toLocaleString('en-US')} decisions); the rest is building contexts (timestamps, asks) and the user's answers.`,
  '',
].join('\n');
writeFileSync('bench/results/simulate.md', md);
process.stderr.write(`\nwrote bench/results/simulate.json and bench/results/simulate.md\n`);
