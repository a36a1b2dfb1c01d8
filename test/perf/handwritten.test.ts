/**
 * The bench's hand-written baseline (bench/handwritten.ts) must make the same decisions as
 * the compiled default rule set, or the "within 3x of hand-written" ratio means nothing; and
 * the hand validator (bench/hand-validator.ts, the floor of decide(raw)) must accept what the
 * library accepts, with an equal Context.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handValidate } from '../../bench/hand-validator.js';
import { handwrittenDefault } from '../../bench/handwritten.js';
import { createDecider, parseContext, safeParseContext } from '../../src/index.js';
import { contextArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('perf/handwritten');
const decider = createDecider(JSON.parse(readFileSync('rules/default.json', 'utf8')));
const hand = handwrittenDefault(decider.ruleSet.id);

describe('hand-written baseline', () => {
  it('decides like the default rule set on the sample contexts', () => {
    for (const f of readdirSync('examples/contexts')) {
      const ctx = parseContext(JSON.parse(readFileSync(`examples/contexts/${f}`, 'utf8')));
      expect(hand(ctx), f).toEqual(decider.decideParsed(ctx));
    }
  });

  it('decides like the default rule set on generated contexts', () => {
    fc.assert(
      fc.property(contextArb, (json) => {
        const ctx = parseContext(json);
        expect(hand(ctx)).toEqual(decider.decideParsed(ctx));
      }),
      runOptions(seed, 3000),
    );
  });
});

describe('hand validator (the decide(raw) floor)', () => {
  const same = (json: unknown) => {
    const r = safeParseContext(json);
    expect(handValidate(json)).toStrictEqual(r.success ? r.data : null);
  };

  it('accepts the sample contexts as the library does, with an equal Context', () => {
    for (const f of readdirSync('examples/contexts'))
      same(JSON.parse(readFileSync(`examples/contexts/${f}`, 'utf8')));
    same(JSON.parse(readFileSync('bench/fixtures/typical-context.json', 'utf8')));
  });

  it('accepts generated contexts as the library does, and refuses a broken one', () => {
    fc.assert(
      fc.property(contextArb, (json) => {
        same(json);
        same({ ...json, now: 'yesterday' });
        same({ ...json, sessions: { count: 0 } });
      }),
      runOptions(seed, 1000),
    );
  });
});
