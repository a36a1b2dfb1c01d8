/**
 * The readable trace of `decide --explain`: each rule in priority order, each condition
 * with the value it saw and whether it held, the guardrail that held a rule back, and why
 * the winner won. Written for the marketer who edits the rules.
 */

import type { Decision, RuleTrace } from '../evaluate/decision.js';
import type { Operator } from '../rules/catalog.js';
import type { ConditionTrace } from '../rules/compile.js';
import { formatPath } from '../shared/errors.js';
import { OPERATOR_WORDS, REASON_DOCS } from './catalog-docs.js';

function show(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Math.round(v * 100) / 100);
  return JSON.stringify(v);
}

function conditionLines(t: ConditionTrace, indent: string): string[] {
  const mark = t.result ? '✓' : '✗';
  if ('fact' in t) {
    const name = t.path === undefined ? t.fact : `${t.fact} ${t.path}`;
    return [
      `${indent}${mark} ${name} ${OPERATOR_WORDS[t.operator as Operator] ?? t.operator} ${show(t.value)}   saw ${show(t.factValue)}`,
    ];
  }
  if ('not' in t) return [`${indent}${mark} not:`, ...conditionLines(t.not, `${indent}    `)];
  const [word, children] = 'all' in t ? ['all of', t.all] : ['any of', t.any];
  return [`${indent}${mark} ${word}:`, ...children.flatMap((c) => conditionLines(c, `${indent}    `))];
}

function status(r: RuleTrace): string {
  switch (r.status) {
    case 'decided':
      return r.action === 'wait'
        ? 'WINNER: conditions hold; a wait rule suppresses any prompt'
        : 'WINNER: conditions hold and no guardrail held it back';
    case 'held-back':
      return `matched, but held back by ${r.hold?.reason}${r.hold?.retryAt ? ` until ${r.hold.retryAt}` : ''}: ${r.hold ? REASON_DOCS[r.hold.reason] : ''}`;
    case 'not-applicable':
      return 'matched, but a settings link is only for users the system prompt can no longer reach';
    case 'no-match':
      return 'no match: a condition does not hold';
    case 'not-reached':
      return 'not reached: a higher-priority rule already decided';
  }
}

function why(d: Decision): string {
  const rule = 'ruleId' in d ? `"${d.ruleId}"` : '';
  switch (d.reason) {
    case 'rule-matched':
      return `${rule} won: it is the highest-priority rule whose conditions all hold${
        d.action === 'wait' ? ' (a wait rule: nothing is shown)' : ' and that no guardrail held back'
      }.`;
    case 'no-rule-matched':
    case 'already-granted':
    case 'unsupported':
      return REASON_DOCS[d.reason];
    case 'invalid-context':
      return `${REASON_DOCS['invalid-context']}\n${d.issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`).join('\n')}`;
    default:
      return `Nothing is shown: ${rule} matched but was held back by ${d.reason}${
        d.retryAt ? `; ask again from ${d.retryAt}` : ''
      }. ${REASON_DOCS[d.reason]}`;
  }
}

/**
 * Renders an explained decision (from `decide(ctx, { explain: true })`) as text.
 *
 * @example
 * io.out(formatExplanation(decider.decide(ctx, { explain: true })));
 */
export function formatExplanation(d: Decision): string {
  const variant = 'params' in d && d.params && typeof d.params.variant === 'string' ? d.params.variant : null;
  const head = [
    `Decision: ${d.action}`,
    `  reason:   ${d.reason}`,
    ...('ruleId' in d ? [`  rule:     ${d.ruleId}`] : []),
    ...(variant ? [`  variant:  ${variant}`] : []),
    ...(d.retryAt ? [`  retryAt:  ${d.retryAt}`] : []),
    `  rule set: ${d.ruleSet}`,
    ...(d.experiments ? [`  experiments: ${d.experiments.map((e) => `${e.id} = ${e.arm}`).join(', ')}`] : []),
    '',
  ];
  const trace = d.trace ?? [];
  const body =
    trace.length === 0
      ? ['No rules were checked.']
      : [
          'Rules, highest priority first:',
          ...trace.flatMap((r, i) => {
            const lines = [`${i + 1}. ${r.ruleId}  (priority ${r.priority}, ${r.action})`, `   ${status(r)}`];
            if (r.status === 'not-reached') return lines;
            const root = r.conditions;
            const children = 'all' in root ? root.all : [root];
            return [...lines, ...children.flatMap((c) => conditionLines(c, '     '))];
          }),
        ];
  return [...head, ...body, '', `Why: ${why(d)}`, ''].join('\n');
}
