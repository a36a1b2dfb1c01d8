/**
 * The experiments a rule set declares, as the report needs them: each experiment's arms in
 * the order written, with their weights (the sample-ratio check) and holdout flags (the
 * lift's baseline). Read from the loaded RuleSet, so the report and the runtime share one
 * definition of the block.
 */
import type { RuleSet } from '../../rules/load.js';

/** One arm as the rule set declares it. */
export interface ArmDeclaration {
  readonly name: string;
  readonly weight: number;
  readonly holdout: boolean;
}

/** Experiment id → its arms in the order written. */
export type ExperimentDeclarations = ReadonlyMap<string, readonly ArmDeclaration[]>;

/**
 * The experiments of a loaded rule set (an empty map without an `experiments` block).
 *
 * @example
 * experimentDeclarations(loadRuleSet(json)).get('primer-copy');
 * // [{ name: 'holdout', weight: 10, holdout: true }, { name: 'benefit', weight: 45, holdout: false }, …]
 */
export function experimentDeclarations(ruleSet: RuleSet): ExperimentDeclarations {
  return new Map(
    ruleSet.experiments.map((e) => [
      e.id,
      e.arms.map((a) => ({ name: a.name, weight: a.weight, holdout: a.holdout })),
    ]),
  );
}
