/**
 * Scenario: contexts with 0 to 10,000 prior asks (the context limit) on the default rules:
 * decide(raw) (validation, dedup and sort of the asks included), decideParsed, and the
 * context parse alone.
 */
import { createDecider, parseContext, safeParseContext } from '../../src/index.js';
import { contextWithAsks, defaultRules } from '../fixtures.js';
import { emit, type Latency, latency, type Timing, time } from '../harness.js';

const decider = createDecider(defaultRules);
const timings: Timing[] = [];
const latencies: Latency[] = [];
for (const n of [0, 10, 100, 1_000, 10_000]) {
  const raw = contextWithAsks(n);
  const parsed = parseContext(raw);
  if (parsed.asks.length !== n) throw new Error(`expected ${n} asks, got ${parsed.asks.length}`);
  timings.push(await time(`decide(raw JSON), ${n} asks`, () => decider.decideUnknown(raw)));
  timings.push(await time(`decideParsed, ${n} asks`, () => decider.decideParsed(parsed)));
  timings.push(await time(`safeParseContext, ${n} asks`, () => safeParseContext(raw)));
  latencies.push(
    latency(`decide(raw JSON), ${n} asks`, () => decider.decideUnknown(raw), n >= 1_000 ? 2_000 : 20_000),
  );
}
emit({ scenario: 'scale-asks', timings, latencies, values: {} });
