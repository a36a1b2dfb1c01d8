/**
 * zod issues mapped to this library's issues: a stable code and a message a person can
 * act on (zod/mini ships no locale, and loading one is a global side effect we avoid).
 */
import type { core } from 'zod/mini';
import type { Issue, IssueCode } from '../shared/errors.js';

type ZodIssue = core.$ZodIssue;

/** Converts zod issues, prefixing their paths; an unknown-keys issue becomes one per key. */
export function fromZodIssues(
  issues: readonly ZodIssue[],
  prefix: readonly (string | number)[] = [],
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ code: 'unknown-key', path: [...path, key], message: `unknown key "${key}"` });
    } else {
      out.push({ code: codeOf(issue), path, message: messageOf(issue) });
    }
  }
  return out;
}

function codeOf(issue: ZodIssue): IssueCode {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'missing' : 'invalid-type';
    case 'invalid_value':
      return issue.input === undefined ? 'missing' : 'invalid-value';
    case 'unrecognized_keys':
      return 'unknown-key';
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string' ? 'limit-exceeded' : 'invalid-value';
    default:
      return 'invalid-value';
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 40 ? `a string` : JSON.stringify(v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function messageOf(issue: ZodIssue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required (${issue.expected})`
        : `expected ${issue.expected}, got ${describe(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined)
        return `required: one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(issue.input)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : ''}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : ''}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return 'discriminator' in issue && typeof issue.discriminator === 'string'
        ? `"${issue.discriminator}" must be one of ${optionsOf(issue)}`
        : 'matches none of the allowed shapes';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      return `invalid ${issue.format}`;
    default:
      return 'invalid value';
  }
}

function optionsOf(issue: object): string {
  const options = (issue as { options?: unknown }).options;
  return Array.isArray(options) ? options.map((o) => JSON.stringify(o)).join(', ') : 'the allowed values';
}
