/**
 * `explain`: a description of what the selection loop did, built only when asked for. The
 * loop (select.ts) records each rule's status; this pass adds, for every rule, each
 * condition with the fact value it saw and its result (a traced walk without
 * short-circuit, over the same leaf readers and operator checks as the compiled closures),
 * and the guardrail that held a rule back. It decides nothing.
 */
import { type LeafFns, leafFunctions, traceCondition } from '../rules/compile.js';
import type { Program } from '../rules/program.js';
import { formatTimestamp } from '../shared/time.js';
import { RULE_STATUSES, type RuleTrace } from './decision.js';
import type { Facts } from './facts.js';
import { NOT_APPLICABLE } from './guardrails.js';
import type { Selection } from './select.js';

/** Builds the leaf functions of every rule once, on the first explained decision. */
export function explainer(
  program: Program,
): (facts: Facts, statuses: Uint8Array, s: Selection) => RuleTrace[] {
  let fns: readonly LeafFns[] | undefined;
  return (facts, statuses, s) => {
    fns ??= program.rules.map((r) => leafFunctions(r.conditions));
    return program.rules.map((rule, i): RuleTrace => {
      const conditions = traceCondition(rule.conditions, fns?.[i] as LeafFns, facts);
      const status = RULE_STATUSES[statuses[i] as number] ?? 'not-reached';
      const base = {
        ruleId: rule.id,
        priority: rule.priority,
        action: rule.event.type,
        matched: conditions.result,
        status,
        conditions,
      };
      if (status !== 'held-back') return base;
      const soft = rule.event.type === 'show-soft-prompt';
      const reason = soft ? s.softHold : s.linkHold;
      const retryAt = (soft ? s.softOut : s.linkOut).retryAt;
      if (reason === null || reason === undefined || reason === NOT_APPLICABLE) return base;
      return { ...base, hold: { reason, retryAt: retryAt === null ? null : formatTimestamp(retryAt) } };
    });
  };
}
