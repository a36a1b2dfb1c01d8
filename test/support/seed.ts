/**
 * Seed handling for the property tests: one seed per test file, printed once so a failing
 * run can be replayed, and pinned from the environment:
 *
 *   FC_SEED=123 npx vitest run test/property
 *   FC_SEED=123 FC_PATH="4:2:0" npx vitest run test/property/guardrails.test.ts -t "guardrail"
 *
 * `FC_PATH` (the path fast-check prints with a failure) applies to every property of the
 * file, so select the failing one with `-t`.
 *
 * fast-check also prints the seed and the counterexample path when a property fails.
 */

/** Reads `FC_SEED` when set (an integer), else draws a fresh seed for this run. */
function readSeed(): number {
  const raw = process.env.FC_SEED;
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new Error(`FC_SEED must be an integer, got "${raw}"`);
    return n | 0;
  }
  // Tests may use randomness; the library may not. A 32-bit seed, as fast-check takes.
  return (Math.random() * 0x1_0000_0000) | 0;
}

/**
 * The seed for one test file, printed as `fast-check seed: N (label)`.
 *
 * @example
 * const seed = propertySeed('property/platform');
 * fc.assert(prop, runOptions(seed, 1000));
 */
export function propertySeed(label: string): number {
  const seed = readSeed();
  console.log(`fast-check seed: ${seed} (${label}); replay with FC_SEED=${seed}`);
  return seed;
}

/** fast-check run options: the file's seed, `numRuns`, and `FC_PATH` when replaying one failure. */
export function runOptions(seed: number, numRuns: number): { seed: number; numRuns: number; path?: string } {
  const path = process.env.FC_PATH;
  return path !== undefined && path !== '' ? { seed, numRuns, path } : { seed, numRuns };
}
