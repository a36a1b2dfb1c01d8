/**
 * Scenario: rules/default.json on the typical context, four ways, side by side in one
 * process: decide from raw JSON (validation + facts + rules), decideParsed, json-rules-engine
 * `Engine.run` with the facts precomputed, and the hand-written function. Checks first that
 * the hand-written function and the decider agree on every fixture.
 */
import { deepStrictEqual } from 'node:assert';
import { engineFacts, engineMatches, toJsonRulesEngine } from '../../src/adapter/json-rules-engine.js';
import { createDecider, parseContext, safeParseContext } from '../../src/index.js';
import { contextWithAsks, defaultRules, sampleContexts, typicalContext } from '../fixtures.js';
import { handValidate } from '../hand-validator.js';
import { handwrittenDefault } from '../handwritten.js';
import { emit, latency, time } from '../harness.js';

const decider = createDecider(defaultRules);
const rs = decider.ruleSet;
const hand = handwrittenDefault(rs.id);
const engine = toJsonRulesEngine(rs);
const parsed = parseContext(typicalContext);
const facts = engineFacts(rs, parsed);

// Same decisions, or the comparison means nothing.
const fixtures = [
  typicalContext,
  ...sampleContexts.map((s) => s.json),
  ...[10, 100, 1000].map(contextWithAsks),
];
for (const raw of fixtures) {
  const ctx = parseContext(raw);
  const d = decider.decideParsed(ctx);
  deepStrictEqual(hand(ctx), d);
  deepStrictEqual(decider.decideUnknown(raw), d);
  deepStrictEqual(handValidate(raw), ctx);
  deepStrictEqual(
    new Set(await engineMatches(engine, engineFacts(rs, ctx))),
    new Set(decider.matchingRules(ctx)),
  );
}
const expected = decider.decideParsed(parsed);
if (expected.action !== 'show-soft-prompt' || expected.ruleId !== 'content-consumed') {
  throw new Error(`typical context decided ${JSON.stringify(expected)}`);
}

const timings = [
  await time('decide(raw JSON): validate + facts + rules', () => decider.decideUnknown(typicalContext), {
    minCpuMs: 1000,
  }),
  await time('decideParsed(Context)', () => decider.decideParsed(parsed), { minCpuMs: 1000 }),
  await time('hand-written function(Context)', () => hand(parsed), { minCpuMs: 1000 }),
  await time(
    'hand floor(raw JSON): hand validator + hand-written function',
    () => hand(handValidate(typicalContext)!),
    {
      minCpuMs: 1000,
    },
  ),
  await time('json-rules-engine Engine.run(precomputed facts)', () => engine.run(facts), {
    minCpuMs: 1500,
  }),
  await time('safeParseContext(raw JSON) alone', () => safeParseContext(typicalContext)),
  await time('hand validator(raw JSON) alone', () => handValidate(typicalContext)),
  await time('decide(raw JSON), 13 sample contexts in turn', cycle(sampleContexts.map((s) => s.json))),
];
const latencies = [
  latency('decide(raw JSON): validate + facts + rules', () => decider.decideUnknown(typicalContext)),
  latency('decideParsed(Context)', () => decider.decideParsed(parsed)),
  latency('hand-written function(Context)', () => hand(parsed)),
];

emit({
  scenario: 'default-rules',
  timings,
  latencies,
  values: { fixturesAgreed: fixtures.length, ruleSet: rs.id, rules: rs.rules.length },
});

function cycle(inputs: unknown[]): () => unknown {
  let i = 0;
  return () => decider.decideUnknown(inputs[i++ % inputs.length]);
}
