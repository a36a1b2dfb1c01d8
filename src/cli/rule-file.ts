/**
 * Reading a rule file for the CLI: JSON syntax errors and loader issues, each placed at
 * its line and column in the file.
 */

import { loadRuleSet, type RuleSet } from '../rules/load.js';
import type { Issue } from '../shared/errors.js';
import { formatPath, RuleSetError } from '../shared/errors.js';
import { type Io, readFailure } from './io.js';
import { type JsonPath, type PositionMap, scanJson } from './json-position.js';

/** An issue or warning placed in a file. */
export interface Located {
  readonly file: string;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

interface RuleFile {
  readonly file: string;
  readonly ruleSet: RuleSet | null;
  readonly errors: readonly Located[];
  readonly positions: PositionMap | null;
  readonly duplicateKeys: readonly JsonPath[];
}

/** Codes whose path names a key rather than a value: point at the key. */
const KEY_CODES = new Set(['unknown-key', 'forbidden-key', 'duplicate-key']);

/**
 * Places an issue (or lint warning) in a file.
 *
 * @example
 * locate('rules/x.json', positions, issue, 'error'); // { line: 12, column: 20, path: '$.rules[0]…', … }
 */
export function locate(
  file: string,
  positions: PositionMap | null,
  issue: { code: string; path: readonly (string | number)[]; message: string },
  severity: 'error' | 'warning',
): Located {
  const pos = positions?.at(issue.path, { key: KEY_CODES.has(issue.code) }) ?? { line: 1, column: 1 };
  return {
    file,
    severity,
    code: issue.code,
    path: formatPath(issue.path),
    line: pos.line,
    column: pos.column,
    message: issue.message,
  };
}

/**
 * Reads, scans and loads a rule file; never throws for bad input.
 *
 * @example
 * const f = readRuleFile('rules/default.json', io);
 * f.errors.length === 0 && f.ruleSet !== null; // true
 */
export function readRuleFile(file: string, io: Io): RuleFile {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    const error = { code: 'unreadable', path: [], message: readFailure(e) };
    return {
      file,
      ruleSet: null,
      errors: [locate(file, null, error, 'error')],
      positions: null,
      duplicateKeys: [],
    };
  }
  const scanned = scanJson(text);
  if (!scanned.ok) {
    const { line, column } = scanned.error.position;
    const error: Located = {
      file,
      severity: 'error',
      code: 'invalid-json',
      path: '$',
      line,
      column,
      message: `not valid JSON: ${scanned.error.message}`,
    };
    return { file, ruleSet: null, errors: [error], positions: null, duplicateKeys: [] };
  }
  const { positions, duplicateKeys } = scanned;
  try {
    const ruleSet = loadRuleSet(JSON.parse(text));
    return { file, ruleSet, errors: [], positions, duplicateKeys };
  } catch (e) {
    const issues: readonly Issue[] =
      e instanceof RuleSetError ? e.issues : [{ code: 'invalid-json', path: [], message: String(e) }];
    const errors = issues.map((i) => locate(file, positions, i, 'error'));
    return { file, ruleSet: null, errors, positions, duplicateKeys };
  }
}

/**
 * Whether a path names the generated JSON Schema that sits beside the rule files, so
 * `push-prompt validate rules/*.json` checks the rule sets and skips the schema.
 *
 * @example
 * isSchemaFile('rules/rule-set.schema.json'); // true
 */
export function isSchemaFile(file: string): boolean {
  return file.endsWith('.schema.json');
}

/**
 * `file:line:column  severity  $.path  message  [code]`, the format editors and CI
 * annotations understand.
 *
 * @example
 * formatLocated(l); // 'rules/x.json:12:20  error  $.rules[0].conditions.all[0].fact  unknown fact … [unknown-fact]'
 */
export function formatLocated(l: Located): string {
  return `${l.file}:${l.line}:${l.column}  ${l.severity}  ${l.path}  ${l.message}  [${l.code}]`;
}
