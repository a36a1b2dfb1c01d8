/**
 * DESIGN.md section 6, invariant 7: `decide` never throws, whatever it is given: any
 * value (`fc.anything()` with boxed values, null-prototype objects, typed arrays…),
 * valid contexts with junk at a random place, cycles, throwing getters, Proxies whose
 * traps throw (and throw odd things). A bad context is a `wait` with reason
 * `invalid-context` and a non-empty `issues` list (fail closed).
 *
 * Hostile objects are built inside the property from plain descriptions, so fast-check
 * can print and shrink the counterexample without tripping over them.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Context,
  createDecider,
  type Decision,
  loadRuleSet,
  RuleSetError,
  safeParseContext,
} from '../../src/index.js';
import { ACTIONS, REASONS } from '../../src/rules/catalog.js';
import { contextArb, ruleSetArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/never-throws');
const RUNS = 1000;

// The rule set matters little here (only how far a valid context gets), so a pool of
// generated ones, compiled once, keeps the file fast.
const deciderArb = fc.constantFrom(
  ...fc.sample(ruleSetArb, { seed, numRuns: 30 }).map((rs) => createDecider(rs)),
  createDecider(JSON.parse(readFileSync('rules/default.json', 'utf8'))),
);

const anythingArb = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

function expectWellFormed(d: Decision): void {
  expect(ACTIONS).toContain(d.action);
  expect(REASONS).toContain(d.reason);
  expect(typeof d.ruleSet).toBe('string');
  expect(d.retryAt === null || typeof d.retryAt === 'string').toBe(true);
  if (d.reason === 'invalid-context') {
    expect(d.action).toBe('wait');
    expect(d.issues.length).toBeGreaterThan(0);
    for (const i of d.issues) {
      expect(Array.isArray(i.path)).toBe(true);
      expect(typeof i.message).toBe('string');
    }
  } else {
    expect(d).not.toHaveProperty('issues');
  }
}

function expectInvalid(d: Decision): void {
  expectWellFormed(d);
  expect(d.reason).toBe('invalid-context');
}

/** Every object node of a JSON value, the root first. */
function objectNodes(v: unknown, out: object[] = []): object[] {
  if (typeof v === 'object' && v !== null) {
    out.push(v);
    for (const x of Object.values(v)) objectNodes(x, out);
  }
  return out;
}

/** What a hostile trap or getter throws. */
type Thrown = 'error' | 'string' | 'null-proto' | 'symbol' | 'undefined' | 'evil-proxy' | 'bad-tostring';
const thrownArb = fc.constantFrom<Thrown>(
  'error',
  'string',
  'null-proto',
  'symbol',
  'undefined',
  'evil-proxy',
  'bad-tostring',
);

/** A Proxy on which every operation throws (even `instanceof` and `String()`). */
function evilProxy(): object {
  const boom = (): never => {
    throw new Error('evil');
  };
  return new Proxy(
    {},
    {
      get: boom,
      getPrototypeOf: boom,
      ownKeys: boom,
      getOwnPropertyDescriptor: boom,
      has: boom,
      set: boom,
      apply: boom,
      defineProperty: boom,
      deleteProperty: boom,
      isExtensible: boom,
      preventExtensions: boom,
      setPrototypeOf: boom,
    },
  );
}

function thrownValue(t: Thrown): unknown {
  switch (t) {
    case 'error':
      return new Error('boom');
    case 'string':
      return 'boom';
    case 'null-proto':
      return Object.create(null);
    case 'symbol':
      return Symbol('boom');
    case 'undefined':
      return undefined;
    case 'evil-proxy':
      return evilProxy();
    case 'bad-tostring':
      return {
        toString() {
          throw new Error('no string');
        },
      };
  }
}

const TRAPS = ['get', 'getPrototypeOf', 'ownKeys', 'getOwnPropertyDescriptor', 'has'] as const;

/** A plain description of one hostile change to a valid context. */
const sabotageArb = fc.oneof(
  fc.record({
    kind: fc.constant('cycle' as const),
    node: fc.nat(),
    key: fc.constantFrom('self', 'platform', 'loop'),
  }),
  fc.record({
    kind: fc.constant('getter' as const),
    node: fc.nat(),
    key: fc.constantFrom('now', 'os', 'count', 'kind', 'extra'),
    enumerable: fc.boolean(),
    thrown: thrownArb,
  }),
  fc.record({
    kind: fc.constant('proxy' as const),
    node: fc.nat(),
    traps: fc.subarray([...TRAPS], { minLength: 1 }),
    thrown: thrownArb,
  }),
);

describe('invariant 7: decide never throws', () => {
  it('anything at all: wait / invalid-context with issues', () => {
    fc.assert(
      fc.property(deciderArb, anythingArb, fc.boolean(), (decider, junk, explain) => {
        expectInvalid(decider.decideUnknown(junk, { explain }));
        // The pre-parsed path is typed, but a JS caller can still hand it anything.
        expectWellFormed(decider.decideParsed(junk as Context, { explain }));
      }),
      runOptions(seed, RUNS),
    );
  });

  it('a valid context with junk at a random place: a well-formed decision', () => {
    let invalid = 0;
    fc.assert(
      fc.property(
        deciderArb,
        contextArb,
        fc.nat(),
        fc.constantFrom('now', 'os', 'permission', 'count', 'asks', 'at', 'until', 'tier', 'extra'),
        anythingArb,
        (decider, generated, node, key, junk) => {
          const context = structuredClone(generated);
          const nodes = objectNodes(context);
          const target = nodes[node % nodes.length] as Record<string, unknown>;
          target[key] = junk;
          const d = decider.decideUnknown(context, { explain: true });
          expectWellFormed(d);
          if (d.reason === 'invalid-context') invalid++;
        },
      ),
      runOptions(seed, RUNS),
    );
    expect(invalid).toBeGreaterThan(RUNS / 4);
  });

  it('cycles, throwing getters and throwing Proxy traps: no throw; invalid where read', () => {
    const seen = { cycle: 0, getter: 0, proxy: 0 };
    fc.assert(
      fc.property(deciderArb, contextArb, sabotageArb, (decider, generated, s) => {
        // A copy, so fast-check can still print the generated value if the property fails.
        const context = structuredClone(generated);
        const nodes = objectNodes(context);
        const index = s.node % nodes.length;
        const target = nodes[index] as Record<string, unknown>;
        let input: unknown = context;
        let mustBeInvalid = false;
        const isArray = Array.isArray(target);
        if (s.kind === 'cycle') {
          const ref = index % 2 === 0 ? context : target;
          // Arrays are read by index only (as JSON.stringify does): the cycle goes in an element.
          if (isArray) (target as unknown as unknown[]).push(ref);
          else target[s.key] = ref;
          mustBeInvalid = true;
        } else if (s.kind === 'getter') {
          Object.defineProperty(target, s.key, {
            get: () => {
              throw thrownValue(s.thrown);
            },
            enumerable: s.enumerable,
            configurable: true,
          });
          // Accessors are never run; an enumerable one on an object is reported (arrays
          // are read by index only, so a named property on one is ignored, as in JSON).
          mustBeInvalid = s.enumerable && !isArray;
        } else {
          const handler: ProxyHandler<object> = {};
          for (const trap of s.traps) {
            handler[trap] = () => {
              throw thrownValue(s.thrown);
            };
          }
          const proxied = new Proxy(target, handler);
          if (index === 0) input = proxied;
          else {
            const parent = nodes.find((n) => Object.values(n).includes(target)) as Record<string, unknown>;
            const key = Object.keys(parent).find((k) => parent[k] === target) as string;
            parent[key] = proxied;
          }
          // Copying an object needs its prototype, keys and descriptors.
          mustBeInvalid = !isArray && s.traps.some((t) => t === 'ownKeys' || t === 'getPrototypeOf');
        }
        seen[s.kind]++;
        for (const explain of [false, true]) {
          const d = decider.decideUnknown(input, { explain });
          if (mustBeInvalid) expectInvalid(d);
          else expectWellFormed(d);
        }
        // The non-throwing parser keeps its word too (not only decide's last-resort catch).
        const parsed = safeParseContext(input);
        if (mustBeInvalid) expect(parsed.success).toBe(false);
      }),
      runOptions(seed, RUNS),
    );
    for (const k of ['cycle', 'getter', 'proxy'] as const) expect(seen[k]).toBeGreaterThan(100);
  });

  it('hostile options do not make it throw either', () => {
    fc.assert(
      fc.property(contextArb, thrownArb, (context, thrown) => {
        const decider = createDecider({ name: 'x', rules: [] });
        const options = new Proxy(
          {},
          {
            get: () => {
              throw thrownValue(thrown);
            },
          },
        );
        expectWellFormed(decider.decideUnknown(context, options));
        expectWellFormed(decider.decideUnknown(context, evilProxy()));
      }),
      runOptions(seed, RUNS),
    );
  });
});

describe('regressions found by invariant 7', () => {
  // A Proxy trap that throws a null-prototype object: reporting it called String() on
  // the thrown value, which threw a TypeError out of safeParseContext and loadRuleSet
  // (decide only survived through its own last-resort catch).
  const hostile = () =>
    new Proxy(
      {},
      {
        ownKeys: () => {
          throw Object.create(null);
        },
      },
    );

  it('safeParseContext reports the unreadable input instead of throwing', () => {
    const r = safeParseContext(hostile());
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]).toMatchObject({ code: 'invalid-type', path: [] });
  });

  it('loadRuleSet throws a RuleSetError, never another error type', () => {
    expect(() => loadRuleSet(hostile())).toThrow(RuleSetError);
  });

  it('decide gives invalid-context with the snapshot issue', () => {
    const d = createDecider({ name: 'x', rules: [] }).decideUnknown(hostile());
    expect(d).toMatchObject({ action: 'wait', reason: 'invalid-context' });
    expect(d.reason === 'invalid-context' && d.issues[0]?.message).toMatch(/^input could not be read/);
  });
});
