/**
 * From the summed tallies to the numbers a person reads: rates, opt-in by day, the median
 * time to opt in. Rounded to fixed decimals so the JSON is byte-identical run to run.
 */
import type { Prepared } from './simulate.js';
import type { Anomalies, Tally } from './tally.js';

/** One strategy's outcome (DESIGN.md section 12). */
export interface StrategyResult {
  readonly name: string;
  /** The rule set's `name@hash`; null for a baseline. */
  readonly ruleSet: string | null;
  readonly users: number;
  /** Opted in at the end of the last day. */
  readonly optInRate: number;
  /** Opted in at the end of day 1, 7, 14, 30, 60, 90… (the days the run covers), and the last day. */
  readonly optInByDay: Readonly<Record<string, number>>;
  /** Users not opted in whom the OS will never show the dialog again. */
  readonly burned: number;
  readonly burnedRate: number;
  readonly softPromptsShown: number;
  readonly softAccepted: number;
  readonly systemPromptsShown: number;
  readonly settingsLinksShown: number;
  /** Median days from install to opting in, among users who opted in through a dialog or a settings link. */
  readonly medianDaysToOptIn: number | null;
  /** Opted in at some point through a dialog or a settings link. */
  readonly everOptedIn: number;
  /** Turned notifications off in settings after opting in (each time counted). */
  readonly optedOut: number;
  /** Web users whose browser has no web push (iOS web outside a Home Screen web app). */
  readonly unsupported: number;
  /** Android 12 and below: on by default, counted as opted in unless turned off. */
  readonly onByDefault: number;
  /** Invariant breaches seen by the simulator's own OS model: all 0 for a sound engine. */
  readonly anomalies: Anomalies;
  /** Opt-in rate at the end of each day (index 0 = day 1). */
  readonly optInCurve: readonly number[];
  /** Per experiment and arm, from the `experiments` the decisions carried. */
  readonly experiments?: Readonly<Record<string, Readonly<Record<string, ArmResult>>>>;
}

export interface ArmResult {
  readonly users: number;
  readonly optedIn: number;
  readonly optInRate: number;
  readonly softPromptsShown: number;
  readonly settingsLinksShown: number;
  readonly systemPromptsShown: number;
}

export interface SimulationResult {
  readonly population: string;
  readonly users: number;
  readonly days: number;
  readonly seed: number;
  readonly start: string;
  readonly strategies: readonly StrategyResult[];
}

const CHECKPOINTS = [1, 7, 14, 30, 60, 90, 180, 365];

/**
 * A rate rounded to 4 decimals (0.4123).
 *
 * @example
 * rate(1, 3); // 0.3333
 */
export function rate(n: number, of: number): number {
  return of === 0 ? 0 : Math.round((n / of) * 10_000) / 10_000;
}

function medianDays(hist: Float64Array, n: number): number | null {
  if (n === 0) return null;
  const at = (k: number): number => {
    let seen = 0;
    for (let h = 0; h < hist.length; h++) {
      seen += hist[h] as number;
      if (seen > k) return h;
    }
    return hist.length - 1;
  };
  const mid = (at(Math.floor((n - 1) / 2)) + at(Math.floor(n / 2))) / 2;
  // Hours after install (bucket starts) to days, two decimals.
  return Math.round((mid / 24) * 100) / 100;
}

const sortedKeys = <V>(m: Map<string, V>): [string, V][] =>
  [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The results of a run from its merged tallies (one per strategy, in strategy order).
 *
 * @example
 * summarize(prepared, simulateRange(prepared, 0, prepared.spec.users)).strategies[0].optInRate;
 */
export function summarize(p: Prepared, tallies: readonly Tally[]): SimulationResult {
  const { users, days, seed } = p.spec;
  const strategies = p.strategies.map((s, i): StrategyResult => {
    const t = tallies[i] as Tally;
    const curve = [...t.optedInByDay].map((n) => rate(n, t.users));
    const byDay: Record<string, number> = {};
    for (const d of [...CHECKPOINTS.filter((c) => c < days), days]) byDay[String(d)] = curve[d - 1] ?? 0;
    const experiments =
      t.arms.size === 0
        ? undefined
        : Object.fromEntries(
            sortedKeys(t.arms).map(([id, arms]) => [
              id,
              Object.fromEntries(
                sortedKeys(arms).map(([arm, a]) => [arm, { ...a, optInRate: rate(a.optedIn, a.users) }]),
              ),
            ]),
          );
    return {
      name: s.name,
      ruleSet: s.ruleSet,
      users: t.users,
      optInRate: rate(t.optedIn, t.users),
      optInByDay: byDay,
      burned: t.burned,
      burnedRate: rate(t.burned, t.users),
      softPromptsShown: t.softPromptsShown,
      softAccepted: t.softAccepted,
      systemPromptsShown: t.systemPromptsShown,
      settingsLinksShown: t.settingsLinksShown,
      medianDaysToOptIn: medianDays(t.firstOptInByHour, t.everOptedIn),
      everOptedIn: t.everOptedIn,
      optedOut: t.optedOut,
      unsupported: t.unsupported,
      onByDefault: t.defaultOn,
      anomalies: { ...t.anomalies },
      optInCurve: curve,
      ...(experiments !== undefined && { experiments }),
    };
  });
  return {
    population: p.population.name,
    users,
    days,
    seed,
    start: p.spec.start ?? '2026-03-02',
    strategies,
  };
}
