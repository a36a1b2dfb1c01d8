/**
 * Sensitivity: the behavioural model is an assumption, so the simulation is rerun across a
 * parameter's range (`--vary responses.softPrompt.accept=0.4..0.8:5`) and reports whether
 * the ranking of the strategies holds, and between which values it flips.
 */
import type { SimulationResult, StrategyResult } from './results.js';
import { SimulationError } from './simulate.js';

/** A parameter and the values to try. */
export interface Variation {
  /** Dotted path into the population file (`responses.softPrompt.accept`, `platforms.0.share`). */
  readonly path: string;
  readonly values: readonly number[];
}

/** What a ranking is by. */
export type RankMetric = 'optInRate' | 'burnedRate';
export const RANK_METRICS: readonly RankMetric[] = ['optInRate', 'burnedRate'];

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Parses `name=lo..hi[:steps]` (steps ≥ 2, default 5; values evenly spaced, ends included).
 *
 * @example
 * parseVary('sessions.returnRate=0.3..0.7:5'); // { path: 'sessions.returnRate', values: [0.3, 0.4, 0.5, 0.6, 0.7] }
 */
export function parseVary(text: string): Variation {
  const m = /^([A-Za-z0-9_.$-]+)=(-?[\d.]+)\.\.(-?[\d.]+)(?::(\d+))?$/.exec(text);
  if (m === null) throw new SimulationError(`--vary takes name=lo..hi[:steps], got "${text}"`);
  const [lo, hi, steps] = [Number(m[2]), Number(m[3]), m[4] === undefined ? 5 : Number(m[4])];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi)
    throw new SimulationError(`--vary ${m[1]}: the range must be lo..hi with lo ≤ hi, got ${m[2]}..${m[3]}`);
  if (!Number.isInteger(steps) || steps < 2 || steps > 50)
    throw new SimulationError(`--vary ${m[1]}: steps must be 2 to 50, got ${m[4]}`);
  const values = Array.from({ length: steps }, (_, i) => round6(lo + ((hi - lo) * i) / (steps - 1)));
  return { path: m[1] as string, values };
}

/**
 * A copy of the population JSON with one parameter set: the path names a parameter
 * (`{ "value": … }`) or a number (an hour weight, `sessions.hours.weights.20`).
 *
 * @example
 * withParameter(json, 'responses.softPrompt.accept', 0.5); // the same population, accept 0.5
 */
export function withParameter(population: unknown, path: string, value: number): unknown {
  const copy = structuredClone(population) as Record<string, unknown>;
  const keys = path.split('.');
  let node: unknown = copy;
  for (const k of keys.slice(0, -1)) {
    node =
      typeof node === 'object' && node !== null && Object.hasOwn(node, k)
        ? (node as Record<string, unknown>)[k]
        : undefined;
  }
  const last = keys[keys.length - 1] as string;
  const holder = node as Record<string, unknown> | undefined;
  const target =
    holder !== undefined && typeof holder === 'object' && Object.hasOwn(holder, last)
      ? holder[last]
      : undefined;
  if (typeof target === 'number') (holder as Record<string, unknown>)[last] = value;
  else if (
    typeof target === 'object' &&
    target !== null &&
    typeof (target as { value?: unknown }).value === 'number'
  )
    (target as { value: number }).value = value;
  else throw new SimulationError(`--vary: "${path}" names no parameter of the population`);
  return copy;
}

const score = (s: StrategyResult, metric: RankMetric): number =>
  metric === 'optInRate' ? s.optInRate : -s.burnedRate;

/**
 * Strategy names, best first (highest opt-in, or fewest burned), ties by name.
 *
 * @example
 * rankStrategies(result, 'optInRate'); // ['first-launch', 'default', 'primer-first-launch']
 */
export function rankStrategies(result: SimulationResult, metric: RankMetric): string[] {
  return [...result.strategies]
    .sort((a, b) => score(b, metric) - score(a, metric) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => s.name);
}

export interface SensitivityResult {
  readonly parameter: string;
  readonly metric: RankMetric;
  readonly runs: readonly {
    readonly value: number;
    readonly ranking: readonly string[];
    readonly optInRate: Readonly<Record<string, number>>;
    readonly burnedRate: Readonly<Record<string, number>>;
  }[];
  /** The same ranking at every value. */
  readonly holds: boolean;
  /** Where the ranking changes between two neighbouring values. */
  readonly flips: readonly {
    readonly between: readonly [number, number];
    readonly from: readonly string[];
    readonly to: readonly string[];
  }[];
}

/**
 * The sensitivity report from one run per value (in the order of the values).
 *
 * @example
 * sensitivity('sessions.returnRate', [{ value: 0.3, result: r1 }, { value: 0.7, result: r2 }], 'optInRate').holds;
 */
export function sensitivity(
  parameter: string,
  runs: readonly { readonly value: number; readonly result: SimulationResult }[],
  metric: RankMetric,
): SensitivityResult {
  const rows = runs.map(({ value, result }) => ({
    value,
    ranking: rankStrategies(result, metric),
    optInRate: Object.fromEntries(result.strategies.map((s) => [s.name, s.optInRate])),
    burnedRate: Object.fromEntries(result.strategies.map((s) => [s.name, s.burnedRate])),
  }));
  const flips: { between: [number, number]; from: string[]; to: string[] }[] = [];
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]] as [(typeof rows)[number], (typeof rows)[number]];
    if (a.ranking.join('\n') !== b.ranking.join('\n'))
      flips.push({ between: [a.value, b.value], from: a.ranking, to: b.ranking });
  }
  return { parameter, metric, runs: rows, holds: flips.length === 0, flips };
}
