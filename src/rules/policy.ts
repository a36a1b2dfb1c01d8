/**
 * A rule set's `policy` block: caps and cooldowns per kind of prompt, and quiet hours.
 * Validated here by hand (the runtime carries no schema library); the authoring wing's zod
 * `PolicySchema` describes the same block for the JSON Schema, and a differential test
 * keeps the two equal (same issues at the same paths).
 */
import type { Issue } from '../shared/errors.js';
import type { Json } from '../shared/json-snapshot.js';
import { didYouMean } from '../shared/suggest.js';

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

type Obj = { readonly [k: string]: Json };
type Path = readonly (string | number)[];
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const POLICY_KEYS = ['softPrompt', 'settingsLink', 'quietHours'];
const KIND_KEYS = ['cooldownDays', 'maxShows', 'maxPerSession'];
const HOUR_KEYS = ['from', 'to'];

function got(v: Json): string {
  return v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'string'
        ? JSON.stringify(v.slice(0, 40))
        : String(v);
}

/** Checks an object and its keys; known keys first (in order), then unknown ones, as zod reports them. */
function object(
  v: Json,
  path: Path,
  keys: readonly string[],
  issues: Issue[],
  check: (o: Obj) => void,
  refine?: (o: Obj) => void,
): void {
  if (!isObj(v)) {
    issues.push({ code: 'invalid-type', path, message: `expected an object, got ${got(v)}` });
    return;
  }
  check(v);
  for (const k of Object.keys(v)) {
    if (!keys.includes(k)) {
      issues.push({
        code: 'unknown-key',
        path: [...path, k],
        message: `unknown key "${k}"${didYouMean(k, keys)}`,
      });
    }
  }
  refine?.(v);
}

/** A number within [min, max] (a whole one when `int`); pushes an issue and returns false otherwise. */
function number(
  v: Json | undefined,
  path: Path,
  min: number,
  max: number,
  int: boolean,
  issues: Issue[],
): boolean {
  if (v === undefined) {
    issues.push({ code: 'missing', path, message: 'required (a number)' });
  } else if (typeof v !== 'number' || (int && !Number.isInteger(v))) {
    issues.push({
      code: 'invalid-type',
      path,
      message: `expected ${int ? 'a whole number' : 'a number'}, got ${got(v)}`,
    });
  } else if (v < min || v > max) {
    issues.push({ code: 'invalid-value', path, message: `must be from ${min} to ${max}` });
  } else {
    return true;
  }
  return false;
}

function kindPolicy(v: Json, path: Path, d: KindPolicy, issues: Issue[]): KindPolicy {
  let out = d;
  object(v, path, KIND_KEYS, issues, (o) => {
    const days = o.cooldownDays;
    let cooldownDays = d.cooldownDays;
    if (days !== undefined) {
      const p = [...path, 'cooldownDays'];
      if (!Array.isArray(days))
        issues.push({ code: 'invalid-type', path: p, message: `expected a list of days, got ${got(days)}` });
      else if (days.length > POLICY_BOUNDS.maxLadder) {
        issues.push({ code: 'limit-exceeded', path: p, message: `at most ${POLICY_BOUNDS.maxLadder} steps` });
      } else {
        for (let i = 0; i < days.length; i++)
          number(days[i], [...p, i], 0, POLICY_BOUNDS.maxCooldownDays, false, issues);
        cooldownDays = days as number[];
      }
    }
    const count = (k: 'maxShows' | 'maxPerSession'): number => {
      const x = o[k];
      return x !== undefined && number(x, [...path, k], 0, POLICY_BOUNDS.maxCount, true, issues)
        ? (x as number)
        : d[k];
    };
    out = { cooldownDays, maxShows: count('maxShows'), maxPerSession: count('maxPerSession') };
  });
  return out;
}

/**
 * Validates a `policy` block (`undefined` = none) and fills in the defaults; every issue
 * goes into `issues` with its path under `policy`.
 *
 * @example
 * loadPolicy({ quietHours: { from: 22, to: 8 } }, issues).quietHours; // { from: 22, to: 8 }
 */
export function loadPolicy(v: Json | undefined, issues: Issue[]): Policy {
  if (v === undefined) return DEFAULT_POLICY;
  const before = issues.length;
  let policy = DEFAULT_POLICY;
  object(v, ['policy'], POLICY_KEYS, issues, (o) => {
    const kind = (k: 'softPrompt' | 'settingsLink'): KindPolicy =>
      o[k] === undefined
        ? DEFAULT_POLICY[k]
        : kindPolicy(o[k] as Json, ['policy', k], DEFAULT_POLICY[k], issues);
    const softPrompt = kind('softPrompt');
    const settingsLink = kind('settingsLink');
    let quietHours: Policy['quietHours'] = null;
    const q = o.quietHours;
    if (q !== undefined) {
      const path = ['policy', 'quietHours'];
      let ok = false;
      object(
        q,
        path,
        HOUR_KEYS,
        issues,
        (h) => {
          const from = number(h.from, [...path, 'from'], 0, POLICY_BOUNDS.maxHour, true, issues);
          ok = number(h.to, [...path, 'to'], 0, POLICY_BOUNDS.maxHour, true, issues) && from;
        },
        (h) => {
          // Compared once both are whole numbers, even out of range (as the schema does).
          if (Number.isInteger(h.from) && Number.isInteger(h.to) && h.from === h.to) {
            issues.push({ code: 'invalid-value', path, message: '"from" and "to" must differ' });
          } else if (ok) quietHours = { from: h.from as number, to: h.to as number };
        },
      );
    }
    policy = { softPrompt, settingsLink, quietHours };
  });
  return issues.length === before ? policy : DEFAULT_POLICY;
}
