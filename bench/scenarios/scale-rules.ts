/**
 * Scenario: rule sets of 10 to 10,000 generated rules where only the last one matches, so
 * every rule is evaluated; decideParsed and decide(raw), and json-rules-engine on the same
 * rule sets (facts precomputed) up to 1,000 rules.
 */
import { engineFacts, toJsonRulesEngine } from '../../src/adapter/json-rules-engine.js';
import { createDecider, parseContext } from '../../src/index.js';
import { generatedRules, typicalContext } from '../fixtures.js';
import { emit, type Latency, latency, type Timing, time } from '../harness.js';

const SIZES = [10, 100, 1_000, 10_000];
const parsed = parseContext(typicalContext);
const timings: Timing[] = [];
const latencies: Latency[] = [];
for (const n of SIZES) {
  const decider = createDecider(generatedRules(n));
  const d = decider.decideParsed(parsed);
  if (!('ruleId' in d) || d.ruleId !== `rule-${n - 1}`) throw new Error(`unexpected ${JSON.stringify(d)}`);
  timings.push(await time(`decideParsed, ${n} rules`, () => decider.decideParsed(parsed)));
  timings.push(await time(`decide(raw JSON), ${n} rules`, () => decider.decideUnknown(typicalContext)));
  latencies.push(
    latency(`decideParsed, ${n} rules`, () => decider.decideParsed(parsed), n >= 10_000 ? 5_000 : 20_000),
  );
  if (n <= 1_000) {
    const engine = toJsonRulesEngine(decider.ruleSet);
    const facts = engineFacts(decider.ruleSet, parsed);
    timings.push(await time(`json-rules-engine, ${n} rules`, () => engine.run(facts), { minCpuMs: 800 }));
  }
}
emit({ scenario: 'scale-rules', timings, latencies, values: {} });
