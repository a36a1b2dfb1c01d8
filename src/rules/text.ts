/**
 * Rule sets from JSON text (a file, an HTTP body): the size and nesting limits are checked
 * on the text before `JSON.parse` runs, so a hostile 50 MB or million-deep file costs a
 * length check or one linear scan, and a syntax error is a `RuleSetError` like any other.
 */
import { type Issue, RuleSetError } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import { describeThrown } from '../shared/read.js';
import { loadRuleSet, type RuleSet } from './load.js';

const R = LIMITS.ruleSet;

/**
 * Parses and loads a rule set from JSON text. Throws {@link RuleSetError}: `limit-exceeded`
 * for a text over `LIMITS.ruleSet.maxFileChars` characters or nested deeper than
 * `LIMITS.ruleSet.maxJsonDepth`, `invalid-json` for a syntax error, and every issue
 * {@link loadRuleSet} finds otherwise.
 *
 * @example
 * const rs = loadRuleSetText(fs.readFileSync('rules/default.json', 'utf8'));
 * rs.id; // 'default@3f9c2a1b'
 */
export function loadRuleSetText(text: string): RuleSet {
  if (typeof text !== 'string') {
    throw new RuleSetError([{ code: 'invalid-type', path: [], message: 'rule-set text must be a string' }]);
  }
  if (text.length > R.maxFileChars) {
    throw new RuleSetError([
      {
        code: 'limit-exceeded',
        path: [],
        message: `rule-set text longer than ${R.maxFileChars} characters (${text.length})`,
      },
    ]);
  }
  const deep = firstTooDeep(text, R.maxJsonDepth);
  if (deep !== -1) {
    throw new RuleSetError([
      {
        code: 'limit-exceeded',
        path: [],
        message: `nested deeper than ${R.maxJsonDepth} levels (at ${lineColumn(text, deep)})`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RuleSetError([syntaxIssue(text, error)], { cause: error });
  }
  return loadRuleSet(json);
}

/**
 * The offset of the first bracket that opens level `max + 1`, or -1. One pass, brackets
 * inside strings ignored; cheaper than letting `JSON.parse` build a million-deep tree.
 */
function firstTooDeep(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return -1;
}

function syntaxIssue(text: string, error: unknown): Issue {
  const message = describeThrown(error);
  const at = /position (\d+)/.exec(message);
  const where = at?.[1] === undefined ? '' : ` (${lineColumn(text, Number(at[1]))})`;
  return { code: 'invalid-json', path: [], message: `not valid JSON: ${message}${where}` };
}

/** `line L, column C` (both from 1) of a character offset. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, column ${offset - start + 1}`;
}
