/**
 * loadRuleSetText: the text limits are checked before JSON.parse, and a syntax error is a
 * RuleSetError (`invalid-json`, with line and column), never a SyntaxError.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRuleSet, loadRuleSetText, RuleSetError } from '../../src/index.js';
import { usePrototypeGuard } from './support.js';

usePrototypeGuard();

function issuesOf(text: unknown) {
  try {
    loadRuleSetText(text as string);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleSetError);
    return (e as RuleSetError).issues;
  }
  throw new Error('expected a RuleSetError');
}

describe('loadRuleSetText', () => {
  it('loads rules/default.json to the same rule set as loadRuleSet', () => {
    const text = readFileSync('rules/default.json', 'utf8');
    expect(loadRuleSetText(text).id).toBe(loadRuleSet(JSON.parse(text)).id);
  });

  it('a syntax error is an invalid-json issue with line and column', () => {
    // A trailing comma: V8 reports "at position 17", shown as line 3, column 1.
    const issues = issuesOf('{\n  "name": "x",\n}');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('invalid-json');
    expect(issues[0]?.path).toEqual([]);
    expect(issues[0]?.message).toMatch(/^not valid JSON: .*position 17 \(line 3, column 1\)$/);
    // Some V8 messages carry no position: still an invalid-json issue.
    expect(issuesOf('{"rules": [,]}').map((i) => i.code)).toEqual(['invalid-json']);
  });

  it('empty text, a non-string, and brackets inside strings', () => {
    expect(issuesOf('')[0]?.code).toBe('invalid-json');
    expect(issuesOf(42)).toEqual([
      { code: 'invalid-type', path: [], message: 'rule-set text must be a string' },
    ]);
    // 100 "[" inside a string are not nesting: the depth pre-scan skips strings.
    const rs = loadRuleSetText(
      JSON.stringify({ name: 'x', description: `${'['.repeat(100)}\\"`, rules: [] }),
    );
    expect(rs.rules).toEqual([]);
  });

  it('valid JSON that is not a rule set goes on to the loader', () => {
    expect(issuesOf('[]')).toEqual([
      { code: 'invalid-type', path: [], message: 'a rule set must be a JSON object' },
    ]);
    expect(issuesOf('{"name":"x","rules":[],"__proto__":{"polluted":true}}')).toEqual([
      { code: 'forbidden-key', path: ['__proto__'], message: '"__proto__" is not allowed as a key' },
    ]);
  });
});
