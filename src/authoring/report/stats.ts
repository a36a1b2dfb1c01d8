/**
 * The report's statistics, closed-form or nearly so, with no dependency: the Wilson score
 * interval for one proportion, Newcombe's hybrid score interval (method 10 of Newcombe
 * 1998) for a difference of two independent proportions, and the chi-square
 * goodness-of-fit p-value through the regularized upper incomplete gamma function.
 *
 * References:
 * - E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
 *   inference", JASA 22:209-212.
 * - R. G. Newcombe (1998), "Interval estimation for the difference between independent
 *   proportions: comparison of eleven methods", Statistics in Medicine 17:873-890
 *   (method 10: the hybrid score interval).
 * - W. H. Press et al., Numerical Recipes (3rd ed.), section 6.2: `gammq` by the series
 *   for P(a, x) when x < a + 1 and the continued fraction for Q(a, x) otherwise (modified
 *   Lentz); `gammln` by the Lanczos approximation (section 6.1).
 */

/** The 97.5th percentile of the standard normal: a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** A closed interval `[lo, hi]`. */
export type Interval = readonly [lo: number, hi: number];

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * The Wilson score interval for `successes` out of `n`; null when `n` is 0 (no users: no
 * rate, no interval). Unlike the Wald interval it stays inside [0, 1] and keeps its
 * coverage at 0% and 100%.
 *
 * @example
 * wilsonInterval(81, 263); // [0.2553…, 0.3662…] (Newcombe 1998a, example 1)
 * wilsonInterval(0, 20);   // [0, 0.1611…]
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 (or 1) the bound is 0 (or 1) in exact arithmetic; rounding may leave 1e-17.
  return [successes === 0 ? 0 : clamp(center - half, 0, 1), successes === n ? 1 : clamp(center + half, 0, 1)];
}

/**
 * Newcombe's hybrid score interval (method 10) for `p1 - p2`, from the Wilson intervals of
 * each proportion; null when either sample is empty.
 *
 * @example
 * newcombeInterval(56, 70, 48, 80); // { diff: 0.2, ci: [0.0524…, 0.3339…] } (Newcombe 1998, example a)
 */
export function newcombeInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z = Z_95,
): { diff: number; ci: Interval } | null {
  const w1 = wilsonInterval(x1, n1, z);
  const w2 = wilsonInterval(x2, n2, z);
  if (w1 === null || w2 === null) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const lo = diff - Math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2);
  const hi = diff + Math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2);
  return { diff, ci: [clamp(lo, -1, 1), clamp(hi, -1, 1)] };
}

/** Lanczos coefficients (g = 7, n = 9), as in Numerical Recipes and most ports. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, relative error about 1e-15).
 *
 * @example
 * logGamma(5); // ln 24 = 3.1780…
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/** P(a, x) by its series; converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by its continued fraction (modified Lentz); converges fast for x >= a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), for a > 0 and
 * x >= 0.
 *
 * @example
 * gammaQ(1, 2); // e^-2 = 0.1353…
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return x < a + 1 ? clamp(1 - lowerSeries(a, x), 0, 1) : clamp(upperFraction(a, x), 0, 1);
}

/**
 * The upper tail P(X >= x) of a chi-square distribution with `df` degrees of freedom.
 *
 * @example
 * chiSquarePValue(3.841458820694124, 1); // 0.05
 */
export function chiSquarePValue(x: number, df: number): number {
  return gammaQ(df / 2, Math.max(0, x) / 2);
}

/** A chi-square goodness-of-fit test. */
export interface GoodnessOfFit {
  readonly chiSquare: number;
  readonly df: number;
  /** null when there is nothing to test: fewer than two categories. */
  readonly pValue: number | null;
}

/**
 * Pearson's chi-square test of observed counts against expected proportions given as
 * positive weights (`[10, 45, 45]`). With no observations the statistic is 0 and p is 1;
 * with fewer than two categories there is no test (`pValue: null`).
 *
 * @example
 * chiSquareGoodnessOfFit([50, 50], [1, 1]); // { chiSquare: 0, df: 1, pValue: 1 }
 */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  weights: readonly number[],
): GoodnessOfFit {
  if (observed.length !== weights.length) throw new RangeError('observed and weights differ in length');
  const df = observed.length - 1;
  const total = observed.reduce((s, o) => s + o, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  let chiSquare = 0;
  if (total > 0) {
    for (let i = 0; i < observed.length; i++) {
      const expected = (total * weights[i]!) / weightSum;
      chiSquare += (observed[i]! - expected) ** 2 / expected;
    }
  }
  return { chiSquare, df, pValue: df < 1 ? null : chiSquarePValue(chiSquare, df) };
}
