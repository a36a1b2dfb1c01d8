/**
 * Hostile sizes: 10,000-deep nesting, million-element lists, 50 MB strings. Each is
 * refused with a `limit-exceeded` issue at the offending path (never a RangeError), well
 * under a second, without copying the input. json-rules-engine overflows the stack at
 * 2,000 nested conditions and deep-clones a 1,000,000-element `in` list on every run.
 */
import { describe, expect, it } from 'vitest';
import { type Issue, LIMITS, loadRuleSetText } from '../../src/index.js';
import {
  defaultDecider,
  defaultRules,
  guarded,
  invalidIssues,
  loadIssues,
  promptingContext,
  timed,
  usePrototypeGuard,
  useTimingReport,
} from './support.js';

usePrototypeGuard();
useTimingReport('hostile-sizes');

type Obj = Record<string, unknown>;
const DEEP = 10_000;
const MILLION = 1_000_000;
const BIG = 'x'.repeat(50 * 1024 * 1024);
/** Generous: the measured times are a few milliseconds (printed by the timing report). */
const BOUND_MS = 1_000;
/** Heap growth allowed while refusing: the hostile input must not be copied. */
const HEAP_BOUND = 32 * 1024 * 1024;

const leaf = { fact: 'sessionCount', operator: 'equal', value: 1 };

function ruleWith(conditions: unknown, event: unknown = { type: 'wait' }): Obj {
  return { ...defaultRules(), rules: [{ id: 'hostile', conditions, event }] };
}

function deepGroups(key: 'all' | 'any' | 'not', depth: number): Obj {
  let c: Obj = leaf;
  for (let i = 0; i < depth; i++) c = key === 'not' ? { not: c } : { [key]: [c] };
  return c;
}

function deepObject(depth: number): Obj {
  let c: Obj = { v: 1 };
  for (let i = 0; i < depth; i++) c = { a: c };
  return c;
}

/** Refuses inside the time and heap bounds; returns the issues. */
function refuseRuleSet(label: string, input: unknown): readonly Issue[] {
  return guarded([input], () => {
    const heap = process.memoryUsage().heapUsed;
    const { result, ms } = timed(label, () => loadIssues(input));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(HEAP_BOUND);
    return result;
  });
}

function refuseContext(label: string, input: unknown): readonly { code: string; path: readonly unknown[] }[] {
  const decider = defaultDecider();
  return guarded([input], () => {
    const heap = process.memoryUsage().heapUsed;
    const { result, ms } = timed(label, () => decider.decideUnknown(input));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(HEAP_BOUND);
    return invalidIssues(result);
  });
}

const jsonDepth = LIMITS.ruleSet.maxJsonDepth;
const ctxDepth = LIMITS.context.maxDepth;

describe('nesting 10,000 deep', () => {
  it.each(['all', 'any', 'not'] as const)(
    'rule conditions (%s): limit-exceeded at the cut-off path',
    (key) => {
      const issues = refuseRuleSet(`rule conditions ${key} x ${DEEP}`, ruleWith(deepGroups(key, DEEP)));
      expect(issues).toHaveLength(1);
      const step = key === 'not' ? ['not'] : [key, 0];
      // The copy stops at JSON depth maxJsonDepth; `conditions` itself sits at depth 3.
      const below = Array.from({ length: jsonDepth }, () => step)
        .flat()
        .slice(0, jsonDepth - 3);
      expect(issues[0]).toEqual({
        code: 'limit-exceeded',
        path: ['rules', 0, 'conditions', ...below],
        message: `nested deeper than ${jsonDepth} levels`,
      });
    },
  );

  it('event.params: limit-exceeded', () => {
    const issues = refuseRuleSet(
      `event.params x ${DEEP}`,
      ruleWith({ all: [] }, { type: 'wait', params: deepObject(DEEP) }),
    );
    expect(issues.map((i) => i.code)).toEqual(['limit-exceeded']);
    expect(issues[0]?.path.slice(0, 5)).toEqual(['rules', 0, 'event', 'params', 'a']);
  });

  it('rule-set text (10,000 and 1,000,000 deep): refused before JSON.parse', () => {
    for (const depth of [DEEP, MILLION]) {
      const text = `{"name":"x","rules":[${'['.repeat(depth)}${']'.repeat(depth)}]}`;
      const { result, ms } = timed(`rule-set text ${depth} deep`, () => {
        try {
          loadRuleSetText(text);
        } catch (e) {
          return e as { issues: Issue[] };
        }
        return undefined;
      });
      expect(ms).toBeLessThan(BOUND_MS);
      expect(result?.issues).toEqual([
        {
          code: 'limit-exceeded',
          path: [],
          message: `nested deeper than ${jsonDepth} levels (at line 1, column ${22 + jsonDepth - 2})`,
        },
      ]);
    }
  });

  it('context (object and JSON.parse): invalid-context, limit-exceeded', () => {
    const asObject = { ...promptingContext(), attributes: deepObject(DEEP) };
    const parsed = JSON.parse(`{"attributes":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`) as unknown;
    for (const [label, input] of [
      ['context object', asObject],
      ['context from JSON.parse', parsed],
    ] as const) {
      const issues = refuseContext(`${label} ${DEEP} deep`, input);
      expect(issues).toEqual([
        {
          code: 'limit-exceeded',
          path: ['attributes', ...Array.from({ length: ctxDepth - 1 }, () => 'a')],
          message: `nested deeper than ${ctxDepth} levels`,
        },
      ]);
    }
  });
});

describe('1,000,000-element lists', () => {
  const million = Array.from({ length: MILLION }, (_, i) => `t${i}`);

  it("a rule's `in` list: limit-exceeded at its value", () => {
    const issues = refuseRuleSet(
      'rule `in` list of 1,000,000',
      ruleWith({ all: [{ fact: 'trigger', operator: 'in', value: million }] }),
    );
    expect(issues).toEqual([
      {
        code: 'limit-exceeded',
        path: ['rules', 0, 'conditions', 'all', 0, 'value'],
        message: `list longer than ${LIMITS.ruleSet.maxListLength} items (${MILLION})`,
      },
    ]);
  });

  it('a million rules', () => {
    const rules = Array.from({ length: MILLION }, () => null);
    const issues = refuseRuleSet('1,000,000 rules', { name: 'x', rules });
    expect(issues).toEqual([
      { code: 'limit-exceeded', path: ['rules'], message: `list longer than 10000 items (${MILLION})` },
    ]);
  });

  it('a million asks, attributes list and key actions: invalid-context', () => {
    const asks = Array.from({ length: MILLION }, () => ({
      kind: 'soft-prompt',
      at: '2026-01-01T00:00:00Z',
      outcome: 'declined',
    }));
    expect(refuseContext('1,000,000 asks', { ...promptingContext(), asks })).toEqual([
      {
        code: 'limit-exceeded',
        path: ['asks'],
        message: `list longer than ${LIMITS.context.maxAsks} items (${MILLION})`,
      },
    ]);
    expect(
      refuseContext('attribute list of 1,000,000', { ...promptingContext(), attributes: { tags: million } }),
    ).toEqual([
      {
        code: 'limit-exceeded',
        path: ['attributes', 'tags'],
        message: `list longer than ${LIMITS.context.maxAsks} items (${MILLION})`,
      },
    ]);
    const keyActions = Object.fromEntries(million.slice(0, 200_000).map((k) => [k, { count: 1 }]));
    expect(refuseContext('200,000 key actions', { ...promptingContext(), keyActions })).toEqual([
      {
        code: 'limit-exceeded',
        path: ['keyActions'],
        message: `object with more than ${LIMITS.context.maxAsks} keys (200000)`,
      },
    ]);
  });
});

describe('50 MB strings', () => {
  const tooLong = (path: (string | number)[]) => ({
    code: 'limit-exceeded',
    path,
    message: `string longer than 1000 characters (${BIG.length})`,
  });

  it('in a rule set (fact, value, path, description): refused at the path', () => {
    const cases: [string, unknown, (string | number)[]][] = [
      ['fact', ruleWith({ all: [{ ...leaf, fact: BIG }] }), ['rules', 0, 'conditions', 'all', 0, 'fact']],
      [
        'value',
        ruleWith({ all: [{ fact: 'trigger', operator: 'equal', value: BIG }] }),
        ['rules', 0, 'conditions', 'all', 0, 'value'],
      ],
      ['description', { ...defaultRules(), description: BIG }, ['description']],
    ];
    for (const [label, input, path] of cases) {
      expect(refuseRuleSet(`50 MB rule ${label}`, input)).toEqual([tooLong(path)]);
    }
    expect(refuseRuleSet('50 MB key in a rule set', { ...defaultRules(), [BIG]: 1 })).toEqual([
      { code: 'limit-exceeded', path: [], message: `a key longer than 1000 characters (${BIG.length})` },
    ]);
  });

  it('as rule-set text: refused by its length, before parsing', () => {
    const { result, ms } = timed('50 MB rule-set text', () => {
      try {
        loadRuleSetText(`"${BIG}"`);
      } catch (e) {
        return e as { issues: Issue[] };
      }
      return undefined;
    });
    expect(ms).toBeLessThan(BOUND_MS);
    expect(result?.issues).toEqual([
      {
        code: 'limit-exceeded',
        path: [],
        message: `rule-set text longer than ${LIMITS.ruleSet.maxFileChars} characters (${BIG.length + 2})`,
      },
    ]);
  });

  it('in a context (trigger, now, attribute, key): invalid-context at the path', () => {
    expect(refuseContext('50 MB trigger', { ...promptingContext(), trigger: BIG })).toEqual([
      tooLong(['trigger']),
    ]);
    expect(refuseContext('50 MB now', { ...promptingContext(), now: BIG })).toEqual([tooLong(['now'])]);
    expect(refuseContext('50 MB attribute', { ...promptingContext(), attributes: { a: BIG } })).toEqual([
      tooLong(['attributes', 'a']),
    ]);
    expect(refuseContext('50 MB key', { ...promptingContext(), attributes: { [BIG]: 1 } })).toEqual([
      {
        code: 'limit-exceeded',
        path: ['attributes'],
        message: `a key longer than 1000 characters (${BIG.length})`,
      },
    ]);
  });
});
