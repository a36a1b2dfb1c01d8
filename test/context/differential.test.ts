/**
 * Differential test of the runtime's context validator (src/context/validate.ts) against
 * the authoring wing's reference (snapshot copy + zod ContextSchema + normalize, in
 * src/authoring/context-schema.ts): on valid, mutated and arbitrary input both accept and
 * reject exactly the same documents; when they accept, the Context is the same (same
 * fields, same order, same prototypes); when they reject, the issues have the same paths
 * and codes, in the same order (zod's repeat of one (path, code) pair folded).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParseContextReference } from '../../src/authoring/index.js';
import { type Context, safeParseContext } from '../../src/index.js';
import { CONTEXT_CASES } from '../security/limit-cases.js';
import { contextArb, type JsonObject } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('context/differential');

/** Prototypes of every object in a Context, in a fixed walk order. */
function prototypes(c: Context): unknown[] {
  const out: unknown[] = [Object.getPrototypeOf(c)];
  for (const k of ['platform', 'sessions', 'keyActions', 'attributes', 'asks', 'cooldowns'] as const) {
    out.push(Object.getPrototypeOf(c[k]));
  }
  for (const v of [
    ...Object.values(c.keyActions),
    ...c.asks,
    ...c.cooldowns,
    ...Object.values(c.attributes),
  ]) {
    if (typeof v === 'object') out.push(Object.getPrototypeOf(v));
  }
  return out;
}

/** Both validators give the same answer; returns the validator's Context when accepted. */
function agrees(input: unknown): Context | null {
  const ours = safeParseContext(input);
  const ref = safeParseContextReference(input);
  expect(ours.success, JSON.stringify(ref.success ? 'accepted' : ref.issues.slice(0, 3))).toBe(ref.success);
  if (ours.success && ref.success) {
    expect(ours.data).toStrictEqual(ref.data);
    expect(JSON.stringify(ours.data)).toBe(JSON.stringify(ref.data));
    expect(Object.keys(ours.data.platform)).toEqual(Object.keys(ref.data.platform));
    expect(prototypes(ours.data)).toEqual(prototypes(ref.data));
    return ours.data;
  }
  if (!ours.success && !ref.success) {
    // zod reports an integer past 2^53 twice (safe range, then the field's bound): the
    // validator once. Equal lists once such repeats are folded.
    const pairs = (issues: readonly { path: readonly unknown[]; code: string }[]) =>
      issues.map((i) => `${JSON.stringify(i.path)} ${i.code}`).filter((p, i, all) => p !== all[i - 1]);
    expect(pairs(ours.issues)).toEqual(pairs(ref.issues));
    for (const i of ours.issues) expect(i.message).toMatch(/^[^\n]+$/);
  }
  return null;
}

/** Values that break one rule or another of the schema or the snapshot. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e21,
    2 ** 53,
    0.5,
    -1,
    0,
    1,
    1000,
    1001,
    '',
    'x'.repeat(101),
    'x'.repeat(201),
    'x'.repeat(1001),
    '2024-02-30T10:00:00Z',
    '2026-03-01T09:30:00',
    '2026-03-01T09:30:00.123456+05:45',
    '2026-03-01t09:30:00z',
    '17.2.1',
    '17.x',
    'ios',
    'web',
    'denied',
    'soft-prompt',
    'dismissed',
    'all',
    true,
    [],
    {},
    ['a'],
    [1, 'a'],
    [1, 2],
    [-0],
    { count: 1 },
    { kind: 'soft-prompt', at: '2026-03-01T09:30:00Z', outcome: 'declined' },
    { until: '2026-03-01T09:30:00Z' },
    { length: 101 },
    { length: {} },
    'x'.repeat(10_001).split(''),
    '😀'.repeat(100),
    '😀'.repeat(101),
    'default',
  ),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: -5, max: 2000 }),
  fc.double(),
  fc.anything({ maxDepth: 2 }),
);

/** Odd objects: accessors, class instances, null prototypes, holes, forbidden keys. */
function oddify(v: unknown, how: number): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    if (how === 0 && v.length > 0) {
      const holey = [...v];
      delete holey[0];
      return holey;
    }
    if (how === 1 && v.length > 0) {
      const a = [...v];
      Object.defineProperty(a, 0, { get: () => v[0], enumerable: true });
      return a;
    }
    return how === 2 ? Object.assign(Object.create(null), { 0: v[0] }) : v;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  switch (how) {
    case 0:
      return Object.assign(Object.create(null), o);
    case 1: {
      const copy = { ...o };
      const k = keys[0];
      if (k !== undefined) Object.defineProperty(copy, k, { get: () => o[k], enumerable: true });
      return copy;
    }
    case 2:
      return Object.assign(new (class Ctx {})(), o);
    case 3:
      return JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(o).slice(1)}`.replace(', }', '}'));
    case 4:
      return { ...o, constructor: 'x' };
    default:
      return { ...o, unknownKey: 1 };
  }
}

/** Replaces the value at one path of a JSON-like tree (copying along the path). */
function setAt(root: unknown, path: readonly (string | number)[], value: unknown, del: boolean): unknown {
  if (path.length === 0) return value;
  if (typeof root !== 'object' || root === null) return root;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(root) ? [...root] : { ...root }) as Record<string | number, unknown>;
  if (rest.length === 0 && del) delete copy[head];
  else copy[head] = setAt((root as Record<string | number, unknown>)[head], rest, value, del);
  return copy;
}

/** Every path of a JSON tree. */
function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (typeof v === 'object' && v !== null) {
    for (const [k, c] of Object.entries(v)) pathsOf(c, [...prefix, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

const NUMBER_EDGES = [-0, Number.NaN, Number.NEGATIVE_INFINITY, 0.5, 2 ** 53, 1e21, -1, 0, 1, 1000, 1001];
const STRING_EDGES = [
  '',
  'x',
  'x'.repeat(100),
  'x'.repeat(101),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(1000),
  'x'.repeat(1001),
  '2024-02-29T23:59:59.999Z',
  '2023-02-29T10:00:00Z',
  '2026-03-01T24:00:00Z',
  '2026-03-01T09:30:00+24:00',
  '2026-03-01 09:30:00Z',
  '16.4',
  '16.10.1.2.3',
  'ipados',
  'safari',
  'provisional',
  'ephemeral',
  'settings-link',
  'system-prompt',
  'opened',
  'ignored',
  'soft-prompt',
  'accepted',
  'default',
  '😀'.repeat(100),
  '😀'.repeat(101),
  `${'x'.repeat(99)}😀`,
  `${'x'.repeat(100)}\ud800`,
];

const mutated: fc.Arbitrary<unknown> = fc
  .tuple(contextArb, fc.nat(), junk, fc.nat({ max: 7 }), fc.nat({ max: 5 }), fc.nat())
  .map(([ctx, at, value, how, mode, pick]) => {
    const paths = pathsOf(ctx);
    const valueAt = (p: (string | number)[]) =>
      p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], ctx);
    const ofType = (t: string) => paths.filter((p) => typeof valueAt(p) === t && p.length > 0);
    const path = paths[at % paths.length] as (string | number)[];
    switch (mode) {
      case 0:
        return setAt(ctx, path, value, false);
      case 1:
        return setAt(ctx, path, undefined, true);
      case 2:
        return setAt(ctx, path, oddify(valueAt(path), how), false);
      case 3: {
        const nums = ofType('number');
        const p = nums[at % Math.max(nums.length, 1)];
        return p ? setAt(ctx, p, NUMBER_EDGES[pick % NUMBER_EDGES.length], false) : ctx;
      }
      case 4: {
        const strs = ofType('string');
        const p = strs[at % Math.max(strs.length, 1)];
        return p ? setAt(ctx, p, STRING_EDGES[pick % STRING_EDGES.length], false) : ctx;
      }
      default: {
        const objs = paths.filter((p) => {
          const v = valueAt(p);
          return typeof v === 'object' && v !== null && !Array.isArray(v);
        });
        const p = objs[at % objs.length] as (string | number)[];
        const keys = ['extra', '', 'x'.repeat(101), '__proto__', 'prototype', 'count', 'at', 'length'];
        const key = [...keys, '😀'.repeat(60), 'x'.repeat(1001)][pick % 10] as string;
        return setAt(ctx, [...p, key], value, false);
      }
    }
  });

describe('context validator vs the zod reference', () => {
  it('accepts every valid generated context with the reference result', () => {
    fc.assert(
      fc.property(contextArb, (ctx: JsonObject) => {
        expect(agrees(ctx)).not.toBeNull();
        // From JSON text too, as a server gets it.
        expect(agrees(JSON.parse(JSON.stringify(ctx)))).not.toBeNull();
      }),
      runOptions(seed, 1000),
    );
  });

  it('agrees on mutated contexts (one junk value, deleted key or odd object)', () => {
    fc.assert(
      fc.property(mutated, (input) => {
        agrees(input);
      }),
      runOptions(seed, 6000),
    );
  });

  it('agrees on long ask lists with duplicates', () => {
    const pairs = [
      ['soft-prompt', 'accepted'],
      ['soft-prompt', 'declined'],
      ['soft-prompt', 'dismissed'],
      ['system-prompt', 'denied'],
      ['system-prompt', 'dismissed'],
      ['system-prompt', 'ignored'],
      ['settings-link', 'opened'],
      ['settings-link', 'dismissed'],
    ] as const;
    const ask = fc
      .tuple(
        fc.constantFrom(...pairs),
        fc.constantFrom(
          '2026-03-01T09:30:00Z',
          '2026-03-01T10:30:00+01:00',
          '2026-03-01T09:30:00.000Z',
          '2026-02-01T09:30:00Z',
          '2027-01-01T00:00:00Z',
        ),
      )
      .map(([[kind, outcome], at]) => ({ kind, at, outcome }));
    fc.assert(
      fc.property(contextArb, fc.array(ask, { minLength: 2, maxLength: 60 }), (ctx, asks) => {
        expect(agrees({ ...ctx, asks })).not.toBeNull();
      }),
      runOptions(seed, 1000),
    );
  });

  it('agrees on anything', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        agrees(input);
      }),
      runOptions(seed, 1000),
    );
  });

  it('accepts the sample and bench contexts', () => {
    const files = [
      ...readdirSync('examples/contexts').map((f) => `examples/contexts/${f}`),
      'bench/fixtures/typical-context.json',
    ];
    for (const file of files) {
      expect(agrees(JSON.parse(readFileSync(file, 'utf8'))), file).not.toBeNull();
    }
  });

  // Where zod has rules of its own: a record's size is checked only when no entry has a
  // type error, a list past its length is reported alone, lengths count code points.
  const base = {
    now: '2026-03-01T12:00:00Z',
    platform: { os: 'web' },
    permission: 'default',
    sessions: { count: 1 },
  };
  const many = <T>(n: number, entry: (i: number) => T): Record<string, T> =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, entry(i)]));
  it.each([
    ['key actions past the limit, one count negative', { keyActions: many(1001, (i) => ({ count: i - 1 })) }],
    [
      'key actions past the limit, one count a string',
      { keyActions: many(1001, (i) => ({ count: i || 'x' })) },
    ],
    [
      'key actions past the limit, one bad lastAt',
      { keyActions: { ...many(1000, () => ({ count: 1 })), x: { count: 1, lastAt: 'x' } } },
    ],
    [
      'key actions past the limit, one bad name',
      { keyActions: { ...many(1000, () => ({ count: 1 })), '': { count: 1 } } },
    ],
    ['attributes past the limit, one null', { attributes: { ...many(100, (i) => i), x: null } }],
    [
      'attributes past the limit, one bad name',
      { attributes: { ...many(100, (i) => i), ['x'.repeat(101)]: 1 } },
    ],
    ['an attribute list of 1,001 strings', { attributes: { tags: Array.from({ length: 1001 }, () => 'x') } }],
    [
      '101 cooldowns, all bad',
      { cooldowns: Array.from({ length: 101 }, () => ({ until: 'x', scope: 'q' })) },
    ],
    ['a list as trigger', { trigger: [] }],
    ['an object with a length as trigger', { trigger: { length: {} } }],
    ['a long string as cooldowns', { cooldowns: 'x'.repeat(101) }],
    ['100 emoji as trigger', { trigger: '😀'.repeat(100) }],
    ['101 emoji as a key action name', { keyActions: { ['😀'.repeat(101)]: { count: 1 } } }],
    ['an unsafe integer as apiLevel', { platform: { os: 'android', apiLevel: 2 ** 53 } }],
    ['an ask of unknown kind with a bad time', { asks: [{ at: 'x', kind: 'email' }] }],
  ])('agrees on %s', (_, fields) => {
    agrees({ ...base, ...fields });
  });

  it.each(CONTEXT_CASES.map((c) => [c.limit, c] as const))('agrees at and one past %s', (_, c) => {
    expect(agrees(c.build(false))).not.toBeNull();
    expect(agrees(c.build(true))).toBeNull();
  });
});
