#!/usr/bin/env node
/**
 * `npm run bench:server`: the decision endpoint under load and under faults, on 127.0.0.1.
 *
 * Throughput (autocannon, 64 connections, after a 2 s warm-up): the HTTP floor (the same
 * node:http server answering a constant), single decisions with and without the decision
 * log, single decisions at 80% of their measured maximum rate, and batches of 100. Server
 * CPU time is read from /proc, so rates per core hold on a shared machine.
 *
 * Faults during load, each on a fresh server with a decision log: the rules file replaced
 * by an invalid one then a valid one, the rules file deleted, SIGTERM mid-load, malformed
 * JSON + oversized bodies + slowloris clients, and 10,000 idle connections. Each checks:
 * zero 5xx, exit 0, and one log record per decision the client received.
 *
 * Results: bench/results/server.json and bench/results/server.md.
 *
 *   npm run bench:server                     everything (about 2.5 minutes)
 *   npm run bench:server -- --quick          shorter phases (about 1 minute)
 *   npm run bench:server -- --only=faults    or --only=throughput
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { badClientsFault, deleteFault, idleConnectionsFault, reloadFault, sigtermFault } from './faults.mjs';
import { batchBody, CONTEXT_BODY, cannon, histogramQuantile, scrape, summarize } from './load.mjs';
import { bundleCli, readLog, startProcess } from './processes.mjs';
import { writeServerReport } from './report.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const IDLE = 10_000;

// 10,000 idle connections need as many descriptors in each process: raise the soft limit
// up to the hard one by re-running under `ulimit -n` (a process cannot raise its own).
const soft = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
if (soft < IDLE + 1000 && !process.env.PP_BENCH_ULIMIT) {
  const hard = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  const want = hard === 'unlimited' ? 65536 : Math.min(Number(hard), 65536);
  process.stderr.write(`raising ulimit -n from ${soft} to ${want} for the idle-connections fault\n`);
  const r = spawnSync(
    'sh',
    ['-c', `ulimit -n ${want} && exec "$0" "$@"`, process.execPath, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, PP_BENCH_ULIMIT: String(soft) },
    },
  );
  process.exit(r.status ?? 1);
}

const quick = args.quick === true;
const SECONDS = quick ? 4 : 10;
const FAULT_SECONDS = quick ? 4 : 8;
const only = typeof args.only === 'string' ? args.only : null;
const root = '.bench-tmp/server';
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
const progress = (text) => {
  if (process.stderr.isTTY) process.stderr.write(`${text}\n`);
};

const defaultRules = readFileSync('rules/default.json', 'utf8');
const variant = JSON.parse(defaultRules);
for (const r of variant.rules) if (r.event.params) r.event.params = { ...r.event.params, variant: 'bench-b' };
const variantRules = JSON.stringify(variant, null, 2);

const started = performance.now();
const cli = await bundleCli(root);
const results = {
  date: new Date().toISOString(),
  command: `npm run bench:server${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    ulimitN: Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()),
    raisedUlimitFrom: process.env.PP_BENCH_ULIMIT ? Number(process.env.PP_BENCH_ULIMIT) : null,
  },
  seconds: { throughput: SECONDS, faults: FAULT_SECONDS },
  throughput: null,
  faults: null,
};

if (only === null || only === 'throughput') results.throughput = await throughput();
if (only === null || only === 'faults') results.faults = await faults();
results.machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
results.totalSeconds = Math.round((performance.now() - started) / 1000);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/server.json', `${JSON.stringify(results, null, 2)}\n`);
const md = writeServerReport(results);
writeFileSync('bench/results/server.md', md);
process.stdout.write(md);

/** A maximum-rate run after a warm-up, with the server's CPU use over the measured part. */
async function maxRun(
  server,
  { path = '/v1/decide', body = CONTEXT_BODY, connections = 64, overallRate } = {},
) {
  const url = `${server.url}${path}`;
  const warm = summarize(await cannon({ url, body, connections, duration: 2 }).done);
  const metricsBefore = server.metrics ? await scrape(server.url) : null;
  const cpu0 = server.cpu();
  const t0 = performance.now();
  const r = summarize(
    await cannon({ url, body, connections, duration: SECONDS, ...(overallRate && { overallRate }) }).done,
  );
  const wall = (performance.now() - t0) / 1000;
  const cores = (server.cpu() - cpu0) / wall;
  const metricsAfter = server.metrics ? await scrape(server.url) : null;
  const route = path.includes('batch') ? 'batch' : 'decide';
  return {
    ...r,
    serverCores: Math.round(cores * 100) / 100,
    rpsPerCore: Math.round(r.rps / cores),
    ...(metricsBefore && {
      serverP99Ms: histogramQuantile(metricsBefore, metricsAfter, route, 0.99),
      serverP50Ms: histogramQuantile(metricsBefore, metricsAfter, route, 0.5),
    }),
    warmupRequests: warm.requests,
    ...(metricsAfter && { serverDecisions: decisionsIn(metricsAfter) }),
  };
}

/** The sum of push_prompt_decisions_total over its series. */
function decisionsIn(metrics) {
  let n = 0;
  for (const m of metrics.matchAll(/^push_prompt_decisions_total\{[^}]*\} (\d+)$/gm)) n += Number(m[1]);
  return n;
}

async function serve(name, extra = []) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const rules = join(dir, 'rules.json');
  writeFileSync(rules, defaultRules);
  const server = await startProcess('serve', { cli, args: ['--rules', rules, ...extra] });
  return Object.assign(server, { metrics: true, dir });
}

async function throughput() {
  const out = {};
  progress('floor: node:http answering a constant');
  const constant = join(root, 'constant.json');
  const probe = await serve('probe');
  const decision = await (
    await fetch(`${probe.url}/v1/decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: CONTEXT_BODY,
    })
  ).text();
  await probe.stop();
  writeFileSync(constant, decision);
  const floor = await startProcess('floor', { args: [constant] });
  out.floor = await maxRun(floor);
  await floor.stop();

  progress('decide: single decisions, decision log on');
  const logged = await serve('decide', ['--log', join(root, 'decide', 'decisions.jsonl')]);
  out.decide = await maxRun(logged);
  const stop1 = await logged.stop();
  const log1 = await readLog(join(root, 'decide', 'decisions.jsonl'));
  out.decide.logRecords = log1.records;
  out.decide.lostRecords = out.decide.serverDecisions - log1.records;
  out.decide.exitCode = stop1.code;

  progress('decide: single decisions, no log');
  const bare = await serve('decide-nolog');
  out.decideNoLog = await maxRun(bare);
  await bare.stop();

  const rate = Math.round(out.decide.rps * 0.8);
  progress(`decide at 80% of the maximum (${rate} req/s), decision log on`);
  const paced = await serve('decide-80', ['--log', join(root, 'decide-80', 'decisions.jsonl')]);
  out.decideAt80 = { targetRps: rate, ...(await maxRun(paced, { overallRate: rate })) };
  await paced.stop();

  progress('batch: 100 contexts per request, decision log on');
  const batch = await serve('batch', ['--log', join(root, 'batch', 'decisions.jsonl')]);
  out.batch = await maxRun(batch, { path: '/v1/decide/batch', body: batchBody(100), connections: 16 });
  await batch.stop();
  out.batch.decisionsPerSecond = out.batch.rps * 100;
  out.batch.decisionsPerCoreSecond = Math.round((out.batch.rps * 100) / out.batch.serverCores);
  const log2 = await readLog(join(root, 'batch', 'decisions.jsonl'));
  out.batch.logRecords = log2.records;
  out.batch.lostRecords = out.batch.serverDecisions - log2.records;

  out.targets = {
    singleVsFloor: {
      ratio: Math.round((out.decide.rps / out.floor.rps) * 100) / 100,
      perCoreRatio: Math.round((out.decide.rpsPerCore / out.floor.rpsPerCore) * 100) / 100,
      target: 0.6,
    },
    p99At80: { clientMs: out.decideAt80.latencyMs.p99, serverMs: out.decideAt80.serverP99Ms, target: 5 },
    batchPerCore: { decisionsPerCoreSecond: out.batch.decisionsPerCoreSecond, target: 100_000 },
  };
  return out;
}

async function faults() {
  const ctx = { cli, root, seconds: FAULT_SECONDS, defaultRules, variantRules, idle: IDLE };
  const out = {};
  for (const [name, fn] of [
    ['reload', reloadFault],
    ['delete', deleteFault],
    ['sigterm', sigtermFault],
    ['badClients', badClientsFault],
    ['idleConnections', idleConnectionsFault],
  ]) {
    progress(`fault: ${name}`);
    out[name] = await fn(ctx);
  }
  return out;
}
