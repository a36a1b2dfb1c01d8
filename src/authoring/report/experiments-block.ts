/**
 * The `experiments` block of a rule set (DESIGN.md section 9), read by the report for the
 * arms' weights (the sample-ratio check) and holdout flags (the lift's baseline).
 *
 * Interim: the runtime loader does not know `experiments` yet, so the report reads the
 * block from the rule file's raw JSON with this small schema and ignores the rest of the
 * file. Once the runtime loads experiments, the report should take them from the loaded
 * RuleSet instead, and this file goes.
 */
import * as z from 'zod';

const ArmSchema = z.object({
  weight: z
    .number({ error: 'must be a positive integer' })
    .int({ error: 'must be a positive integer' })
    .positive({ error: 'must be a positive integer' }),
  holdout: z.boolean({ error: 'must be true or false' }).optional(),
});

const ExperimentSchema = z.object({
  description: z.string().optional(),
  salt: z.string().optional(),
  audience: z.unknown().optional(),
  arms: z
    .record(z.string(), ArmSchema)
    .refine((arms) => Object.keys(arms).length > 0, { message: 'an experiment needs at least one arm' }),
});

/** `{ experiments?: { [id]: { description?, salt?, audience?, arms: { [arm]: { weight, holdout? } } } } }` */
export const ExperimentsBlockSchema = z.object({
  experiments: z.record(z.string(), ExperimentSchema).optional(),
});

/** One arm as the rule set declares it. */
export interface ArmDeclaration {
  readonly name: string;
  readonly weight: number;
  readonly holdout: boolean;
}

/** Experiment id → its arms in the order written. */
export type ExperimentDeclarations = ReadonlyMap<string, readonly ArmDeclaration[]>;

/**
 * Reads the experiments of a parsed rule-set JSON: the arms in the order written, or the
 * first issue and its JSON path. A rule set without an `experiments` block gives an
 * empty map.
 *
 * @example
 * readExperimentDeclarations({ experiments: { copy: { arms: { holdout: { weight: 10, holdout: true }, benefit: { weight: 90 } } } } });
 * // { ok: true, experiments: Map { 'copy' => [{ name: 'holdout', weight: 10, holdout: true }, { name: 'benefit', weight: 90, holdout: false }] } }
 * readExperimentDeclarations({ experiments: { copy: { arms: { a: { weight: 0 } } } } });
 * // { ok: false, path: ['experiments', 'copy', 'arms', 'a', 'weight'], message: 'must be a positive integer' }
 */
export function readExperimentDeclarations(
  json: unknown,
):
  | { ok: true; experiments: ExperimentDeclarations }
  | { ok: false; path: (string | number)[]; message: string } {
  const r = ExperimentsBlockSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? p : String(p)));
    return { ok: false, path, message: issue?.message ?? 'invalid' };
  }
  const experiments = new Map<string, ArmDeclaration[]>();
  for (const [id, e] of Object.entries(r.data.experiments ?? {})) {
    experiments.set(
      id,
      Object.entries(e.arms).map(([name, a]) => ({ name, weight: a.weight, holdout: a.holdout === true })),
    );
  }
  return { ok: true, experiments };
}
