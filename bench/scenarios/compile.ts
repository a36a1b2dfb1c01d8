/**
 * Scenario: load + compile time (`createDecider` from parsed JSON: validation, freezing,
 * hashing, closures) for 10 to 10,000 generated rules, and for rules/default.json.
 */
import { createDecider } from '../../src/index.js';
import { defaultRules, generatedRules } from '../fixtures.js';
import { emit, type Timing, time } from '../harness.js';

const timings: Timing[] = [await time('createDecider(default.json)', () => createDecider(defaultRules))];
for (const n of [10, 100, 1_000, 10_000]) {
  const json = generatedRules(n);
  timings.push(await time(`createDecider, ${n} rules`, () => createDecider(json), { minCpuMs: 700 }));
}
emit({ scenario: 'compile', timings, latencies: [], values: {} });
