/**
 * From one experiment's enrollments and the users' latest state to its report: counts per
 * arm, rates with Wilson intervals, lift against the baseline with Newcombe's interval, and
 * the sample-ratio check against the rule set's weights (or equal weights).
 */
import type { ArmDeclaration, ExperimentDeclarations } from './experiments-block.js';
import { chiSquareGoodnessOfFit, newcombeInterval, wilsonInterval } from './stats.js';
import { type Enrollments, isDenied, isOptedIn, type UserTable } from './tables.js';
import type { ArmReport, BaselineKind, ExperimentReport, SampleRatio } from './types.js';

/** p below this is a sample-ratio mismatch (the usual threshold; a mismatch voids the lift). */
export const SRM_ALPHA = 0.001;

interface Counts {
  users: number;
  prompted: number;
  softAccepted: number;
  optedIn: number;
  denied: number;
}

const zero = (): Counts => ({ users: 0, prompted: 0, softAccepted: 0, optedIn: 0, denied: 0 });

/** One experiment's counts per arm name (every arm the log names), and its conflicts. */
export interface ExperimentCounts {
  readonly byArm: ReadonlyMap<string, Counts>;
  readonly conflicts: number;
}

/**
 * Counts every enrollment in one pass: per experiment, per first arm, the users, prompted
 * (a soft-prompt ask at or after enrollment), accepted, opted in and denied.
 *
 * @example
 * countEnrollments(enrollments, users).get('primer-copy')?.byArm.get('holdout')?.users;
 */
export function countEnrollments(enrollments: Enrollments, users: UserTable): Map<string, ExperimentCounts> {
  const byArm = enrollments.arms.map((names) => names.map(zero));
  const conflicts = enrollments.experiments.map(() => 0);
  for (let row = 0; row < users.size; row++) {
    const status = users.status(row);
    const softAt = users.softAt.get(row);
    const acceptedAt = users.acceptedAt.get(row);
    for (let s = users.firstSlot.get(row) - 1; s >= 0; s = enrollments.next.get(s) - 1) {
      const e = enrollments.experiment.get(s);
      const c = byArm[e]![enrollments.arm.get(s)]!;
      const enrolledAt = enrollments.at.get(s);
      c.users++;
      if (softAt >= enrolledAt) c.prompted++;
      if (acceptedAt >= enrolledAt) c.softAccepted++;
      if (isOptedIn(status)) c.optedIn++;
      if (isDenied(status)) c.denied++;
      conflicts[e]! += enrollments.conflict.get(s);
    }
  }
  return new Map(
    enrollments.experiments.map((id, e) => [
      id,
      {
        byArm: new Map(enrollments.arms[e]!.map((name, a) => [name, byArm[e]![a]!])),
        conflicts: conflicts[e]!,
      },
    ]),
  );
}

function baselineOf(
  declared: readonly ArmDeclaration[] | undefined,
  logArms: readonly string[],
): { baseline: string | null; kind: BaselineKind | null } {
  if (declared !== undefined) {
    const holdout = declared.find((a) => a.holdout);
    if (holdout !== undefined) return { baseline: holdout.name, kind: 'holdout' };
    return { baseline: declared[0]?.name ?? null, kind: 'first-arm' };
  }
  const first = [...logArms].sort()[0];
  return first === undefined
    ? { baseline: null, kind: null }
    : { baseline: first, kind: 'first-arm-by-name' };
}

function sampleRatio(
  arms: readonly ArmReport[],
  weights: 'rules' | 'equal',
  notes: string[],
): SampleRatio | null {
  if (arms.length < 2) {
    notes.push('one arm only: no sample-ratio check');
    return null;
  }
  const fit = chiSquareGoodnessOfFit(
    arms.map((a) => a.users),
    arms.map((a) => (weights === 'rules' ? (a.weight ?? 0) : 1)),
  );
  const pValue = fit.pValue ?? 1;
  return { chiSquare: fit.chiSquare, df: fit.df, pValue, mismatch: pValue < SRM_ALPHA, weights };
}

/**
 * The report of one experiment from its counts (undefined when the log never names it).
 * `declared` is the rule set's experiments (null without --rules).
 *
 * @example
 * summarizeExperiment('primer-copy', countEnrollments(enrollments, users).get('primer-copy'), null);
 */
export function summarizeExperiment(
  id: string,
  counted: ExperimentCounts | undefined,
  declared: ExperimentDeclarations | null,
): ExperimentReport {
  const byArm = counted?.byArm ?? new Map<string, Counts>();
  const conflicts = counted?.conflicts ?? 0;
  const logArms = [...byArm.keys()];
  const declaredArms = declared?.get(id);
  const notes: string[] = [];
  if (declared === null) notes.push('no --rules: equal weights assumed for the sample-ratio check');
  else if (declaredArms === undefined) notes.push('not in the rule set: equal weights assumed');
  const known = new Set(declaredArms?.map((a) => a.name));
  const extra = logArms.filter((a) => !known.has(a)).sort();
  if (declaredArms !== undefined && extra.length > 0)
    notes.push(`arm(s) ${extra.join(', ')} not in the rule set: was the log made with another rule set?`);
  if (conflicts > 0)
    notes.push(
      `${conflicts} user(s) seen in more than one arm (a salt or weight change?): each counted in the first`,
    );

  const { baseline, kind } = baselineOf(declaredArms, logArms);
  const base = baseline === null ? undefined : byArm.get(baseline);
  const arms: ArmReport[] = [
    ...(declaredArms ?? []),
    ...extra.map((name) => ({ name, weight: null, holdout: false })),
  ].map((a) => {
    const c = byArm.get(a.name) ?? zero();
    const lift =
      a.name === baseline || base === undefined
        ? null
        : newcombeInterval(c.optedIn, c.users, base.optedIn, base.users);
    return {
      arm: a.name,
      holdout: a.holdout,
      weight: a.weight,
      ...c,
      optInRate: c.users === 0 ? null : c.optedIn / c.users,
      optInCI: wilsonInterval(c.optedIn, c.users),
      lift: lift === null || baseline === null ? null : { baseline, diff: lift.diff, ci: lift.ci },
    };
  });
  const enrolled = arms.reduce((n, a) => n + a.users, 0);
  const srm =
    declaredArms !== undefined && extra.length > 0
      ? null
      : sampleRatio(arms, declaredArms === undefined ? 'equal' : 'rules', notes);
  return { id, users: enrolled, conflicts, baseline, baselineKind: kind, srm, notes, arms };
}
