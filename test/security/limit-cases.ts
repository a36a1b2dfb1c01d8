/**
 * One case per documented limit: a document exactly at the limit (accepted) and one just
 * past it (refused, with the code and path). Shared by test/security/limits.test.ts
 * and scripts/security-limits.ts, which measures the cost of each for docs/security.md.
 */
import { readFileSync } from 'node:fs';
import { LIMITS } from '../../src/index.js';

type Obj = Record<string, unknown>;
const R = LIMITS.ruleSet;
const C = LIMITS.context;

function baseRules(): Obj {
  return JSON.parse(readFileSync('rules/default.json', 'utf8')) as Obj;
}

function baseContext(): Obj {
  return JSON.parse(readFileSync('examples/contexts/ios-after-order.json', 'utf8')) as Obj;
}

const leaf = (i: number): Obj => ({ fact: 'sessionCount', operator: 'greaterThan', value: i });

function ruleSetWithRules(n: number, conditions: (i: number) => Obj = (i) => ({ all: [leaf(i)] })): Obj {
  const rules = Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    priority: 1 + (i % 1000),
    conditions: conditions(i),
    event: { type: 'wait' },
  }));
  // The last rule matches a real context, so deciding walks every rule.
  return { name: 'limits', rules };
}

function nested(depth: number): Obj {
  let c: Obj = { all: [leaf(1)] };
  for (let d = 1; d < depth; d++) c = { all: [c] };
  return c;
}

function paramsOfDepth(depth: number): Obj {
  let p: Obj = { v: 1 };
  for (let d = 1; d < depth; d++) p = { v: p };
  return p;
}

function padded(text: string, length: number): string {
  return text + ' '.repeat(length - text.length);
}

/** A rule-set case: `build(atLimit)` gives the JSON (or text); `overPath` is the refused path. */
export interface RuleSetLimitCase {
  readonly limit: string;
  readonly value: number;
  readonly text?: true;
  build(over: boolean): unknown;
  readonly overPath: readonly (string | number)[];
  /** The refused path starts with `overPath` (where a document-wide budget ran out). */
  readonly pathIsPrefix?: true;
}

export const RULE_SET_CASES: readonly RuleSetLimitCase[] = [
  {
    limit: 'ruleSet.maxFileChars (text)',
    value: R.maxFileChars,
    text: true,
    build: (over) => padded(readFileSync('rules/default.json', 'utf8'), R.maxFileChars + (over ? 1 : 0)),
    overPath: [],
  },
  {
    limit: 'ruleSet.maxFileChars (strings and keys of a parsed rule set)',
    value: R.maxFileChars,
    build: (over) => {
      // 6,000 rules whose descriptions fill the budget exactly (ids, keys and values counted).
      const rs = ruleSetWithRules(6_000);
      const rules = rs.rules as Obj[];
      for (const r of rules) r.description = '';
      let spare = R.maxFileChars - countChars(rs) + (over ? 1 : 0);
      for (const r of rules) {
        const add = Math.min(spare, R.maxStringLength);
        r.description = 'd'.repeat(add);
        spare -= add;
      }
      return rs;
    },
    overPath: ['rules'],
    pathIsPrefix: true,
  },
  {
    limit: 'ruleSet.maxRules',
    value: R.maxRules,
    build: (over) => ruleSetWithRules(R.maxRules + (over ? 1 : 0)),
    overPath: ['rules'],
  },
  {
    limit: 'ruleSet.maxConditionsPerRule',
    value: R.maxConditionsPerRule,
    build: (over) =>
      ruleSetWithRules(1, () => ({
        all: Array.from({ length: R.maxConditionsPerRule + (over ? 1 : 0) }, (_, i) => leaf(i)),
      })),
    overPath: ['rules', 0, 'conditions'],
  },
  {
    limit: 'ruleSet.maxDepth (condition groups)',
    value: R.maxDepth,
    build: (over) => ruleSetWithRules(1, () => nested(R.maxDepth + (over ? 1 : 0))),
    overPath: ['rules', 0, 'conditions', ...Array.from({ length: R.maxDepth }, () => ['all', 0]).flat()],
  },
  {
    limit: 'ruleSet.maxListLength (in / notIn)',
    value: R.maxListLength,
    build: (over) =>
      ruleSetWithRules(1, () => ({
        all: [
          {
            fact: 'trigger',
            operator: 'in',
            value: Array.from({ length: R.maxListLength + (over ? 1 : 0) }, (_, i) => `t${i}`),
          },
        ],
      })),
    overPath: ['rules', 0, 'conditions', 'all', 0, 'value'],
  },
  {
    limit: 'ruleSet.maxStringLength',
    value: R.maxStringLength,
    build: (over) => ({ ...baseRules(), description: 'x'.repeat(R.maxStringLength + (over ? 1 : 0)) }),
    overPath: ['description'],
  },
  {
    limit: 'ruleSet.maxAttributes',
    value: R.maxAttributes,
    build: (over) => ({
      ...baseRules(),
      attributes: Object.fromEntries(
        Array.from({ length: R.maxAttributes + (over ? 1 : 0) }, (_, i) => [`a${i}`, 'string']),
      ),
    }),
    overPath: ['attributes'],
  },
  {
    limit: 'ruleSet.maxParamsDepth',
    value: R.maxParamsDepth,
    build: (over) => {
      const rs = ruleSetWithRules(1);
      ((rs.rules as Obj[])[0] as Obj).event = {
        type: 'wait',
        params: paramsOfDepth(R.maxParamsDepth + (over ? 1 : 0)),
      };
      return rs;
    },
    overPath: ['rules', 0, 'event', 'params'],
  },
  {
    limit: 'ruleSet.maxNodes',
    value: R.maxNodes,
    build: (over) => {
      // 200 rules, each one `in` list of numbers; the lists fill the node budget exactly.
      const rs = ruleSetWithRules(200, (i) => ({
        all: [{ fact: 'sessionCount', operator: 'in', value: [i] }],
      }));
      const lists = (rs.rules as Obj[]).map(
        (r) => (((r.conditions as Obj).all as Obj[])[0] as Obj).value as number[],
      );
      let spare = R.maxNodes - countNodes(rs) + (over ? 1 : 0);
      for (const list of lists) {
        const add = Math.min(spare, R.maxListLength - list.length);
        for (let k = 0; k < add; k++) list.push(1_000_000 + k);
        spare -= add;
      }
      return rs;
    },
    overPath: ['rules'],
    pathIsPrefix: true,
  },
  {
    limit: 'ruleSet.maxExperiments',
    value: R.maxExperiments,
    build: (over) => ({
      ...baseRules(),
      // Each with an audience, so deciding at the limit evaluates and hashes every one.
      experiments: Object.fromEntries(
        Array.from({ length: R.maxExperiments + (over ? 1 : 0) }, (_, i) => [
          `e${i}`,
          {
            audience: { all: [{ fact: 'sessionCount', operator: 'greaterThanInclusive', value: 1 }] },
            arms: { holdout: { weight: 1, holdout: true }, rest: { weight: 99 } },
          },
        ]),
      ),
    }),
    overPath: ['experiments'],
  },
  {
    limit: 'ruleSet.maxArms',
    value: R.maxArms,
    build: (over) => ({
      ...baseRules(),
      experiments: {
        e: {
          arms: Object.fromEntries(
            Array.from({ length: R.maxArms + (over ? 1 : 0) }, (_, i) => [`arm${i}`, { weight: 1 }]),
          ),
        },
      },
    }),
    overPath: ['experiments', 'e', 'arms'],
  },
  {
    limit: 'ruleSet.maxTotalWeight',
    value: R.maxTotalWeight,
    build: (over) => ({
      ...baseRules(),
      experiments: { e: { arms: { a: { weight: R.maxTotalWeight - 1 }, b: { weight: over ? 2 : 1 } } } },
    }),
    overPath: ['experiments', 'e', 'arms'],
  },
];

/** A context case: refused as `invalid-context` with an issue at `overPath`. */
export interface ContextLimitCase {
  readonly limit: string;
  readonly value: number;
  build(over: boolean): Obj;
  readonly overPath: readonly (string | number)[];
  /** The refused path starts with `overPath` (where a document-wide budget ran out). */
  readonly pathIsPrefix?: true;
  readonly overCode: string;
}

const ask = (i: number): Obj => ({
  kind: i % 2 === 0 ? 'system-prompt' : 'settings-link',
  at: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
  outcome: 'dismissed',
});

export const CONTEXT_CASES: readonly ContextLimitCase[] = [
  {
    limit: 'context.maxAsks',
    value: C.maxAsks,
    build: (over) => ({
      ...baseContext(),
      asks: Array.from({ length: C.maxAsks + (over ? 1 : 0) }, (_, i) => ask(i)),
    }),
    overPath: ['asks'],
    overCode: 'limit-exceeded',
  },
  {
    limit: 'context.maxCooldowns',
    value: C.maxCooldowns,
    build: (over) => ({
      ...baseContext(),
      cooldowns: Array.from({ length: C.maxCooldowns + (over ? 1 : 0) }, () => ({
        until: '2020-01-01T00:00:00Z',
      })),
    }),
    overPath: ['cooldowns'],
    overCode: 'limit-exceeded',
  },
  {
    limit: 'context.maxKeyActions',
    value: C.maxKeyActions,
    build: (over) => ({
      ...baseContext(),
      keyActions: Object.fromEntries(
        Array.from({ length: C.maxKeyActions + (over ? 1 : 0) }, (_, i) => [`action_${i}`, { count: i }]),
      ),
    }),
    overPath: ['keyActions'],
    overCode: 'invalid-value',
  },
  {
    limit: 'context.maxAttributes',
    value: C.maxAttributes,
    build: (over) => ({
      ...baseContext(),
      attributes: Object.fromEntries(
        Array.from({ length: C.maxAttributes + (over ? 1 : 0) }, (_, i) => [`a${i}`, i]),
      ),
    }),
    overPath: ['attributes'],
    overCode: 'invalid-value',
  },
  {
    limit: 'context.maxStringLength',
    value: C.maxStringLength,
    build: (over) => ({
      ...baseContext(),
      cooldowns: [{ until: '2020-01-01T00:00:00Z', reason: 'r'.repeat(C.maxStringLength + (over ? 1 : 0)) }],
    }),
    overPath: ['cooldowns', 0, 'reason'],
    overCode: 'limit-exceeded',
  },
  {
    limit: 'context.maxListLength (array attribute)',
    value: C.maxListLength,
    build: (over) => ({
      ...baseContext(),
      attributes: { tags: Array.from({ length: C.maxListLength + (over ? 1 : 0) }, (_, i) => `t${i}`) },
    }),
    overPath: ['attributes', 'tags'],
    // The list is one branch of the attribute-value union, so zod reports the union.
    overCode: 'invalid-value',
  },
  {
    limit: 'context.maxUserIdLength',
    value: C.maxUserIdLength,
    build: (over) => ({ ...baseContext(), userId: 'u'.repeat(C.maxUserIdLength + (over ? 1 : 0)) }),
    overPath: ['userId'],
    overCode: 'limit-exceeded',
  },
  {
    limit: 'context.maxNameLength (trigger)',
    value: C.maxNameLength,
    build: (over) => ({ ...baseContext(), trigger: 't'.repeat(C.maxNameLength + (over ? 1 : 0)) }),
    overPath: ['trigger'],
    overCode: 'limit-exceeded',
  },
  {
    limit: 'context.minApiLevel',
    value: C.minApiLevel,
    build: (over) => ({
      ...baseContext(),
      platform: { os: 'android', apiLevel: C.minApiLevel - (over ? 1 : 0) },
    }),
    overPath: ['platform', 'apiLevel'],
    overCode: 'invalid-value',
  },
  {
    limit: 'context.maxApiLevel',
    value: C.maxApiLevel,
    build: (over) => ({
      ...baseContext(),
      platform: { os: 'android', apiLevel: C.maxApiLevel + (over ? 1 : 0) },
    }),
    overPath: ['platform', 'apiLevel'],
    overCode: 'invalid-value',
  },
  {
    limit: 'context.maxDepth',
    value: C.maxDepth,
    build: (over) => {
      // An unknown field nested to the limit: depth is checked before any schema.
      let v: unknown = 1;
      for (let d = 0; d < C.maxDepth - 1 + (over ? 1 : 0); d++) v = [v];
      return { ...baseContext(), extra: v };
    },
    overPath: ['extra', ...Array.from({ length: C.maxDepth - 1 }, () => 0)],
    overCode: 'limit-exceeded',
  },
  {
    limit: 'context.maxNodes',
    value: C.maxNodes,
    build: (over) => {
      const ctx = baseContext();
      // `extra` is one node, each list one more plus its elements.
      let left = C.maxNodes - countNodes(ctx) - 1 + (over ? 1 : 0);
      const lists: number[][] = [];
      while (left > 0) {
        const k = Math.min(C.maxListLength, left - 1);
        lists.push(Array.from({ length: k }, (_, i) => i));
        left -= k + 1;
      }
      return { ...ctx, extra: lists };
    },
    overPath: ['extra'],
    pathIsPrefix: true,
    overCode: 'limit-exceeded',
  },
  {
    limit: 'context.maxChars',
    value: C.maxChars,
    build: (over) => {
      const ctx = baseContext();
      const spare = C.maxChars - countChars(ctx) - 'extra'.length + (over ? 1 : 0);
      const strings: string[] = [];
      for (let left = spare; left > 0; left -= C.maxStringLength) {
        strings.push('c'.repeat(Math.min(C.maxStringLength, left)));
      }
      return { ...ctx, extra: strings };
    },
    overPath: ['extra'],
    pathIsPrefix: true,
    overCode: 'limit-exceeded',
  },
];

/** JSON values in a document, as json-snapshot counts them. */
export function countNodes(v: unknown): number {
  if (v === null || typeof v !== 'object') return 1;
  let n = 1;
  for (const x of Object.values(v)) n += countNodes(x);
  return n;
}

/** Characters of all strings and keys, as json-snapshot counts them. */
export function countChars(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  for (const [k, x] of Object.entries(v)) n += (Array.isArray(v) ? 0 : k.length) + countChars(x);
  return n;
}
