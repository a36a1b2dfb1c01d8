/**
 * The decision (DESIGN.md section 5) and the few ways one is made. Illegal combinations are
 * unrepresentable: a prompt always comes from a rule; `retryAt` is set only on a
 * guardrail's wait; `issues` only with `invalid-context`.
 */
import type { Exposure } from '../experiments/enroll.js';
import type { Action, Reason } from '../rules/catalog.js';
import type { ConditionTrace } from '../rules/compile.js';
import type { Params, Rule } from '../rules/load.js';
import type { Issue } from '../shared/errors.js';
import { formatTimestamp } from '../shared/time.js';
import type { HoldReason } from './guardrails.js';

/**
 * A rule's part in a decision: `decided`: this rule chose the decision; `held-back`:
 * matched, but a guardrail held its action back; `not-applicable`: a settings-link rule
 * while the system prompt is still available; `no-match`: conditions false; `not-reached`:
 * a higher rule decided first.
 */
export const RULE_STATUSES = ['not-reached', 'no-match', 'decided', 'held-back', 'not-applicable'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** One rule's part in an explained decision. */
export interface RuleTrace {
  readonly ruleId: string;
  readonly priority: number;
  readonly action: Action;
  /** Whether the rule's conditions hold. */
  readonly matched: boolean;
  /** See {@link RULE_STATUSES}. */
  readonly status: RuleStatus;
  readonly hold?: { readonly reason: Reason; readonly retryAt: string | null };
  readonly conditions: ConditionTrace;
}

interface Base {
  /** The rule set's `name@hash`, for decision logs. */
  readonly ruleSet: string;
  /**
   * The user's experiment assignments, in the order the rule set writes its experiments,
   * for exposure logging: on every decision of an enrolled user (waits and platform
   * answers included), absent when the user is enrolled in none.
   */
  readonly experiments?: readonly Exposure[];
  readonly trace?: readonly RuleTrace[];
}

/** The decision `decide` returns. */
export type Decision =
  | (Base & {
      readonly action: Action;
      readonly reason: 'rule-matched';
      readonly ruleId: string;
      readonly params?: Params;
      readonly retryAt: null;
    })
  | (Base & {
      readonly action: 'wait';
      readonly reason: HoldReason;
      /**
       * The matching rule that was held back: of the two kinds, the one whose hold ends
       * soonest, else the higher-priority one.
       */
      readonly ruleId: string;
      readonly params?: Params;
      /** ISO time when the hold ends; null when it does not end with this context. */
      readonly retryAt: string | null;
    })
  | (Base & {
      readonly action: 'wait';
      readonly reason: 'no-rule-matched' | 'already-granted' | 'unsupported';
      readonly retryAt: null;
    })
  | (Base & {
      readonly action: 'wait';
      readonly reason: 'invalid-context';
      readonly retryAt: null;
      readonly issues: readonly Issue[];
    });

// Each decision is one object literal, written out per combination of optional fields:
// a spread (`{ ...d, experiments }`) costs a microsecond on V8 here, ten times a decision.
// `experiments` (a user's assignments) is passed only for a user enrolled in an experiment.

/** The decision of a rule that decided. */
export function ruleDecision(rule: Rule, ruleSet: string, experiments?: readonly Exposure[]): Decision {
  const params = rule.event.params;
  const action = rule.event.type;
  const ruleId = rule.id;
  if (experiments === undefined) {
    return params === undefined
      ? { action, reason: 'rule-matched', ruleId, retryAt: null, ruleSet }
      : { action, reason: 'rule-matched', ruleId, params, retryAt: null, ruleSet };
  }
  return params === undefined
    ? { action, reason: 'rule-matched', ruleId, retryAt: null, ruleSet, experiments }
    : { action, reason: 'rule-matched', ruleId, params, retryAt: null, ruleSet, experiments };
}

/** The wait of a rule a guardrail held back. */
export function heldDecision(
  rule: Rule,
  reason: HoldReason,
  retryAt: number | null,
  ruleSet: string,
  experiments?: readonly Exposure[],
): Decision {
  const params = rule.event.params;
  const retry = retryAt === null ? null : formatTimestamp(retryAt);
  const ruleId = rule.id;
  if (experiments === undefined) {
    return params === undefined
      ? { action: 'wait', reason, ruleId, retryAt: retry, ruleSet }
      : { action: 'wait', reason, ruleId, params, retryAt: retry, ruleSet };
  }
  return params === undefined
    ? { action: 'wait', reason, ruleId, retryAt: retry, ruleSet, experiments }
    : { action: 'wait', reason, ruleId, params, retryAt: retry, ruleSet, experiments };
}

/** A wait that no rule chose. */
export function plainWait(
  reason: 'no-rule-matched' | 'already-granted' | 'unsupported',
  ruleSet: string,
  experiments?: readonly Exposure[],
): Decision {
  return experiments === undefined
    ? { action: 'wait', reason, retryAt: null, ruleSet }
    : { action: 'wait', reason, retryAt: null, ruleSet, experiments };
}

/** The fail-closed wait for a context that cannot be decided. */
export function invalidContext(issues: readonly Issue[], ruleSet: string): Decision {
  return { action: 'wait', reason: 'invalid-context', retryAt: null, ruleSet, issues };
}
