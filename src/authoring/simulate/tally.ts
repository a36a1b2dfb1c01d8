/**
 * Per-strategy counts, summed over users. Sums of integers only, so partial tallies from
 * any number of workers, merged in any order, give the same totals; the results (rates,
 * medians) are computed once at the end from those totals.
 */

/** Invariant breaches the simulator's own world model detects (each should be 0). */
export interface Anomalies {
  /** A soft prompt while the simulated OS would not show the dialog (denied, blocked, embargoed…). */
  softPromptWithoutDialog: number;
  /** A settings link while the dialog could still be shown (now, or after Chromium's auto-block), or notifications are on. */
  settingsLinkWhileAskable: number;
  /** A prompt of any kind to a user whose notifications are on. */
  promptWhileGranted: number;
  /** Contexts the engine refused as invalid (the simulator sent something it should not). */
  invalidContext: number;
}

/** One experiment arm's users (from the `experiments` of the decisions they got). */
export interface ArmTally {
  users: number;
  optedIn: number;
  softPromptsShown: number;
  settingsLinksShown: number;
  systemPromptsShown: number;
}

export interface Tally {
  users: number;
  optedIn: number;
  /** Opted in at some point through a dialog or a settings link. */
  everOptedIn: number;
  burned: number;
  unsupported: number;
  defaultOn: number;
  softPromptsShown: number;
  softAccepted: number;
  systemPromptsShown: number;
  settingsLinksShown: number;
  optedOut: number;
  /** Users opted in at the end of each day (index 0 = the install day). */
  optedInByDay: Float64Array;
  /** First opt-in through a dialog or a link, by hours after install. */
  firstOptInByHour: Float64Array;
  anomalies: Anomalies;
  /** experiment id → arm → counts. */
  arms: Map<string, Map<string, ArmTally>>;
}

/**
 * An empty tally for a `days`-day simulation.
 *
 * @example
 * const t = newTally(60);
 */
export function newTally(days: number): Tally {
  return {
    users: 0,
    optedIn: 0,
    everOptedIn: 0,
    burned: 0,
    unsupported: 0,
    defaultOn: 0,
    softPromptsShown: 0,
    softAccepted: 0,
    systemPromptsShown: 0,
    settingsLinksShown: 0,
    optedOut: 0,
    optedInByDay: new Float64Array(days),
    firstOptInByHour: new Float64Array(days * 24),
    anomalies: {
      softPromptWithoutDialog: 0,
      settingsLinkWhileAskable: 0,
      promptWhileGranted: 0,
      invalidContext: 0,
    },
    arms: new Map(),
  };
}

const COUNTS = [
  'users',
  'optedIn',
  'everOptedIn',
  'burned',
  'unsupported',
  'defaultOn',
  'softPromptsShown',
  'softAccepted',
  'systemPromptsShown',
  'settingsLinksShown',
  'optedOut',
] as const;

/**
 * Adds `from` into `into` (the order of merges never changes the result).
 *
 * @example
 * mergeTally(total, partFromWorker);
 */
export function mergeTally(into: Tally, from: Tally): Tally {
  for (const k of COUNTS) into[k] += from[k];
  from.optedInByDay.forEach((v, i) => {
    into.optedInByDay[i] = (into.optedInByDay[i] ?? 0) + v;
  });
  from.firstOptInByHour.forEach((v, i) => {
    into.firstOptInByHour[i] = (into.firstOptInByHour[i] ?? 0) + v;
  });
  for (const k of Object.keys(into.anomalies) as (keyof Anomalies)[]) into.anomalies[k] += from.anomalies[k];
  for (const [id, arms] of from.arms) {
    let mine = into.arms.get(id);
    if (mine === undefined) {
      mine = new Map();
      into.arms.set(id, mine);
    }
    for (const [arm, t] of arms) {
      const a = mine.get(arm);
      if (a === undefined) mine.set(arm, { ...t });
      else for (const k of Object.keys(t) as (keyof ArmTally)[]) a[k] += t[k];
    }
  }
  return into;
}
