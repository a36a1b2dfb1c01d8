/**
 * The simulator's random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator, 32-bit; passes PractRand to 2^40+ bytes), seeded per user and per stream from
 * (seed, userIndex, stream) through a murmur3-style mix. A user's draws depend only on those
 * three, never on which worker or in which order users are simulated, so results are the
 * same for any number of workers. Integer arithmetic only: the same seed gives the same
 * numbers on every machine.
 */

/** A seeded generator: `next()` is uniform in [0, 1) with 32 bits of resolution. */
export interface Rng {
  next(): number;
}

/** murmur3's 32-bit finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Streams a user's draws are split into, so one part of the model never shifts another's numbers. */
export const STREAMS = { life: 1, responses: 2, strategy: 3 } as const;

/**
 * The generator for one user and one stream.
 *
 * @example
 * const rng = userRng(42, 7, STREAMS.life);
 * rng.next(); // the same number for (42, 7, life) on every run and every machine
 */
export function userRng(seed: number, userIndex: number, stream: number): Rng {
  let a = fmix32((seed ^ 0x9e3779b9) >>> 0);
  let b = fmix32((Math.imul(userIndex, 0x85ebca77) ^ a) >>> 0);
  let c = fmix32((Math.imul(stream, 0xc2b2ae3d) ^ b) >>> 0);
  let counter = 1;
  const next32 = (): number => {
    const t = (((a + b) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs, as the reference implementation advises, to mix the seed in.
  for (let i = 0; i < 15; i++) next32();
  return { next: () => next32() / 4294967296 };
}

/**
 * A draw from a discrete distribution given by cumulative weights (ascending, last = total).
 *
 * @example
 * pick(rng, [0.5, 0.8, 1]); // 0 half the time, 1 for 30%, 2 for 20%
 */
export function pick(rng: Rng, cumulative: readonly number[]): number {
  const last = cumulative[cumulative.length - 1] ?? 0;
  const u = rng.next() * last;
  for (let i = 0; i < cumulative.length - 1; i++) if (u < (cumulative[i] as number)) return i;
  return cumulative.length - 1;
}

/**
 * A Poisson draw with mean `mean` by inversion (Knuth), for the small means a session's
 * key actions have; capped at `max`.
 *
 * @example
 * poisson(rng, 1.5); // 0, 1, 2, … with mean 1.5
 */
export function poisson(rng: Rng, mean: number, max = 50): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit && k < max) {
    k++;
    p *= rng.next();
  }
  return k;
}

/**
 * The number of failures before the first success, with success probability `p` per trial,
 * capped at `max` (so `p = 0` is `max`).
 *
 * @example
 * geometric(rng, 0.3, 60); // days until an event with daily probability 0.3
 */
export function geometric(rng: Rng, p: number, max: number): number {
  if (p >= 1) return 0;
  let k = 0;
  while (k < max && rng.next() >= p) k++;
  return k;
}
