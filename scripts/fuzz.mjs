#!/usr/bin/env node
// `npm run fuzz`: the fuzz properties of test/fuzz with a high number of runs.
//   FUZZ_RUNS=100000 (default here; CI runs the small defaults of each test)
//   FC_SEED=123 pins the seed (each file prints the one it used).
import { spawnSync } from 'node:child_process';

const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '100000' };
console.log(`fuzz: FUZZ_RUNS=${env.FUZZ_RUNS}${env.FC_SEED ? ` FC_SEED=${env.FC_SEED}` : ''}`);
const r = spawnSync('npx', ['vitest', 'run', 'test/fuzz', '--testTimeout=0', ...process.argv.slice(2)], {
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
