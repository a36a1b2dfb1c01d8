/**
 * Facts: the values conditions read, computed per decision from the context, the ask
 * history and the platform state. The catalog (src/rules/catalog.ts) names them; this file
 * says how each is computed, keyed by the catalog's `FactName`, so a fact added to the
 * catalog without its computation fails to compile. Facts live in an array at their catalog
 * position: a condition reads `values[i]` with its fact's index fixed at load (one
 * monomorphic load, whatever the fact), and a decider computes only the facts its rules read.
 */
import type { Context, KeyActionStat } from '../context/parse.js';
import { FACTS, type FactName } from '../rules/catalog.js';
import { fnv1a } from '../shared/hash.js';
import { localDayOfWeek, localHour, MS_PER_DAY, MS_PER_HOUR } from '../shared/time.js';
import { majorVersion } from '../shared/version.js';
import type { History } from './history.js';
import type { PlatformState } from './platform.js';

/** The facts of one decision. */
export interface Facts {
  /** Each catalog fact's value at its catalog position; absent facts are undefined, as in json-rules-engine. */
  readonly values: unknown[];
  /** Evaluation time (epoch ms); not a fact: keyActions' `hoursSinceLast` is measured from it. */
  now: number;
}

type Compute = (ctx: Context, h: History, p: PlatformState) => unknown;

const since = (now: number, at: number | undefined, unit: number): number | undefined =>
  at === undefined ? undefined : (now - at) / unit;

/**
 * A stable bucket 0-99 for a user id: FNV-1a over `v1:<userId>`. Versioned so a change
 * of hash can keep old assignments reachable.
 *
 * @example
 * userBucket('user-42'); // a number from 0 to 99, the same on every platform
 */
export function userBucket(userId: string): number {
  return Number.parseInt(fnv1a(`v1:${userId}`), 16) % 100;
}

/** How each catalog fact is computed (meanings: src/authoring/catalog-docs.ts). */
const COMPUTE: { readonly [K in FactName]: Compute } = {
  os: (c) => c.platform.os,
  hostOs: (c) => c.platform.hostOs,
  osVersion: (c) => c.platform.osVersion,
  osMajorVersion: (c) =>
    c.platform.osVersion === undefined ? undefined : majorVersion(c.platform.osVersion),
  apiLevel: (c) => c.platform.apiLevel,
  browser: (c) => c.platform.browser,
  permission: (c) => c.permission,
  systemPromptAvailable: (_c, _h, p) => p.systemPromptAvailable,
  sessionCount: (c) => c.sessions.count,
  daysSinceFirstSeen: (c) => since(c.now, c.sessions.firstSeenAt, MS_PER_DAY),
  secondsInSession: (c) => since(c.now, c.sessions.currentStartedAt, 1000),
  trigger: (c) => c.trigger,
  keyActions: (c) => c.keyActions,
  totalKeyActions: (c) => {
    let total = 0;
    for (const k in c.keyActions) total += (c.keyActions[k] as KeyActionStat).count;
    return total;
  },
  softPromptShows: (_c, h) => h.softPromptShows,
  softPromptDeclines: (_c, h) => h.softPromptDeclines,
  hoursSinceLastSoftPrompt: (c, h) => since(c.now, h.lastSoftPromptAt, MS_PER_HOUR),
  systemPromptShows: (_c, h) => h.systemPromptShows,
  systemPromptDenials: (_c, h) => h.systemPromptDenials,
  settingsLinkShows: (_c, h) => h.settingsLinkShows,
  hoursSinceLastSettingsLink: (c, h) => since(c.now, h.lastSettingsLinkAt, MS_PER_HOUR),
  previouslyGranted: (_c, h) => h.previouslyGranted,
  localHour: (c) => localHour(c.now, c.offsetMinutes),
  localDayOfWeek: (c) => localDayOfWeek(c.now, c.offsetMinutes),
  userBucket: (c) => (c.userId === undefined ? undefined : userBucket(c.userId)),
  // Enrolled in nothing; a rule set with experiments then writes the user's arms
  // (src/experiments/enroll.ts), after the other facts, which audiences read.
  experiment: () => NOT_ENROLLED,
  attributes: (c) => c.attributes,
};

/** The `experiment` fact of a user enrolled in no experiment: no arms. */
const NOT_ENROLLED: Readonly<Record<string, string>> = Object.freeze(Object.create(null));

const COMPUTERS: readonly Compute[] = FACTS.map((f) => COMPUTE[f.name]);

/** The positions of the facts a decider computes: those its rules read. */
type FactNeeds = Uint8Array;

/**
 * The needs of rules that read the given fact names (unknown names are ignored).
 *
 * @example
 * factNeeds(['trigger']); // Uint8Array [11]: only the trigger is copied, no user id hashed
 */
export function factNeeds(names: Iterable<string>): FactNeeds {
  const set = new Set(names);
  return Uint8Array.from(FACTS.flatMap((f, i) => (set.has(f.name) ? [i] : [])));
}

const ALL: FactNeeds = Uint8Array.from(FACTS.keys());

/**
 * An empty Facts to fill with {@link computeFactsInto}.
 *
 * @example
 * const scratch = newFacts();
 */
export function newFacts(): Facts {
  // `now` starts as a double (not the small integer 0), so V8 stores later times in place.
  return { values: new Array<unknown>(FACTS.length).fill(undefined), now: Number.NaN };
}

/**
 * Writes into `out` the facts that `needs` lists (the others keep stale values that no rule
 * of this decider reads), and `now`.
 *
 * @example
 * computeFactsInto(scratch, ctx, h, p, factNeeds(['trigger'])).values[FACT_INDEX.trigger]; // 'order_placed'
 */
export function computeFactsInto(
  out: Facts,
  ctx: Context,
  h: History,
  p: PlatformState,
  needs: FactNeeds,
): Facts {
  const values = out.values;
  for (let i = 0; i < needs.length; i++) {
    const k = needs[i] as number;
    values[k] = (COMPUTERS[k] as Compute)(ctx, h, p);
  }
  out.now = ctx.now;
  return out;
}

/**
 * Every fact of a decision.
 *
 * @example
 * const h = summarizeHistory(ctx);
 * computeFacts(ctx, h, assessPlatform(ctx, h)).values[FACT_INDEX.sessionCount]; // 2
 */
export function computeFacts(ctx: Context, h: History, p: PlatformState): Facts {
  return computeFactsInto(newFacts(), ctx, h, p, ALL);
}

/**
 * The facts as an object keyed by name (absent facts left out), as json-rules-engine takes them.
 *
 * @example
 * factsByName(computeFacts(ctx, h, p)).sessionCount; // 2
 */
export function factsByName(facts: Facts): Partial<Record<FactName, unknown>> {
  const out: Partial<Record<FactName, unknown>> = {};
  FACTS.forEach((f, i) => {
    const v = facts.values[i];
    if (v !== undefined) out[f.name] = v;
  });
  return out;
}
