/**
 * When two decisions count as different, and how a change is named. A change is any
 * difference a caller could act on or log: the action, the reason, the rule, its params,
 * `retryAt`, the issues of an invalid context, the experiment assignments. The rule set's
 * `name@hash` is left out (it differs by construction between two rule sets) and so is the
 * trace (explanation, not decision).
 */

/** The fields of a decision that a diff compares (a `Decision` or a logged one). */
export interface ComparableDecision {
  readonly action: string;
  readonly reason: string;
  readonly ruleId?: string | undefined;
  readonly params?: unknown;
  readonly retryAt?: string | null | undefined;
  readonly issues?: unknown;
  readonly experiments?: unknown;
  readonly ruleSet?: string;
  readonly trace?: unknown;
}

/** Shown where a decision names no rule. */
export const NO_RULE = '(none)';

/**
 * Deep equality of JSON values (object key order ignored).
 *
 * @example
 * jsonEqual({ a: 1, b: [2] }, { b: [2], a: 1 }); // true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Whether two decisions differ in anything but the rule set's id and the trace.
 *
 * @example
 * sameDecision(oldDecider.decide(ctx), newDecider.decide(ctx)); // true when the edit does not touch ctx
 */
export function sameDecision(a: ComparableDecision, b: ComparableDecision): boolean {
  return (
    a.action === b.action &&
    a.reason === b.reason &&
    a.ruleId === b.ruleId &&
    (a.retryAt ?? null) === (b.retryAt ?? null) &&
    jsonEqual(a.params, b.params) &&
    jsonEqual(a.issues, b.issues) &&
    jsonEqual(a.experiments, b.experiments)
  );
}

/**
 * The decision as a change lists it: without the trace and the rule set's id.
 *
 * @example
 * decisionForReport({ action: 'wait', reason: 'cooldown', ruleId: 'r', retryAt: null, ruleSet: 'd@1', trace: [] });
 * // { action: 'wait', reason: 'cooldown', ruleId: 'r', retryAt: null }
 */
export function decisionForReport(d: ComparableDecision): Record<string, unknown> {
  const { trace: _trace, ruleSet: _ruleSet, ...rest } = d;
  return rest as Record<string, unknown>;
}

/**
 * The transition's name: `show-soft-prompt → wait`.
 *
 * @example
 * transitionOf({ action: 'show-soft-prompt', reason: 'rule-matched' }, { action: 'wait', reason: 'cooldown' });
 * // 'show-soft-prompt → wait'
 */
export function transitionOf(before: ComparableDecision, after: ComparableDecision): string {
  return `${before.action} → ${after.action}`;
}

/**
 * The change of rule: `after-save → (none)`.
 *
 * @example
 * ruleChangeOf({ action: 'wait', reason: 'no-rule-matched' }, { action: 'show-soft-prompt', reason: 'rule-matched', ruleId: 'x' });
 * // '(none) → x'
 */
export function ruleChangeOf(before: ComparableDecision, after: ComparableDecision): string {
  return `${before.ruleId ?? NO_RULE} → ${after.ruleId ?? NO_RULE}`;
}
