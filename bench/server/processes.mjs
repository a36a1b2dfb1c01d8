/**
 * Server processes for the load script: `push-prompt serve` (bundled once with esbuild, so
 * every phase runs the same code without a TypeScript loader) or the floor; each on
 * 127.0.0.1 with a free port, its stderr JSON lines collected, its CPU time read from
 * /proc, stopped with SIGTERM and its exit code returned.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles src/cli/main.ts to `<dir>/cli.mjs`. */
export async function bundleCli(dir) {
  const outfile = join(dir, 'cli.mjs');
  await build({
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

const TICKS = 100; // Linux USER_HZ: /proc/<pid>/stat times are in 1/100 s.

/** CPU seconds (user + system, all threads) a process has used so far. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/**
 * Starts a server process and resolves once it listens.
 * `kind`: 'serve' (args after `serve`) or 'floor' (args: constant-json file).
 */
export async function startProcess(kind, { cli, args }) {
  const argv =
    kind === 'serve' ? [cli, 'serve', '--port', '0', ...args] : ['bench/server/floor.mjs', '0', ...args];
  const proc = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  const events = [];
  let rest = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => {
    rest += d;
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      try {
        events.push(JSON.parse(line));
      } catch {
        events.push({ event: 'unparsed', line });
      }
      nl = rest.indexOf('\n');
    }
  });
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const t0 = performance.now();
  while (!events.some((e) => e.event === 'listening')) {
    if (proc.exitCode !== null) throw new Error(`${kind} exited: ${JSON.stringify(events)}`);
    if (performance.now() - t0 > 20_000) throw new Error(`${kind} did not start`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const url = events.find((e) => e.event === 'listening').url;
  return {
    proc,
    url,
    events,
    exited,
    cpu: () => cpuSeconds(proc.pid),
    /** SIGTERM, then the exit code and how long the drain took (ms). */
    async stop() {
      const s = performance.now();
      proc.kill('SIGTERM');
      const { code, signal } = await exited;
      return { code, signal, drainMs: performance.now() - s };
    },
  };
}

/** The decision records of a log file: count, rule-set ids in order, bad lines. */
export function readLog(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { records: 0, ruleSets: [], userIds: [], bad: 0 };
  }
  const ruleSets = [];
  const userIds = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const r = JSON.parse(line);
      if (r.type !== 'decision') bad++;
      ruleSets.push(r.ruleSet);
      userIds.push(r.userId);
    } catch {
      bad++;
    }
  }
  return { records: ruleSets.length, ruleSets, userIds, bad };
}

/** How many times consecutive values differ. */
export function transitions(values) {
  let n = 0;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) n++;
  return n;
}
