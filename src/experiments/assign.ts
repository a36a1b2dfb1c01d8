/**
 * Experiment assignment (DESIGN.md section 9): which arm a user is in, as a pure function
 * of (salt, userId) and the arms' integer weights. Nothing else enters it: not the
 * platform, not the time, not the other experiments. Written so that a Swift or Kotlin port
 * assigns identically; test/experiments.cases.json holds golden vectors for ports.
 *
 * Algorithm "v1", exactly:
 *
 * 1. `key = salt + ":" + userId` (the salt defaults to the experiment's id).
 * 2. `h = FNV-1a 32-bit` over the UTF-16 code units of `key` (not its UTF-8 bytes): start
 *    at 2166136261 (0x811c9dc5); for each code unit `u`, `h = (h XOR u) * 16777619 mod 2^32`.
 *    Kotlin and Java `Char`s are UTF-16 code units; in Swift iterate `key.utf16`.
 * 3. `h = fmix32(h)`, MurmurHash3's finalizer (public domain, Austin Appleby), unsigned
 *    32-bit: `h ^= h >>> 16; h *= 0x85ebca6b; h ^= h >>> 13; h *= 0xc2b2ae35; h ^= h >>> 16`
 *    (multiplications mod 2^32).
 * 4. `bucket = h mod 10000` (0-9999; 2^32 is not a multiple of 10,000, so buckets below
 *    7296 are more likely by 1 part in 429,497: negligible).
 * 5. With the arms in the order written, weights `w_1..w_n` (positive integers) and
 *    `total = w_1 + … + w_n` (at most 10,000), the arm is the first `i` with
 *    `bucket * total < (w_1 + … + w_i) * 10000`. Every product is below 10^8, so 32-bit
 *    integer arithmetic is exact, and every arm gets at least one bucket.
 *
 * Why the finalizer: plain FNV-1a of `salt:userId` mixes the last characters poorly, and
 * two salts give strongly correlated assignments for the same user (a chi-square test of
 * independence on 100,000 sequential ids gives 270-1,040 on 81 degrees of freedom, where
 * p = 0.001 is at 127). With fmix32 the same tests give p-values spread as chance would.
 * The `userBucket` fact keeps its own, older scheme (FNV-1a of `v1:<userId>` mod 100).
 */
import { fnv1aState } from '../shared/hash.js';
import { LIMITS } from '../shared/limits.js';

/**
 * The assignment algorithm's version. A change of hash or mapping gets a new version, so
 * logs and ports can tell which one assigned a user.
 *
 * @example
 * ASSIGNMENT_VERSION; // 'v1'
 */
export const ASSIGNMENT_VERSION = 'v1';

/**
 * The number of assignment buckets: weights are mapped onto 0-9999.
 *
 * @example
 * ASSIGNMENT_BUCKETS; // 10000
 */
export const ASSIGNMENT_BUCKETS = 10_000;

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The FNV-1a state after `salt + ":"`: a decider computes it once per experiment, at load,
 * and hashes only the user id per decision.
 *
 * @example
 * bucketFrom(saltState('primer-copy'), 'u-1') === experimentBucket('primer-copy', 'u-1'); // true
 */
export function saltState(salt: string): number {
  return fnv1aState(`${salt}:`);
}

/**
 * The bucket (0-9999) of a user id from a salt's state (see {@link saltState}).
 *
 * @example
 * bucketFrom(saltState('primer-copy'), 'u-1'); // the same as experimentBucket('primer-copy', 'u-1')
 */
export function bucketFrom(state: number, userId: string): number {
  return fmix32(fnv1aState(userId, state)) % ASSIGNMENT_BUCKETS;
}

/**
 * The assignment bucket (0-9999) of a user in an experiment with this salt: steps 1-4 of
 * algorithm v1 (this file's header).
 *
 * @example
 * experimentBucket('primer-copy-2026-12', 'u-1002'); // 2583, on every platform
 */
export function experimentBucket(salt: string, userId: string): number {
  return bucketFrom(saltState(salt), userId);
}

/**
 * The bucket bounds of arms with these weights, in order: arm `i` holds the buckets `b`
 * with `b * total < bounds[i]` that no earlier arm holds (`bounds[i]` is the cumulative
 * weight times 10,000). The last bound is `total * 10000`, above every bucket.
 *
 * @example
 * armBounds([10, 45, 45]); // [100000, 550000, 1000000] (total 100)
 */
export function armBounds(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => {
    sum += w;
    return sum * ASSIGNMENT_BUCKETS;
  });
}

/**
 * The position of the arm a bucket falls in (step 5 of algorithm v1). `bounds` comes from
 * {@link armBounds}; `total` is the sum of the weights.
 *
 * @example
 * armAt(armBounds([10, 45, 45]), 100, 999);  // 0: buckets 0-999 are the first 10%
 * armAt(armBounds([10, 45, 45]), 100, 1000); // 1
 */
export function armAt(bounds: readonly number[], total: number, bucket: number): number {
  const x = bucket * total;
  const last = bounds.length - 1;
  for (let i = 0; i < last; i++) if (x < (bounds[i] as number)) return i;
  return last;
}

/** An arm as written in a rule set: its name and integer weight. */
export interface WeightedArm {
  readonly name: string;
  readonly weight: number;
}

/**
 * The arm a bucket falls in, for arms in the order written (step 5 of algorithm v1).
 * Throws a RangeError for weights a rule set would refuse (not positive integers, a total
 * over 10,000, no arms) or a bucket outside 0-9999: ports and tests call it directly.
 *
 * @example
 * const arms = [{ name: 'holdout', weight: 10 }, { name: 'benefit', weight: 45 }, { name: 'generic', weight: 45 }];
 * assignArm(arms, experimentBucket('primer-copy-2026-12', 'u-1002')); // 'benefit' (bucket 2583)
 */
export function assignArm(arms: readonly WeightedArm[], bucket: number): string {
  const weights = arms.map((a) => a.weight);
  const total = weights.reduce((s, w) => s + w, 0);
  if (
    arms.length === 0 ||
    !weights.every((w) => Number.isInteger(w) && w > 0) ||
    total > LIMITS.ruleSet.maxTotalWeight ||
    !Number.isInteger(bucket) ||
    bucket < 0 ||
    bucket >= ASSIGNMENT_BUCKETS
  ) {
    throw new RangeError('assignArm: weights must be positive integers (total <= 10000), bucket 0-9999');
  }
  return (arms[armAt(armBounds(weights), total, bucket)] as WeightedArm).name;
}
