/**
 * The rule-set linter: what a careful reviewer would raise about a rule set that loads
 * fine. Pure functions over a loaded rule set; each warning has the JSON path of the
 * thing to change and one line on why. Guardrails are part of the reasoning: a
 * higher-priority rule only shadows a lower one when its win stops the lower one (a
 * `wait` rule, or a rule of the same kind, which the same guardrails hold back).
 */
import type { LeafCondition } from '../../rules/conditions.js';
import type { Rule, RuleSet } from '../../rules/load.js';
import type { Json } from '../../shared/json-snapshot.js';
import {
  type Constraint,
  conjunctiveLeaves,
  constraintOf,
  factKey,
  leafImplies,
  type PlacedLeaf,
  positiveLeaves,
  satisfiable,
} from './constraints.js';
import { experimentChecks } from './experiments.js';
import type { LintWarning } from './warning.js';

export type { LintCode, LintWarning } from './warning.js';

/** Facts that name the moment: a soft prompt without one asks out of context. */
const MOMENT_FACTS = new Set(['trigger', 'keyActions', 'totalKeyActions']);

const rulePath = (r: Rule) => ['rules', r.index] as const;

/** Rules in decision order: priority, then file order. */
function ordered(rs: RuleSet): Rule[] {
  return [...rs.rules].sort((a, b) => b.priority - a.priority || a.index - b.index);
}

/**
 * Lints a loaded rule set.
 *
 * @example
 * lintRuleSet(loadRuleSet(json)).map((w) => `${w.code}: ${w.message}`);
 */
export function lintRuleSet(rs: RuleSet): LintWarning[] {
  const out: LintWarning[] = [];
  const rules = ordered(rs);
  rules.forEach((rule, i) => {
    const { leaves } = conjunctiveLeaves(rule.conditions, [...rulePath(rule), 'conditions']);
    const never = contradictions(rule, leaves);
    out.push(...never, ...variantCheck(rs, rule));
    // A rule that never fires gets no advice on when it fires.
    if (never.length > 0) return;
    const shadow = shadowedBy(rule, rules.slice(0, i));
    if (shadow) {
      out.push({
        code: 'shadowed',
        path: [...rulePath(rule), 'id'],
        ruleId: rule.id,
        message: `never fires: "${shadow.id}" (priority ${shadow.priority}) matches whenever this rule does and ${
          shadow.event.type === 'wait' ? 'its wait decides first' : 'the same guardrails hold both back'
        }`,
      });
    }
    if (rule.event.type === 'show-soft-prompt')
      out.push(...softPromptChecks(rule, leaves, rules.slice(0, i)));
  });
  out.push(...cooldownChecks(rs), ...experimentChecks(rs));
  return out.sort((a, b) => comparePaths(a.path, b.path));
}

/** File order: element by element, numbers as numbers. */
function comparePaths(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function contradictions(rule: Rule, leaves: readonly PlacedLeaf[]): LintWarning[] {
  const out: LintWarning[] = [];
  const groups = new Map<string, { leaf: PlacedLeaf; c: Constraint }[]>();
  for (const p of leaves) {
    const c = constraintOf(p.leaf);
    if (c === null) continue;
    const k = factKey(p.leaf);
    groups.set(k, [...(groups.get(k) ?? []), { leaf: p, c }]);
  }
  for (const [k, g] of groups) {
    const first = g[0] as { leaf: PlacedLeaf };
    if (
      g.length > 1 &&
      !satisfiable(
        first.leaf.leaf,
        g.map((x) => x.c),
      )
    ) {
      const last = g[g.length - 1] as { leaf: PlacedLeaf };
      out.push({
        code: 'contradiction',
        path: last.leaf.path,
        ruleId: rule.id,
        message: `never fires: the conditions on ${k} (${g.map((x) => describe(x.leaf.leaf)).join(' and ')}) cannot all hold`,
      });
    }
  }
  const sp = groups.get('systemPromptAvailable');
  const needs = (want: boolean) =>
    sp?.[0] !== undefined && !satisfiable(sp[0].leaf.leaf, [...sp.map((x) => x.c), only(want)]);
  const type = rule.event.type;
  if (out.length === 0 && type === 'show-settings-link' && needs(false)) {
    out.push({
      code: 'never-fires',
      path: placeOf(groups, 'systemPromptAvailable'),
      ruleId: rule.id,
      message:
        'never fires: a settings link is only offered when the system prompt can no longer be shown, and this rule requires systemPromptAvailable true',
    });
  }
  if (out.length === 0 && type === 'show-soft-prompt' && needs(true)) {
    out.push({
      code: 'never-fires',
      path: placeOf(groups, 'systemPromptAvailable'),
      ruleId: rule.id,
      message:
        'never fires: the soft prompt leads into the system prompt, so it is held back (permission-blocked) whenever systemPromptAvailable is false, which this rule requires',
    });
  }
  return out;
}

const only = (v: Json): Constraint => ({ kind: 'in', values: [v], absent: false });

function placeOf(groups: Map<string, { leaf: PlacedLeaf }[]>, key: string): readonly (string | number)[] {
  return groups.get(key)?.[0]?.leaf.path ?? [];
}

function describe(leaf: LeafCondition): string {
  return `${leaf.operator} ${JSON.stringify(leaf.value)}`;
}

/** The first earlier rule whose win stops `rule` and whose conditions `rule` implies. */
function shadowedBy(rule: Rule, earlier: readonly Rule[]): Rule | undefined {
  const mine = conjunctiveLeaves(rule.conditions, []).leaves.map((p) => p.leaf);
  return earlier.find((h) => {
    if (h.event.type !== 'wait' && h.event.type !== rule.event.type) return false;
    const theirs = conjunctiveLeaves(h.conditions, []);
    return theirs.exact && theirs.leaves.every((t) => mine.some((m) => leafImplies(m, t.leaf)));
  });
}

function softPromptChecks(
  rule: Rule,
  leaves: readonly PlacedLeaf[],
  earlier: readonly Rule[],
): LintWarning[] {
  const out: LintWarning[] = [];
  const conditions = [...rulePath(rule), 'conditions'];
  const session = leaves.filter((p) => p.leaf.fact === 'sessionCount');
  const cs = session.map((p) => constraintOf(p.leaf)).filter((c): c is Constraint => c !== null);
  const allowsFirst = session.length === 0 || satisfiable((session[0] as PlacedLeaf).leaf, [...cs, only(1)]);
  // `params.userInitiated: true` marks a rule that answers an explicit request ("notify
  // me" clicked): value first is about not interrupting, and here the user asked.
  const userInitiated = rule.event.params?.userInitiated === true;
  if (allowsFirst && !userInitiated && !earlier.some(waitsInFirstSession)) {
    out.push({
      code: 'first-session',
      path: conditions,
      ruleId: rule.id,
      message:
        'can ask in the first session: add sessionCount greaterThanInclusive 2, or a higher-priority wait rule for sessionCount lessThan 2 (value first: delaying to session 2-3 lifts opt-in)',
    });
  }
  if (!positiveLeaves(rule.conditions).some((l) => MOMENT_FACTS.has(l.fact))) {
    out.push({
      code: 'no-moment',
      path: conditions,
      ruleId: rule.id,
      message:
        'asks out of context: no trigger or keyActions condition ties this soft prompt to something the user just did',
    });
  }
  return out;
}

/** A wait rule that holds for every first-session context (it only looks at sessionCount, and accepts 1). */
function waitsInFirstSession(r: Rule): boolean {
  if (r.event.type !== 'wait') return false;
  const { leaves, exact } = conjunctiveLeaves(r.conditions, []);
  return (
    exact &&
    leaves.length > 0 &&
    leaves.every((p) => {
      if (p.leaf.fact !== 'sessionCount') return false;
      const c = constraintOf(p.leaf);
      return c !== null && satisfiable(p.leaf, [c, only(1)]);
    })
  );
}

function variantCheck(rs: RuleSet, rule: Rule): LintWarning[] {
  const variant = rule.event.params?.variant;
  if (rs.variants === null || typeof variant !== 'string' || rs.variants.includes(variant)) return [];
  return [
    {
      code: 'unknown-variant',
      path: [...rulePath(rule), 'event', 'params', 'variant'],
      ruleId: rule.id,
      message: `variant "${variant}" is not in the rule set's "variants": the app will have no copy for it`,
    },
  ];
}

function cooldownChecks(rs: RuleSet): LintWarning[] {
  const out: LintWarning[] = [];
  for (const kind of ['softPrompt', 'settingsLink'] as const) {
    rs.policy[kind].cooldownDays.forEach((d, i) => {
      if (d < 1) {
        out.push({
          code: 'short-cooldown',
          path: ['policy', kind, 'cooldownDays', i],
          message: `a cooldown of ${d} days is shorter than a day: a "Not now" should be respected for at least a day`,
        });
      }
    });
  }
  return out;
}
