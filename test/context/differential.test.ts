/**
 * Differential test of the context fast path (src/context/fast.ts) against the reference
 * path (snapshot + zod + normalize): whenever the fast path answers, the reference accepts
 * the same input with the same normalized Context (same fields, same order, same
 * prototypes); `safeParseContext` therefore accepts and rejects exactly what the reference
 * does. And the fast path must really be taken for valid contexts (no silent fallback).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseContextFast } from '../../src/context/fast.js';
import { safeParseContext, safeParseContextReference } from '../../src/context/parse.js';
import { contextArb, type JsonObject } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('perf/context-fast');

/** The fast answer, if any, must be the reference's; and safeParseContext must be the reference. */
function agrees(input: unknown): Context | null {
  const fast = parseContextFast(input);
  const ref = safeParseContextReference(input);
  if (fast !== null) {
    expect(ref.success).toBe(true);
    if (ref.success) {
      expect(fast).toStrictEqual(ref.data);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(ref.data));
      for (const k of ['keyActions', 'attributes'] as const) {
        expect(Object.getPrototypeOf(fast[k])).toBe(Object.getPrototypeOf(ref.data[k]));
      }
    }
  }
  expect(safeParseContext(input)).toStrictEqual(ref);
  return fast;
}
type Context = NonNullable<ReturnType<typeof parseContextFast>>;

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
        const key = ['extra', '', 'x'.repeat(101), '__proto__', 'prototype', 'count', 'at'][
          pick % 7
        ] as string;
        return setAt(ctx, [...p, key], value, false);
      }
    }
  });

describe('context fast path', () => {
  it('is taken for every valid generated context, with the reference result', () => {
    fc.assert(
      fc.property(contextArb, (ctx: JsonObject) => {
        expect(safeParseContextReference(ctx).success).toBe(true);
        expect(agrees(ctx)).not.toBeNull();
        // From JSON text too, as a server gets it.
        expect(agrees(JSON.parse(JSON.stringify(ctx)))).not.toBeNull();
      }),
      runOptions(seed, 1000),
    );
  });

  it('agrees with the reference on mutated contexts (one junk value, deleted key or odd object)', () => {
    fc.assert(
      fc.property(mutated, (input) => {
        agrees(input);
      }),
      runOptions(seed, 6000),
    );
  });

  it('agrees on long ask lists with duplicates (the map-based dedupe past 16 asks)', () => {
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
      fc.property(contextArb, fc.array(ask, { minLength: 17, maxLength: 60, size: 'max' }), (ctx, asks) => {
        expect(agrees({ ...ctx, asks })).not.toBeNull();
      }),
      runOptions(seed, 1000),
    );
  });

  it('agrees with the reference on anything', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        agrees(input);
      }),
      runOptions(seed, 1000),
    );
  });

  it('is taken for the sample and bench contexts', () => {
    const files = [
      ...readdirSync('examples/contexts').map((f) => `examples/contexts/${f}`),
      'bench/fixtures/typical-context.json',
    ];
    for (const file of files) {
      expect(agrees(JSON.parse(readFileSync(file, 'utf8'))), file).not.toBeNull();
    }
  });

  it('leaves the limits to the reference path', () => {
    const base = JSON.parse(readFileSync('bench/fixtures/typical-context.json', 'utf8'));
    const ask = { kind: 'soft-prompt', at: '2026-11-12T20:15:00+01:00', outcome: 'declined' };
    const cases: unknown[] = [
      { ...base, asks: Array.from({ length: 10_001 }, () => ask) },
      { ...base, cooldowns: Array.from({ length: 101 }, () => ({ until: '2026-11-12T20:15:00Z' })) },
      { ...base, attributes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, i])) },
      {
        ...base,
        attributes: Object.fromEntries(
          Array.from({ length: 100 }, (_, i) => [`a${i}`, Array.from({ length: 1000 }, () => 'x')]),
        ),
      },
      {
        ...base,
        keyActions: Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, { count: 1 }])),
      },
    ];
    for (const c of cases) {
      expect(agrees(c)).toBeNull();
      expect(safeParseContext(c).success).toBe(false);
    }
  });
});
