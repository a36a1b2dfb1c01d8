/**
 * The agent-based simulation (DESIGN.md section 12): users drawn from a population live
 * their sessions; at each moment each strategy (a rule set through the engine, or a
 * baseline) decides; the users answer from the response model; the simulated OS decides
 * what shows. Deterministic by seed: user i's draws depend only on (seed, i), so any split
 * of the users into ranges (workers) gives the same totals.
 */
import { RuleSetError } from '../../index.js';
import { MS_HOUR, parseDay } from './clock.js';
import type { LogSink } from './log.js';
import { loadPopulation, type Population } from './population.js';
import { STREAMS, userRng } from './prng.js';
import { runUser, type UserOutcome } from './run-user.js';
import { BASELINES, type Baseline, baselineStrategy, ruleSetStrategy, type Strategy } from './strategy.js';
import { newTally, type Tally } from './tally.js';
import { drawUser } from './user.js';

/** A strategy to simulate: a rule set (its parsed JSON) or a built-in baseline. */
export type StrategySpec =
  | { readonly kind: 'rules'; readonly name: string; readonly ruleSet: unknown }
  | { readonly kind: 'baseline'; readonly name: Baseline };

/** Everything a simulation depends on; plain JSON, so it can be sent to worker threads. */
export interface SimulationSpec {
  /** The population file's JSON (validated by `loadPopulation`). */
  readonly population: unknown;
  readonly strategies: readonly StrategySpec[];
  readonly users: number;
  readonly days: number;
  readonly seed: number;
  /** The first day, `YYYY-MM-DD` (UTC calendar); default 2026-03-02, a Monday. */
  readonly start?: string;
}

/** A bad simulation setting (not the population's or a rule set's: those have their own errors). */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}

export const DEFAULT_START = '2026-03-02';
export const LIMITS = { maxUsers: 10_000_000, maxDays: 3650 } as const;

/** A simulation ready to run: the population loaded, the strategies compiled. */
export interface Prepared {
  readonly spec: SimulationSpec;
  readonly population: Population;
  readonly strategies: readonly Strategy[];
  readonly start: number;
}

/**
 * Validates the settings, loads the population and compiles every strategy. Throws
 * `SimulationError`, `PopulationError` or `RuleSetError` with what is wrong.
 *
 * @example
 * const p = prepareSimulation({ population, strategies: [{ kind: 'baseline', name: 'first-launch' }], users: 1000, days: 60, seed: 1 });
 */
export function prepareSimulation(spec: SimulationSpec): Prepared {
  const { users, days, seed } = spec;
  if (!Number.isInteger(users) || users < 1 || users > LIMITS.maxUsers)
    throw new SimulationError(
      `users must be a whole number from 1 to ${LIMITS.maxUsers.toLocaleString('en-US')}`,
    );
  if (!Number.isInteger(days) || days < 1 || days > LIMITS.maxDays)
    throw new SimulationError(`days must be a whole number from 1 to ${LIMITS.maxDays}`);
  if (!Number.isInteger(seed) || Math.abs(seed) > 0xffff_ffff)
    throw new SimulationError('seed must be a whole number (32 bits)');
  const start = parseDay(spec.start ?? DEFAULT_START);
  if (start === null) throw new SimulationError(`start must be a date YYYY-MM-DD, got "${spec.start}"`);
  if (spec.strategies.length === 0)
    throw new SimulationError('nothing to simulate: give a rule set or a baseline');
  const names = new Set<string>();
  const strategies = spec.strategies.map((s) => {
    if (names.has(s.name)) throw new SimulationError(`two strategies are named "${s.name}"`);
    names.add(s.name);
    if (s.kind === 'baseline') {
      if (!BASELINES.includes(s.name)) throw new SimulationError(`unknown baseline "${s.name}"`);
      return baselineStrategy(s.name);
    }
    try {
      return ruleSetStrategy(s.name, s.ruleSet);
    } catch (e) {
      if (e instanceof RuleSetError) throw e;
      throw new SimulationError(`rule set "${s.name}": ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return { spec, population: loadPopulation(spec.population), strategies, start };
}

function tallyUser(t: Tally, o: UserOutcome): void {
  t.users++;
  if (o.optedIn) t.optedIn++;
  if (o.burned) t.burned++;
  if (o.unsupported) t.unsupported++;
  if (o.defaultOn) t.defaultOn++;
  t.softPromptsShown += o.softPromptsShown;
  t.softAccepted += o.softAccepted;
  t.systemPromptsShown += o.systemPromptsShown;
  t.settingsLinksShown += o.settingsLinksShown;
  t.optedOut += o.optedOut;
  for (let d = 0; d < o.optedInByDay.length; d++)
    t.optedInByDay[d] = (t.optedInByDay[d] ?? 0) + (o.optedInByDay[d] as number);
  if (o.firstOptInAfter !== null) {
    t.everOptedIn++;
    const h = Math.min(t.firstOptInByHour.length - 1, Math.floor(o.firstOptInAfter / MS_HOUR));
    t.firstOptInByHour[h] = (t.firstOptInByHour[h] ?? 0) + 1;
  }
  t.anomalies.softPromptWithoutDialog += o.anomalies.softPromptWithoutDialog;
  t.anomalies.settingsLinkWhileAskable += o.anomalies.settingsLinkWhileAskable;
  t.anomalies.promptWhileGranted += o.anomalies.promptWhileGranted;
  t.anomalies.invalidContext += o.anomalies.invalidContext;
  for (const [id, arm] of o.arms) {
    let byArm = t.arms.get(id);
    if (byArm === undefined) {
      byArm = new Map();
      t.arms.set(id, byArm);
    }
    let a = byArm.get(arm);
    if (a === undefined) {
      a = { users: 0, optedIn: 0, softPromptsShown: 0, settingsLinksShown: 0, systemPromptsShown: 0 };
      byArm.set(arm, a);
    }
    a.users++;
    if (o.optedIn) a.optedIn++;
    a.softPromptsShown += o.softPromptsShown;
    a.settingsLinksShown += o.settingsLinksShown;
    a.systemPromptsShown += o.systemPromptsShown;
  }
}

/**
 * One user under every strategy (the same life for each): the outcomes, in strategy order.
 * `sinks[i]`, when given, receives strategy i's log records.
 *
 * @example
 * simulateUser(prepared, 7).map((o) => o.optedIn);
 */
export function simulateUser(
  p: Prepared,
  index: number,
  sinks?: readonly (LogSink | undefined)[],
): UserOutcome[] {
  const { seed, days } = p.spec;
  const user = drawUser(p.population, index, userRng(seed, index, STREAMS.life), p.start, days);
  return p.strategies.map((s, i) =>
    runUser(user, s, p.population, userRng(seed, index, STREAMS.responses), days, sinks?.[i]),
  );
}

/**
 * Simulates users `from` (inclusive) to `to` (exclusive) and returns one tally per
 * strategy; tallies of disjoint ranges merge (`mergeTally`) into the whole run's.
 *
 * @example
 * const [a, b] = [simulateRange(p, 0, 500), simulateRange(p, 500, 1000)];
 * a.map((t, i) => mergeTally(t, b[i])); // equal to simulateRange(p, 0, 1000)
 */
export function simulateRange(
  p: Prepared,
  from: number,
  to: number,
  sinks?: readonly (LogSink | undefined)[],
): Tally[] {
  const tallies = p.strategies.map(() => newTally(p.spec.days));
  for (let i = from; i < to; i++) {
    const outcomes = simulateUser(p, i, sinks);
    for (const [s, o] of outcomes.entries()) tallyUser(tallies[s] as Tally, o);
  }
  return tallies;
}
