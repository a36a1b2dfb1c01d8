/**
 * The report's machine shape (`push-prompt report --json`), DESIGN.md section 11.
 */
import type { BadLine } from '../logs/jsonl.js';
import type { Interval } from './stats.js';

/** One arm of one experiment. Rates and intervals are null when the arm has no users. */
export interface ArmReport {
  readonly arm: string;
  /** `holdout: true` in the rule set. */
  readonly holdout: boolean;
  /** The weight in the rule set; null without one (or for an arm the rule set lacks). */
  readonly weight: number | null;
  /** Distinct users enrolled, counted in the first arm they were seen in. */
  readonly users: number;
  /** Users with at least one soft-prompt ask at or after their enrollment. */
  readonly prompted: number;
  /** Users with at least one accepted soft-prompt ask at or after their enrollment. */
  readonly softAccepted: number;
  /** Users whose last known permission is granted, provisional or ephemeral. */
  readonly optedIn: number;
  /** Users whose last known permission is denied. */
  readonly denied: number;
  /** optedIn / users. */
  readonly optInRate: number | null;
  /** 95% Wilson score interval of optInRate. */
  readonly optInCI: Interval | null;
  /**
   * optInRate minus the baseline arm's, with Newcombe's 95% hybrid score interval; null
   * for the baseline itself and when either arm has no users.
   */
  readonly lift: { readonly baseline: string; readonly diff: number; readonly ci: Interval } | null;
}

/** Why an arm is the baseline of the lift. */
export type BaselineKind =
  /** The arm with `holdout: true` in the rule set. */
  | 'holdout'
  /** No holdout arm: the first arm written in the rule set. */
  | 'first-arm'
  /** The experiment is not in a rule set: the alphabetically first arm in the log. */
  | 'first-arm-by-name';

/** The sample-ratio-mismatch check: users per arm against the arms' weights. */
export interface SampleRatio {
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  /** pValue < 0.001: the split is not what the weights say; distrust the lift. */
  readonly mismatch: boolean;
  /** Where the expected split came from. */
  readonly weights: 'rules' | 'equal';
}

export interface ExperimentReport {
  readonly id: string;
  /** Distinct enrolled users over all arms. */
  readonly users: number;
  /** Users seen in more than one arm (after a salt or weight change): each counted in their first. */
  readonly conflicts: number;
  readonly baseline: string | null;
  readonly baselineKind: BaselineKind | null;
  /** null when there is nothing to test (one arm) or the weights are unknown (an arm the rule set lacks). */
  readonly srm: SampleRatio | null;
  /** What a reader must know to trust these numbers (assumed weights, unknown arms, conflicts). */
  readonly notes: readonly string[];
  /** The rule set's arms in the order written, then arms only the log has, by name. */
  readonly arms: readonly ArmReport[];
}

export interface Report {
  readonly input: {
    /** Lines read as log records. */
    readonly records: number;
    /** Lines skipped as not JSON or not a log record (blank lines are neither). */
    readonly skipped: number;
    /** The first few skipped lines, with file, line number and reason. */
    readonly skippedLines: readonly BadLine[];
    /** Distinct user ids in the log, enrolled or not. */
    readonly users: number;
  };
  /** `rules`: weights and holdouts from --rules; `equal`: no rule set given. */
  readonly weights: 'rules' | 'equal';
  /** The rule set's experiments in the order written, then experiments only the log has, by id. */
  readonly experiments: readonly ExperimentReport[];
}
