/**
 * From one experiment's enrollments and the users' latest state to its report: counts per
 * arm, rates with Wilson intervals, lift against the baseline with Newcombe's interval, and
 * the sample-ratio check against the rule set's weights (or equal weights).
 */
import type { ArmDeclaration, ExperimentDeclarations } from './experiments-block.js';
import { chiSquareGoodnessOfFit, newcombeInterval, wilsonInterval } from './stats.js';
import { type EnrollmentTable, isDenied, isOptedIn, type UserTable } from './tables.js';
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

/** Counts per arm name, and the number of users seen in more than one arm. */
function count(table: EnrollmentTable, users: UserTable): { byArm: Map<string, Counts>; conflicts: number } {
  const byArm = new Map<string, Counts>(table.arms.map((a) => [a, zero()]));
  let conflicts = 0;
  for (let s = 0; s < table.size; s++) {
    const c = byArm.get(table.arms[table.arm[s]!]!)!;
    const row = table.user[s]!;
    const enrolledAt = table.at[s]!;
    const status = users.status(row);
    c.users++;
    if (users.softAt[row]! >= enrolledAt) c.prompted++;
    if (users.acceptedAt[row]! >= enrolledAt) c.softAccepted++;
    if (isOptedIn(status)) c.optedIn++;
    if (isDenied(status)) c.denied++;
    conflicts += table.conflict[s]!;
  }
  return { byArm, conflicts };
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
 * The report of one experiment. `declared` is the rule set's experiments (null without
 * --rules).
 *
 * @example
 * summarizeExperiment('primer-copy', table, users, null).arms.map((a) => a.optInRate);
 */
export function summarizeExperiment(
  id: string,
  table: EnrollmentTable,
  users: UserTable,
  declared: ExperimentDeclarations | null,
): ExperimentReport {
  const { byArm, conflicts } = count(table, users);
  const declaredArms = declared?.get(id);
  const notes: string[] = [];
  if (declared === null) notes.push('no --rules: equal weights assumed for the sample-ratio check');
  else if (declaredArms === undefined) notes.push('not in the rule set: equal weights assumed');
  const known = new Set(declaredArms?.map((a) => a.name));
  const extra = table.arms.filter((a) => !known.has(a)).sort();
  if (declaredArms !== undefined && extra.length > 0)
    notes.push(`arm(s) ${extra.join(', ')} not in the rule set: was the log made with another rule set?`);
  if (conflicts > 0)
    notes.push(
      `${conflicts} user(s) seen in more than one arm (a salt or weight change?): each counted in the first`,
    );

  const { baseline, kind } = baselineOf(declaredArms, table.arms);
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
