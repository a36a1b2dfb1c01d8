/**
 * Scenario: bytes allocated per call (V8 heap growth over GC-free windows; run with a
 * large young generation) and bytes retained by a compiled 1,000-rule set.
 */
import { engineFacts, toJsonRulesEngine } from '../../src/adapter/json-rules-engine.js';
import { createDecider, parseContext } from '../../src/index.js';
import { defaultRules, generatedRules, typicalContext } from '../fixtures.js';
import { handwrittenDefault } from '../handwritten.js';
import { bytesPerAsyncCall, bytesPerCall, emit, log, retainedBytes } from '../harness.js';

const decider = createDecider(defaultRules);
const parsed = parseContext(typicalContext);
const hand = handwrittenDefault(decider.ruleSet.id);
const engine = toJsonRulesEngine(decider.ruleSet);
const facts = engineFacts(decider.ruleSet, parsed);
const big = createDecider(generatedRules(1_000));
const bigEngine = toJsonRulesEngine(big.ruleSet);
const bigFacts = engineFacts(big.ruleSet, parsed);

// A decision object alone, for scale: what "nothing beyond the returned decision" allows.
const one = decider.decideParsed(parsed);
const decisionBytes = await bytesPerCall(() => ({ ...one }));

const values: Record<string, number> = {
  'decide(raw JSON)': await bytesPerCall(() => decider.decideUnknown(typicalContext)),
  'decideParsed(Context)': await bytesPerCall(() => decider.decideParsed(parsed)),
  'decideParsed, 1,000 rules': await bytesPerCall(() => big.decideParsed(parsed)),
  'decideParsed with explain': await bytesPerCall(() => decider.decideParsed(parsed, { explain: true }), 500),
  'hand-written function': await bytesPerCall(() => hand(parsed)),
  'one decision object alone (a copy)': decisionBytes,
  'json-rules-engine Engine.run': await bytesPerAsyncCall(() => engine.run(facts), 100),
  'json-rules-engine Engine.run, 1,000 rules': await bytesPerAsyncCall(() => bigEngine.run(bigFacts), 5),
  'retained: compiled 1,000-rule decider': await retainedBytes(() => createDecider(generatedRules(1_000))),
  'retained: json-rules-engine Engine, 1,000 rules': await retainedBytes(() =>
    toJsonRulesEngine(big.ruleSet),
  ),
  'retained: 1,000-rule JSON input itself': await retainedBytes(() => generatedRules(1_000)),
};
for (const [k, v] of Object.entries(values)) log(`${k.padEnd(50)} ${Math.round(v)} B`);
emit({ scenario: 'memory', timings: [], latencies: [], values });
