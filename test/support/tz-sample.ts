/**
 * The decisions (with traces) for the scenarios one seed generates: shared by the TZ
 * child process and the test that compares its output with the in-process result.
 */
import fc from 'fast-check';
import { createDecider } from '../../src/index.js';
import { type JsonValue, scenarioArb } from './arbitraries.js';

/**
 * Decisions as plain JSON, one per generated scenario, plus this process's local UTC
 * offset on 2026-01-01 (to prove the child really ran in another zone).
 */
export function decideSample(seed: number, numRuns: number): { localOffset: number; decisions: JsonValue[] } {
  const decisions = fc
    .sample(scenarioArb, { seed, numRuns })
    .map(({ ruleSet, context }) => createDecider(ruleSet).decideUnknown(context, { explain: true }));
  return {
    localOffset: -new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(),
    decisions: JSON.parse(JSON.stringify(decisions)) as JsonValue[],
  };
}
