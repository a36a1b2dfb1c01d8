/**
 * The loader's hand-written policy validation (src/rules/policy.ts) against the authoring
 * wing's zod PolicySchema (the JSON Schema's source): over generated policy blocks, both
 * accept and reject the same blocks with the same issues at the same paths and codes, and
 * an accepted block gives the schema's values with the defaults filled in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicySchema } from '../../src/authoring/policy-schema.js';
import { fromZodIssues } from '../../src/authoring/zod-issues.js';
import { DEFAULT_POLICY, loadPolicy } from '../../src/rules/policy.js';
import type { Issue } from '../../src/shared/errors.js';
import type { Json } from '../../src/shared/json-snapshot.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('rules/policy');

const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(0, 1, 3, 7, 22, 23, 24, 30, 1000, 1001, 3650, 3651, -1, 0.5, 2.5, null, true, '3', ''),
  fc.integer({ min: -5, max: 4000 }),
  fc.double({ min: -10, max: 4000, noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
);
const days: fc.Arbitrary<Json> = fc.oneof(fc.array(scalar, { maxLength: 22 }), scalar);
const kind: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    { cooldownDays: days, maxShows: scalar, maxPerSession: scalar, cooldown: days, maxshows: scalar },
    { requiredKeys: [] },
  ),
  scalar,
);
const hours: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ from: scalar, to: scalar, x: scalar }, { requiredKeys: [] }),
  scalar,
);
const policy: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    { softPrompt: kind, settingsLink: kind, quietHours: hours, quietHour: hours },
    { requiredKeys: [] },
  ),
  scalar,
  fc.constant([] as Json),
);

const pathsAndCodes = (issues: readonly Issue[]) => issues.map((i) => [i.path.join('.'), i.code]);

describe('policy: the loader and the authoring schema agree', () => {
  it('same issues (path and code, in order) and same values', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const issues: Issue[] = [];
        const loaded = loadPolicy(p, issues);
        const z = PolicySchema.safeParse(p, { reportInput: true });
        expect(pathsAndCodes(issues)).toEqual(
          z.success ? [] : pathsAndCodes(fromZodIssues(z.error.issues, ['policy'])),
        );
        if (z.success) {
          const d = DEFAULT_POLICY;
          expect(loaded).toEqual({
            softPrompt: { ...d.softPrompt, ...z.data.softPrompt },
            settingsLink: { ...d.settingsLink, ...z.data.settingsLink },
            quietHours: z.data.quietHours ?? null,
          });
        } else {
          expect(loaded).toBe(DEFAULT_POLICY);
        }
      }),
      runOptions(seed, 2000),
    );
  });

  it('gives every issue a one-line message and suggests the key meant', () => {
    const issues: Issue[] = [];
    loadPolicy({ softPrompt: { cooldownDay: [3] }, quietHours: { from: 8, to: 8 } }, issues);
    expect(issues.map((i) => i.message)).toEqual([
      'unknown key "cooldownDay" (did you mean "cooldownDays"?)',
      '"from" and "to" must differ',
    ]);
  });
});
