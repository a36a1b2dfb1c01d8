/**
 * The selection loop, written once: rules in priority order; a rule whose conditions hold
 * decides unless a guardrail holds its kind back; a held-back rule is remembered, and when
 * no rule decides, the wait names the held rule whose hold ends soonest. `decide` runs it
 * alone; `explain` runs the same loop with a status array to fill, then describes what the
 * loop did (src/evaluate/explain.ts), so selection cannot differ between the two.
 */
import type { Context } from '../context/parse.js';
import type { Predicate } from '../rules/compile.js';
import type { Policy } from '../rules/policy.js';
import type { Program } from '../rules/program.js';
import { RULE_STATUSES } from './decision.js';
import type { Facts } from './facts.js';
import { type HoldReason, holdInto, NOT_APPLICABLE, type PromptKind } from './guardrails.js';
import type { History } from './history.js';
import type { PlatformState } from './platform.js';

/** A kind's hold: not computed yet (undefined), none (null), not applicable, or a reason. */
type HoldState = HoldReason | null | typeof NOT_APPLICABLE | undefined;

/** What the loop found. One per decider, rewritten by each call (decide is synchronous). */
export interface Selection {
  /** Position (priority order) of the rule that decides, or -1. */
  decided: number;
  /** Position of the first held-back rule of each kind, or -1. */
  heldSoft: number;
  heldLink: number;
  softHold: HoldState;
  linkHold: HoldState;
  /** Where each kind's retry instant is written (epoch ms, or null). */
  readonly softOut: { retryAt: number | null };
  readonly linkOut: { retryAt: number | null };
}

// Rule statuses as the loop records them for `explain`: positions in RULE_STATUSES (a
// fresh status array is all zeros: 'not-reached').
const NO_MATCH = RULE_STATUSES.indexOf('no-match');
const DECIDED = RULE_STATUSES.indexOf('decided');
const HELD_BACK = RULE_STATUSES.indexOf('held-back');
const NOT_APPLICABLE_STATUS = RULE_STATUSES.indexOf('not-applicable');

/**
 * A Selection to reuse across calls.
 *
 * @example
 * const scratch = newSelection();
 */
export function newSelection(): Selection {
  return {
    decided: -1,
    heldSoft: -1,
    heldLink: -1,
    softHold: undefined,
    linkHold: undefined,
    softOut: { retryAt: null },
    linkOut: { retryAt: null },
  };
}

/**
 * Runs the rules of `program` over `facts`. Each kind's hold is computed at most once, and
 * only if a rule of that kind matches. `holdout`: the user is in an experiment's holdout
 * arm, so every prompt is held back (src/evaluate/guardrails.ts). With `statuses`, every
 * rule's status is recorded (rules after the deciding one stay 'not-reached').
 *
 * @example
 * select(program, facts, ctx, h, p, policy, false, scratch, null).decided; // 0: the top rule decides
 */
export function select(
  program: Program,
  facts: Facts,
  ctx: Context,
  h: History,
  p: PlatformState,
  policy: Policy,
  holdout: boolean,
  out: Selection,
  statuses: Uint8Array | null,
): Selection {
  out.decided = -1;
  out.heldSoft = -1;
  out.heldLink = -1;
  out.softHold = undefined;
  out.linkHold = undefined;
  const { tests, actions } = program;
  const possible = program.candidates(ctx.trigger);
  for (let i = 0; i < tests.length; i++) {
    if (possible[i] === 0 || !(tests[i] as Predicate)(facts)) {
      if (statuses !== null) statuses[i] = NO_MATCH;
      continue;
    }
    const action = actions[i];
    let hold: HoldState = null;
    if (action === 'show-soft-prompt') {
      if (out.softHold === undefined) out.softHold = holdInto(SOFT, ctx, h, p, policy, holdout, out.softOut);
      hold = out.softHold;
      if (hold !== null && hold !== NOT_APPLICABLE && out.heldSoft < 0) out.heldSoft = i;
    } else if (action === 'show-settings-link') {
      if (out.linkHold === undefined) out.linkHold = holdInto(LINK, ctx, h, p, policy, holdout, out.linkOut);
      hold = out.linkHold;
      if (hold !== null && hold !== NOT_APPLICABLE && out.heldLink < 0) out.heldLink = i;
    }
    if (hold === null) {
      if (statuses !== null) statuses[i] = DECIDED;
      out.decided = i;
      return out;
    }
    if (statuses !== null) statuses[i] = hold === NOT_APPLICABLE ? NOT_APPLICABLE_STATUS : HELD_BACK;
  }
  return out;
}

const SOFT: PromptKind = 'soft-prompt';
const LINK: PromptKind = 'settings-link';

/**
 * Which held-back rule a wait reports when rules of both kinds were held back: the one
 * whose hold ends, the earliest end first, so `retryAt` names the next real opportunity (a
 * denied user whose settings link is in cooldown hears "cooldown until X", not
 * "permission-blocked"). With no ends (or equal ones), the higher-priority rule. Returns
 * true for the soft prompt.
 *
 * @example
 * preferSoft(selection); // true: the soft prompt's cooldown ends first
 */
export function preferSoft(s: Selection): boolean {
  const soft = s.heldSoft;
  const link = s.heldLink;
  if (link < 0) return true;
  if (soft < 0) return false;
  const softRetry = s.softOut.retryAt;
  const linkRetry = s.linkOut.retryAt;
  if (softRetry !== null && linkRetry !== null && softRetry !== linkRetry) return softRetry < linkRetry;
  if ((softRetry === null) !== (linkRetry === null)) return softRetry !== null;
  return soft < link;
}
