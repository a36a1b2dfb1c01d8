/**
 * The decision (DESIGN.md section 5) and the few ways one is made. Illegal combinations are
 * unrepresentable: a prompt always comes from a rule; `retryAt` is set only on a
 * guardrail's wait; `issues` only with `invalid-context`.
 */
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

/** The decision of a rule that decided. */
export function ruleDecision(rule: Rule, ruleSet: string): Decision {
  const params = rule.event.params;
  // Two literals rather than a spread: one object per decision, nothing else.
  return params === undefined
    ? { action: rule.event.type, reason: 'rule-matched', ruleId: rule.id, retryAt: null, ruleSet }
    : { action: rule.event.type, reason: 'rule-matched', ruleId: rule.id, params, retryAt: null, ruleSet };
}

/** The wait of a rule a guardrail held back. */
export function heldDecision(
  rule: Rule,
  reason: HoldReason,
  retryAt: number | null,
  ruleSet: string,
): Decision {
  const params = rule.event.params;
  const retry = retryAt === null ? null : formatTimestamp(retryAt);
  return params === undefined
    ? { action: 'wait', reason, ruleId: rule.id, retryAt: retry, ruleSet }
    : { action: 'wait', reason, ruleId: rule.id, params, retryAt: retry, ruleSet };
}

/** A wait that no rule chose. */
export function plainWait(
  reason: 'no-rule-matched' | 'already-granted' | 'unsupported',
  ruleSet: string,
): Decision {
  return { action: 'wait', reason, retryAt: null, ruleSet };
}

/** The fail-closed wait for a context that cannot be decided. */
export function invalidContext(issues: readonly Issue[], ruleSet: string): Decision {
  return { action: 'wait', reason: 'invalid-context', retryAt: null, ruleSet, issues };
}
