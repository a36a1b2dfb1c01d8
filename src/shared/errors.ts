/**
 * One error class per failure domain, each carrying zod-shaped issues with a stable code.
 */

/** Stable issue codes shared by rule-set and context validation. */
export type IssueCode =
  | 'invalid-type'
  | 'invalid-value'
  | 'unknown-key'
  | 'forbidden-key'
  | 'unknown-fact'
  | 'unknown-operator'
  | 'operator-not-allowed'
  | 'invalid-path'
  | 'undeclared-attribute'
  | 'duplicate-id'
  | 'empty-any'
  | 'limit-exceeded'
  | 'missing'
  | 'invalid-json';

/** One problem found in a rule set or a context, with the JSON path of the offending value. */
export interface Issue {
  readonly code: IssueCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Thrown by {@link loadRuleSet} (and {@link createDecider}) when a rule set is invalid.
 * `issues` lists every problem at once.
 *
 * @example
 * try { loadRuleSet({ name: 'x', rules: 'nope' }); }
 * catch (e) { if (e instanceof RuleSetError) e.issues[0].path; } // ['rules']
 */
export class RuleSetError extends Error {
  override readonly name = 'RuleSetError';
  readonly code = 'invalid-rule-set';
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], options?: { cause?: unknown }) {
    super(formatIssues('Invalid rule set', issues), options);
    this.issues = issues;
  }
}

/**
 * Thrown by {@link parseContext} when a context is invalid. `decide` never throws it: it
 * returns a `wait` decision with reason `invalid-context` and the same issues.
 *
 * @example
 * try { parseContext({}); }
 * catch (e) { if (e instanceof ContextError) respond(400, e.issues); }
 */
export class ContextError extends Error {
  override readonly name = 'ContextError';
  readonly code = 'invalid-context';
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], options?: { cause?: unknown }) {
    super(formatIssues('Invalid context', issues), options);
    this.issues = issues;
  }
}

/** `$.a.b[0]` rendering of an issue path, for messages. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `.${seg}`;
  return out;
}

function formatIssues(title: string, issues: readonly Issue[]): string {
  const shown = issues.slice(0, 10).map((i) => `  ${formatPath(i.path)}: ${i.message}`);
  const more = issues.length > 10 ? [`  … and ${issues.length - 10} more`] : [];
  return [`${title} (${issues.length} issue${issues.length === 1 ? '' : 's'}):`, ...shown, ...more].join(
    '\n',
  );
}
