/**
 * Lint for the `experiments` block (DESIGN.md section 9): an experiment whose rules cannot
 * tell its arms apart, and a holdout arm named as a reason to prompt.
 */
import type { ConditionNode, LeafCondition } from '../../rules/conditions.js';
import type { RuleSet } from '../../rules/load.js';
import type { LintWarning } from './warning.js';

type Path = readonly (string | number)[];

/** Every leaf of a tree with its JSON path, and whether it sits under a `not`. */
function placedLeaves(
  node: ConditionNode,
  path: Path,
  negated = false,
  out: { leaf: LeafCondition; path: Path; negated: boolean }[] = [],
): { leaf: LeafCondition; path: Path; negated: boolean }[] {
  if (node.kind === 'leaf') out.push({ leaf: node, path, negated });
  else if (node.kind === 'not') placedLeaves(node.child, [...path, 'not'], !negated, out);
  else node.children.forEach((c, i) => void placedLeaves(c, [...path, node.kind, i], negated, out));
  return out;
}

/** The arm names a leaf requires (`equal` / `in` on the experiment fact), else none. */
function armsRequired(leaf: LeafCondition): readonly string[] {
  if (leaf.fact !== 'experiment') return [];
  if (leaf.operator === 'equal') return [leaf.value as string];
  if (leaf.operator === 'in') return leaf.value as string[];
  return [];
}

/**
 * Warnings on the rule set's experiments:
 * - `holdout-prompted`: a prompting rule's condition requires a holdout arm (`equal` it, or
 *   `in` a list holding it), not under a `not`: holdout users are never prompted, so the
 *   condition never leads to a prompt (for a list, its holdout part never does).
 * - `unused-experiment`: no rule reads an experiment that has no holdout arm, so its arms
 *   get the same decisions (exposure is still logged, which is the point of a pure holdout
 *   experiment, so one with a holdout arm is not warned about).
 *
 * @example
 * experimentChecks(loadRuleSet(json)).map((w) => w.code); // ['unused-experiment']
 */
export function experimentChecks(rs: RuleSet): LintWarning[] {
  if (rs.experiments.length === 0) return [];
  const out: LintWarning[] = [];
  const holdouts = new Map(
    rs.experiments.map((e) => [e.id, new Set(e.arms.filter((a) => a.holdout).map((a) => a.name))]),
  );
  const read = new Set<string>();
  for (const rule of rs.rules) {
    for (const p of placedLeaves(rule.conditions, ['rules', rule.index, 'conditions'])) {
      if (p.leaf.fact !== 'experiment') continue;
      const id = p.leaf.segments[0] as string;
      read.add(id);
      if (rule.event.type === 'wait' || p.negated) continue;
      const held = armsRequired(p.leaf).filter((arm) => holdouts.get(id)?.has(arm));
      if (held.length === 0) continue;
      out.push({
        code: 'holdout-prompted',
        path: p.path,
        ruleId: rule.id,
        message: `names the holdout arm "${held[0]}" of "${id}" as a reason to ${
          rule.event.type === 'show-soft-prompt' ? 'show the soft prompt' : 'show a settings link'
        }: holdout users are never prompted (reason holdout), so this never leads to a prompt`,
      });
    }
  }
  for (const e of rs.experiments) {
    if (read.has(e.id) || (holdouts.get(e.id)?.size ?? 0) > 0) continue;
    out.push({
      code: 'unused-experiment',
      path: ['experiments', e.id],
      message: `no rule reads experiment "${e.id}": its arms get the same decisions (exposure is still logged); read it with the experiment fact ($.${e.id}) or add a holdout arm`,
    });
  }
  return out;
}
