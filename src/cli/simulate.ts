/**
 * `push-prompt simulate`: the agent-based simulation (DESIGN.md section 12) of rule sets
 * and baselines on a population, on every core, with a table, JSON, an SVG chart, a
 * decision log and a sensitivity sweep.
 */
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { formatSimulation } from '../authoring/simulate/format.js';
import { PopulationError } from '../authoring/simulate/population.js';
import { type SimulationResult, summarize } from '../authoring/simulate/results.js';
import {
  parseVary,
  RANK_METRICS,
  type RankMetric,
  type SensitivityResult,
  sensitivity,
  withParameter,
} from '../authoring/simulate/sensitivity.js';
import {
  prepareSimulation,
  SimulationError,
  type SimulationSpec,
  type StrategySpec,
} from '../authoring/simulate/simulate.js';
import { BASELINES, type Baseline } from '../authoring/simulate/strategy.js';
import { renderOptInSvg } from '../authoring/simulate/svg.js';
import { RuleSetError } from '../index.js';
import { parseCommand } from './args.js';
import { EXIT, type Io, UsageError } from './io.js';
import { scanJson } from './json-position.js';
import { progressBar } from './progress.js';
import { formatLocated, locate, readRuleFile } from './rule-file.js';
import { runPool } from './simulate-pool.js';

export const SIMULATE_HELP = `Usage: push-prompt simulate --population <name|file> [--rules <file>]… [--baseline <name>]…
                            [--users N] [--days D] [--seed S] [--json] [--svg FILE] [--log FILE]
                            [--workers K] [--vary name=lo..hi[:steps]] [--rank-by optInRate|burnedRate]

Simulates users drawn from a population: their sessions, key actions and local times; at
each moment the engine decides with each rule set (or a baseline acts); the users answer
soft prompts and system dialogs from the population's response model; a simulated OS
decides when its dialog shows (iOS once, Android 13+ until two denials, Chromium's
auto-block, Firefox and Safari only from a click). Same seed, same output, byte for byte,
whatever the number of workers.

Options:
  --population <p>   a file, or a shipped population: ios, android, web, ecommerce-app
  --rules <file>     a rule set to simulate (repeat for several)
  --baseline <name>  first-launch (the system dialog at the first launch, no soft prompt) or
                     primer-first-launch (a soft prompt at the first launch, then the dialog)
  --users N          simulated users (default 10000)
  --days D           days after install (default 60)
  --seed S           the random seed (default 1)
  --start DATE       the install day, YYYY-MM-DD (default 2026-03-02)
  --json             the results as JSON
  --svg FILE         write a chart of opt-in over days, one line per strategy
  --log FILE         write the decision log (decisions, asks, permissions: DESIGN.md section
                     10) of the rule-set strategies; with several, FILE gets the strategy's name
                     before its extension (sim.default.jsonl)
  --workers K        worker threads (default: one per core)
  --vary p=lo..hi[:n]  rerun with the population parameter p (a dotted path, e.g.
                     sessions.returnRate) at n values from lo to hi (default 5) and report
                     whether the ranking of the strategies holds
  --rank-by M        optInRate (default) or burnedRate, for --vary
  -h, --help         this help

Exit codes:
  0  simulated
  1  a population or rule file that does not load
  2  usage error`;

/** Where the shipped populations are: beside the CLI (dist/) or the checkout (src/cli/). */
function shippedPopulation(name: string): string | null {
  for (const up of ['../populations/', '../../populations/']) {
    const url = new URL(`${up}${name}.json`, import.meta.url);
    if (existsSync(url)) return url.pathname;
  }
  return null;
}

function readJson(file: string, io: Io): { json: unknown; text: string } | { error: string } {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return {
      error: `${file}: cannot read (${e instanceof Error && 'code' in e ? String(e.code) : 'unreadable'})`,
    };
  }
  const scanned = scanJson(text);
  if (!scanned.ok)
    return {
      error: `${file}:${scanned.error.position.line}:${scanned.error.position.column}  error  $  not valid JSON: ${scanned.error.message}  [invalid-json]`,
    };
  return { json: JSON.parse(text), text };
}

function intOption(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  return n;
}

/** The log file of each strategy (null for baselines, or without --log). */
function logFiles(file: string | undefined, strategies: readonly StrategySpec[]): (string | null)[] {
  const rules = strategies.filter((s) => s.kind === 'rules');
  if (file === undefined) return strategies.map(() => null);
  if (rules.length === 0)
    throw new UsageError('--log needs a --rules strategy (baselines make no engine decisions)');
  const dot = file.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [file.slice(0, dot), file.slice(dot)] : [file, ''];
  return strategies.map((s) =>
    s.kind !== 'rules' ? null : rules.length === 1 ? file : `${stem}.${s.name}${ext}`,
  );
}

/** The rule-set strategies (their JSON: it goes to the worker threads, which load it again) and the baselines. */
function readStrategies(
  rules: readonly string[],
  baselines: readonly string[],
  io: Io,
): StrategySpec[] | null {
  const strategies: StrategySpec[] = [];
  for (const file of rules) {
    const f = readRuleFile(file, io);
    if (f.ruleSet === null) {
      for (const e of f.errors) io.err(`${formatLocated(e)}\n`);
      return null;
    }
    const taken = strategies.some((s) => s.name === f.ruleSet?.name);
    const json: unknown = JSON.parse(io.readFile(file));
    strategies.push({ kind: 'rules', name: taken ? basename(file, '.json') : f.ruleSet.name, ruleSet: json });
  }
  for (const b of baselines) {
    if (!(BASELINES as readonly string[]).includes(b))
      throw new UsageError(`unknown baseline "${b}" (${BASELINES.join(', ')})`);
    strategies.push({ kind: 'baseline', name: b as Baseline });
  }
  if (strategies.length === 0) throw new UsageError('simulate needs --rules <file> or --baseline <name>');
  return strategies;
}

/** The population file: a path, or the name of a shipped one. */
function populationFile(value: string): string {
  const file = value.endsWith('.json') || value.includes('/') ? value : shippedPopulation(value);
  if (file === null)
    throw new UsageError(`no shipped population "${value}" (ios, android, web, ecommerce-app)`);
  return file;
}

const OPTIONS = {
  rules: { type: 'string', multiple: true },
  baseline: { type: 'string', multiple: true },
  population: { type: 'string' },
  users: { type: 'string' },
  days: { type: 'string' },
  seed: { type: 'string' },
  start: { type: 'string' },
  json: { type: 'boolean' },
  svg: { type: 'string' },
  log: { type: 'string' },
  workers: { type: 'string' },
  vary: { type: 'string' },
  'rank-by': { type: 'string' },
} as const;

/**
 * Runs `simulate`.
 *
 * @example
 * await simulateCommand(['--rules', 'rules/default.json', '--baseline', 'first-launch', '--population', 'ios'], io);
 */
export async function simulateCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (values.help) {
    io.out(`${SIMULATE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.population === undefined) throw new UsageError('simulate needs --population <name|file>');
  const rankBy = (values['rank-by'] ?? 'optInRate') as RankMetric;
  if (!RANK_METRICS.includes(rankBy)) throw new UsageError(`--rank-by takes ${RANK_METRICS.join(' or ')}`);
  const workers = intOption(values.workers, 'workers', availableParallelism());
  if (workers < 1 || workers > 256) throw new UsageError('--workers must be 1 to 256');
  const popFile = populationFile(values.population);
  const pop = readJson(popFile, io);
  if ('error' in pop) {
    io.err(`${pop.error}\n`);
    return EXIT.failed;
  }
  const strategies = readStrategies(values.rules ?? [], values.baseline ?? [], io);
  if (strategies === null) return EXIT.failed;
  const spec: SimulationSpec = {
    population: pop.json,
    strategies,
    users: intOption(values.users, 'users', 10_000),
    days: intOption(values.days, 'days', 60),
    seed: intOption(values.seed, 'seed', 1),
    ...(values.start !== undefined && { start: values.start }),
  };
  const vary = values.vary === undefined ? undefined : parseVaryOrUsage(values.vary);
  const run = {
    io,
    workers,
    logs: logFiles(values.log, strategies),
    vary,
    rankBy,
    json: values.json === true,
    svg: values.svg,
  };
  try {
    return await execute(spec, run);
  } catch (e) {
    if (e instanceof SimulationError) throw new UsageError(e.message);
    if (e instanceof PopulationError) {
      const scanned = scanJson(pop.text);
      const positions = scanned.ok ? scanned.positions : null;
      for (const issue of e.issues) io.err(`${formatLocated(locate(popFile, positions, issue, 'error'))}\n`);
      return EXIT.failed;
    }
    if (!(e instanceof RuleSetError)) throw e;
    io.err(`push-prompt simulate: ${e.message}\n`);
    return EXIT.failed;
  }
}

function parseVaryOrUsage(text: string) {
  try {
    return parseVary(text);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

interface Run {
  readonly io: Io;
  readonly workers: number;
  readonly logs: readonly (string | null)[];
  readonly vary: ReturnType<typeof parseVary> | undefined;
  readonly rankBy: RankMetric;
  readonly json: boolean;
  readonly svg: string | undefined;
}

/** The worker script: the compiled one beside dist/cli.js, or the source from a checkout. */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./simulate-worker.ts', import.meta.url)
  : new URL('./simulate-worker.js', import.meta.url);

async function execute(spec: SimulationSpec, r: Run): Promise<number> {
  const prepared = prepareSimulation(spec); // every error before any work starts
  const values = r.vary?.values ?? [];
  const variants =
    r.vary === undefined
      ? []
      : values.map(
          (v) =>
            prepareSimulation({ ...spec, population: withParameter(spec.population, r.vary?.path ?? '', v) })
              .spec,
        );
  const total = spec.users * (1 + variants.length);
  const bar = progressBar('simulating', total, 'users');
  let before = 0;
  const streams: (Writable | null)[] = r.logs.map((f) => (f === null ? null : createWriteStream(f)));
  const base = await runPool(spec, {
    workers: r.workers,
    workerUrl: WORKER_URL,
    logs: streams,
    progress: (d) => bar.update(before + d),
  });
  await Promise.all(
    streams.map(async (s) => {
      if (s !== null) {
        s.end();
        await finished(s);
      }
    }),
  );
  before += spec.users;
  const result = summarize(prepared, base);
  const runs: { value: number; result: SimulationResult }[] = [];
  for (const [i, v] of variants.entries()) {
    const tallies = await runPool(v, {
      workers: r.workers,
      workerUrl: WORKER_URL,
      progress: (d) => bar.update(before + d),
    });
    before += spec.users;
    runs.push({ value: values[i] as number, result: summarize(prepareSimulation(v), tallies) });
  }
  bar.done();
  const sens: SensitivityResult | undefined =
    r.vary === undefined ? undefined : sensitivity(r.vary.path, runs, r.rankBy);
  if (r.svg !== undefined) writeFileSync(r.svg, renderOptInSvg(result));
  if (r.json) r.io.out(`${JSON.stringify(sens === undefined ? result : { ...result, sensitivity: sens })}\n`);
  else r.io.out(formatSimulation(result, sens));
  return EXIT.ok;
}
