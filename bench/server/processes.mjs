/**
 * Server processes for the load script: `push-prompt serve` (bundled once with esbuild, so
 * every phase runs the same code without a TypeScript loader) or the floor; each on
 * 127.0.0.1 with a free port, its stderr JSON lines collected, its CPU time read from
 * /proc, stopped with SIGTERM and its exit code returned.
 */
import { spawn } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

/**
 * The decision records of a log file, streamed (a batch run's log is larger than a string
 * can be): how many, how many lines are not records, and the rule-set ids in the order
 * they change (`ruleSetChanges` = the list's length minus one).
 */
export async function readLog(file) {
  const out = { records: 0, bad: 0, ruleSets: [], ruleSetChanges: 0 };
  let lines;
  try {
    lines = createInterface({
      input: createReadStream(file, { encoding: 'utf8' }),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (line === '') continue;
      let r;
      try {
        r = JSON.parse(line);
      } catch {
        out.bad++;
        continue;
      }
      if (r.type !== 'decision') {
        out.bad++;
        continue;
      }
      out.records++;
      if (out.ruleSets[out.ruleSets.length - 1] !== r.ruleSet) out.ruleSets.push(r.ruleSet);
    }
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  out.ruleSetChanges = Math.max(0, out.ruleSets.length - 1);
  return out;
}
