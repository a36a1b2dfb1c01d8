/**
 * What the linter reports: one warning per thing to change, with its JSON path.
 */

export type LintCode =
  | 'shadowed'
  | 'contradiction'
  | 'never-fires'
  | 'first-session'
  | 'no-moment'
  | 'unknown-variant'
  | 'short-cooldown'
  | 'holdout-prompted'
  | 'unused-experiment';

export interface LintWarning {
  readonly code: LintCode;
  readonly path: readonly (string | number)[];
  /** One line: what is wrong and why it matters. */
  readonly message: string;
  readonly ruleId?: string;
}
