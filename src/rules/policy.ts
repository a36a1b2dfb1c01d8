/**
 * A rule set's `policy` block: caps and cooldowns per kind of prompt, and quiet hours.
 * Validated here by hand (the runtime carries no schema library); the authoring wing's zod
 * `PolicySchema` describes the same block for the JSON Schema, and a differential test
 * keeps the two equal (same issues at the same paths).
 */
import { num, wrongType } from '../context/fields.js';
import type { Issue } from '../shared/errors.js';
import { bad, type Check, type Json } from '../shared/read.js';
import { isObj, type Obj, unknownKeys } from './check.js';

/** Limits and cooldowns for one kind of prompt, defaults filled in. */
export interface KindPolicy {
  /** The nth decline (soft prompt) or show (settings link) starts `cooldownDays[min(n, len) - 1]` days. */
  readonly cooldownDays: readonly number[];
  /** Lifetime cap. */
  readonly maxShows: number;
  /** Cap per session (needs `sessions.currentStartedAt` in the context). */
  readonly maxPerSession: number;
}

export interface Policy {
  readonly softPrompt: KindPolicy;
  readonly settingsLink: KindPolicy;
  /** Local hours `[from, to)` at now's offset when no prompt is shown; may wrap midnight. */
  readonly quietHours: { readonly from: number; readonly to: number } | null;
}

/**
 * Field-practice defaults: OneSignal-style 3/7/30-day back-off, 3 soft prompts, 1 per session.
 *
 * @example
 * loadRuleSet({ name: 'x', rules: [] }).policy === DEFAULT_POLICY; // true: no policy block
 */
export const DEFAULT_POLICY: Policy = {
  softPrompt: { cooldownDays: [3, 7, 30], maxShows: 3, maxPerSession: 1 },
  settingsLink: { cooldownDays: [30], maxShows: 2, maxPerSession: 1 },
  quietHours: null,
};

/** The bounds the loader enforces (the authoring schema states the same). */
export const POLICY_BOUNDS = { maxCooldownDays: 3650, maxLadder: 20, maxCount: 1000, maxHour: 23 } as const;

const POLICY_KEYS = ['softPrompt', 'settingsLink', 'quietHours'];
const KIND_KEYS = ['cooldownDays', 'maxShows', 'maxPerSession'];
const HOUR_KEYS = ['from', 'to'];

/**
 * Checks the object at the walk's path, then its keys; known keys first (in order), then
 * unknown ones, as zod reports them.
 */
function object(
  w: Check,
  v: Json,
  keys: readonly string[],
  check: (o: Obj) => void,
  refine?: (o: Obj) => void,
): void {
  if (!isObj(v)) {
    wrongType(w, undefined, 'object', v);
    return;
  }
  check(v);
  unknownKeys(w, v, keys);
  refine?.(v);
}

/** The `k` block (at the walk's path) with the defaults of `d`. */
function kindPolicy(w: Check, v: Json, d: KindPolicy): KindPolicy {
  let out = d;
  object(w, v, KIND_KEYS, (o) => {
    const days = o.cooldownDays;
    let cooldownDays = d.cooldownDays;
    if (days === undefined || !Array.isArray(days)) {
      if (days !== undefined) wrongType(w, 'cooldownDays', 'a list of days', days);
    } else if (days.length > POLICY_BOUNDS.maxLadder) {
      bad(w, 'limit-exceeded', `at most ${POLICY_BOUNDS.maxLadder} steps`, 'cooldownDays');
    } else {
      w.path.push('cooldownDays');
      for (let i = 0; i < days.length; i++) num(w, i, days[i], 0, POLICY_BOUNDS.maxCooldownDays, true, false);
      w.path.pop();
      cooldownDays = days as number[];
    }
    const count = (k: 'maxShows' | 'maxPerSession'): number => {
      const x = o[k];
      return x !== undefined && num(w, k, x, 0, POLICY_BOUNDS.maxCount, true, true) ? (x as number) : d[k];
    };
    out = { cooldownDays, maxShows: count('maxShows'), maxPerSession: count('maxPerSession') };
  });
  return out;
}

/**
 * Validates `o.policy` (absent: none) and fills in the defaults; issues at the walk's path.
 *
 * @example
 * policyOf(w, ruleSet).quietHours; // { from: 22, to: 8 }
 */
export function policyOf(w: Check, o: Obj): Policy {
  const v = o.policy;
  if (v === undefined) return DEFAULT_POLICY;
  const before = w.issues.length;
  let policy = DEFAULT_POLICY;
  w.path.push('policy');
  object(w, v, POLICY_KEYS, (o) => {
    const kind = (k: 'softPrompt' | 'settingsLink'): KindPolicy => {
      if (o[k] === undefined) return DEFAULT_POLICY[k];
      w.path.push(k);
      const out = kindPolicy(w, o[k] as Json, DEFAULT_POLICY[k]);
      w.path.pop();
      return out;
    };
    const softPrompt = kind('softPrompt');
    const settingsLink = kind('settingsLink');
    let quietHours: Policy['quietHours'] = null;
    const q = o.quietHours;
    if (q !== undefined) {
      w.path.push('quietHours');
      let ok = false;
      object(
        w,
        q,
        HOUR_KEYS,
        (h) => {
          const from = num(w, 'from', h.from, 0, POLICY_BOUNDS.maxHour, true, true);
          ok = num(w, 'to', h.to, 0, POLICY_BOUNDS.maxHour, true, true) && from;
        },
        (h) => {
          // Compared once both are whole numbers, even out of range (as the schema does).
          if (Number.isInteger(h.from) && Number.isInteger(h.to) && h.from === h.to) {
            bad(w, 'invalid-value', '"from" and "to" must differ');
          } else if (ok) quietHours = { from: h.from as number, to: h.to as number };
        },
      );
      w.path.pop();
    }
    policy = { softPrompt, settingsLink, quietHours };
  });
  w.path.pop();
  return w.issues.length === before ? policy : DEFAULT_POLICY;
}

/**
 * Validates a `policy` block (`undefined` = none) and fills in the defaults; every issue
 * goes into `issues` with its path under `policy`.
 *
 * @example
 * loadPolicy({ quietHours: { from: 22, to: 8 } }, issues).quietHours; // { from: 22, to: 8 }
 */
export function loadPolicy(v: Json | undefined, issues: Issue[]): Policy {
  return policyOf({ path: [], issues, hard: 0 }, v === undefined ? {} : { policy: v });
}
