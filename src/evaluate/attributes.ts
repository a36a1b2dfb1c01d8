/**
 * Custom attributes are typed by the rule set's declaration: one sent with another type is
 * an invalid context, never coerced.
 */
import type { Context } from '../context/parse.js';
import type { AttributeType } from '../rules/catalog.js';
import type { Issue } from '../shared/errors.js';

/**
 * The issues of attributes whose value does not have the declared type, or null.
 *
 * @example
 * attributeIssues(ctx, [['ltv', 'number']]); // [{ code: 'invalid-type', path: ['attributes', 'ltv'], … }]
 */
export function attributeIssues(
  ctx: Context,
  declared: readonly (readonly [string, AttributeType])[],
): Issue[] | null {
  let issues: Issue[] | null = null;
  for (const [name, type] of declared) {
    const v = ctx.attributes[name];
    if (v === undefined) continue;
    const ok =
      type === 'string[]'
        ? Array.isArray(v) && v.every((x) => typeof x === 'string')
        : type === 'number[]'
          ? Array.isArray(v) && v.every((x) => typeof x === 'number')
          : typeof v === type;
    if (ok) continue;
    issues ??= [];
    issues.push({
      code: 'invalid-type',
      path: ['attributes', name],
      message: `attribute "${name}" is declared ${type}`,
    });
  }
  return issues;
}
