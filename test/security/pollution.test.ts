/**
 * A polluted runtime: the test writes properties onto `Object.prototype` (restoring it in
 * `finally`) and decides again. json-rules-engine reads inherited properties of the
 * context; ours must give exactly the clean decision.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/authoring/index.js';
import {
  defaultDecider,
  exampleContexts,
  guarded,
  timed,
  usePrototypeGuard,
  useTimingReport,
} from './support.js';

usePrototypeGuard();
useTimingReport('pollution');

/** Every field name of the context document, the normalized context and the facts. */
const FIELD_NAMES = [
  'now',
  'userId',
  'platform',
  'os',
  'osVersion',
  'hostOs',
  'apiLevel',
  'targetSdk',
  'browser',
  'installedToHomeScreen',
  'permission',
  'canAskAgain',
  'sessions',
  'count',
  'firstSeenAt',
  'currentStartedAt',
  'keyActions',
  'lastAt',
  'hoursSinceLast',
  'trigger',
  'asks',
  'kind',
  'at',
  'outcome',
  'cooldowns',
  'until',
  'scope',
  'reason',
  'attributes',
  'offsetMinutes',
  // keys a rule or the default rule set names
  'order_placed',
  'follow_topic',
  'save_item',
  'onboarding_complete',
  'article_read',
  'params',
  'variant',
  'issues',
  'trace',
  ...FACTS.map((f) => f.name),
];

/** Values chosen to flip a decision if they were ever read. */
const HOSTILE_VALUES: unknown[] = [
  true,
  false,
  0,
  1,
  99,
  'checkout_started',
  'granted',
  '1.0',
  [],
  {},
  [{ kind: 'soft-prompt', at: '2026-11-23T18:44:00+01:00', outcome: 'declined' }],
  [{ until: '2099-01-01T00:00:00Z' }],
];

function withPollution<T>(name: string, value: unknown, enumerable: boolean, act: () => T): T {
  const had = Object.getOwnPropertyDescriptor(Object.prototype, name);
  try {
    Object.defineProperty(Object.prototype, name, { value, enumerable, configurable: true, writable: true });
    return act();
  } finally {
    delete (Object.prototype as Record<string, unknown>)[name];
    if (had !== undefined) Object.defineProperty(Object.prototype, name, had);
  }
}

describe('Object.prototype polluted during decide', () => {
  it('gives exactly the clean decision for every context field and fact name', () => {
    const decider = defaultDecider();
    const contexts = exampleContexts();
    const clean = contexts.map(([, c]) => decider.decideUnknown(c));
    let runs = 0;
    const { ms } = timed(
      `${FIELD_NAMES.length} names x ${HOSTILE_VALUES.length} values x 2 x 13 contexts`,
      () =>
        guarded(
          contexts.map(([, c]) => c),
          () => {
            for (const name of FIELD_NAMES) {
              for (const value of HOSTILE_VALUES) {
                for (const enumerable of [false, true]) {
                  const got = withPollution(name, value, enumerable, () =>
                    contexts.map(([, c]) => decider.decideUnknown(c)),
                  );
                  runs += got.length;
                  expect(got, `Object.prototype.${name} = ${JSON.stringify(value)}`).toEqual(clean);
                }
              }
            }
          },
        ),
    );
    expect(runs).toBe(FIELD_NAMES.length * HOSTILE_VALUES.length * 2 * contexts.length);
    expect(ms).toBeGreaterThan(0);
  });

  it('explained decisions are unchanged too', () => {
    const decider = defaultDecider();
    const contexts = exampleContexts();
    const clean = contexts.map(([, c]) => decider.decideUnknown(c, { explain: true }));
    for (const name of ['trigger', 'canAskAgain', 'osVersion', 'lastAt', 'firstSeenAt', 'result', 'path']) {
      const got = withPollution(name, true, true, () =>
        contexts.map(([, c]) => decider.decideUnknown(c, { explain: true })),
      );
      expect(got, name).toEqual(clean);
    }
  });

  it('any property name zod or our source reads: the same decision, or fail closed (wait)', () => {
    // zod reads some of its own option names (`when`, `values`) and Object.defineProperty
    // reads `get`/`set` from descriptor objects, so those pollutions can break validation:
    // then the decision must be the fail-closed invalid-context wait, never another prompt.
    const decider = defaultDecider();
    const contexts = exampleContexts().slice(0, 6);
    const clean = contexts.map(([, c]) => decider.decideUnknown(c));
    const names = [...propertyNamesIn(['src', 'node_modules/zod/v4/core', 'node_modules/zod/v4/mini'])];
    const failClosed = new Set<string>();
    const { ms } = timed(`${names.length} property names from src/ and zod x 3 values x 6 contexts`, () => {
      for (const name of names) {
        for (const value of [true, 'x', {}]) {
          const got = withPollution(name, value, false, () =>
            contexts.map(([, c]) => decider.decideUnknown(c)),
          );
          got.forEach((d, i) => {
            if (isDeepEqual(d, clean[i])) return;
            failClosed.add(name);
            expect(d, `Object.prototype.${name} = ${JSON.stringify(value)}`).toMatchObject({
              action: 'wait',
              reason: 'invalid-context',
              retryAt: null,
            });
          });
        }
      }
    });
    console.log(`pollution that makes decide fail closed: ${[...failClosed].sort().join(', ') || 'none'}`);
    expect(names.length).toBeGreaterThan(300);
    // None of the context's or the facts' own field names may be among them.
    for (const n of FIELD_NAMES) expect(failClosed.has(n), n).toBe(false);
    expect(ms).toBeGreaterThan(0);
  });
});

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Identifiers used as property names (`.name`) in the .js/.ts files under the folders. */
function propertyNamesIn(dirs: string[]): Set<string> {
  const skip = new Set(Object.getOwnPropertyNames(Object.prototype));
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\.([A-Za-z_$][\w$]*)/g)) {
          const n = m[1] as string;
          if (!skip.has(n)) names.add(n);
        }
      }
    }
  };
  for (const d of dirs) walk(d);
  return names;
}
