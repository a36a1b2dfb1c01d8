/**
 * Fuzz sizes: small in CI (`npm test`), large with `npm run fuzz` (FUZZ_RUNS=100000 by
 * default there). The seed is printed by propertySeed and pinned with FC_SEED.
 */
export function fuzzRuns(ciDefault: number): number {
  const raw = process.env.FUZZ_RUNS;
  if (raw === undefined || raw === '') return ciDefault;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FUZZ_RUNS must be a positive integer, got "${raw}"`);
  return n;
}
