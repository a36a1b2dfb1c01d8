/**
 * The report's statistics against values computed independently:
 * - Wilson: Newcombe (1998a), "Two-sided confidence intervals for the single proportion",
 *   Statistics in Medicine 17:857-872, Table I, method 3 (score, no continuity correction);
 * - Newcombe's hybrid score interval: Newcombe (1998b), "Interval estimation for the
 *   difference between independent proportions", Statistics in Medicine 17:873-890,
 *   Table II, method 10, examples (a)-(h) (examples (a) and (b) are also the test values of
 *   the R package propint);
 * - chi-square: the critical values of the standard table (p = 0.05, 0.01, 0.001), and
 *   scipy 1.17.1 `scipy.stats.chi2.sf` for values far in the tail.
 */
import { describe, expect, it } from 'vitest';
import {
  chiSquareGoodnessOfFit,
  chiSquarePValue,
  gammaQ,
  logGamma,
  newcombeInterval,
  wilsonInterval,
} from '../../src/authoring/report/stats.js';

const round4 = (xs: readonly number[] | null | undefined) => xs?.map((x) => Number(x.toFixed(4)));

describe('Wilson score interval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i gives [%f, %f] (Newcombe 1998a, Table I)', (x, n, lo, hi) => {
    expect(round4(wilsonInterval(x, n))).toEqual([lo, hi]);
  });

  it('is exactly 0 at 0% and exactly 1 at 100%, and mirrors x/n at (n-x)/n', () => {
    for (const n of [1, 2, 7, 29, 1000, 1_000_000]) {
      const none = wilsonInterval(0, n)!;
      const all = wilsonInterval(n, n)!;
      expect(none[0]).toBe(0);
      expect(all[1]).toBe(1);
      expect(all[0]).toBeCloseTo(1 - none[1], 12);
    }
    const [lo, hi] = wilsonInterval(81, 263)!;
    const [lo2, hi2] = wilsonInterval(263 - 81, 263)!;
    expect(lo2).toBeCloseTo(1 - hi, 12);
    expect(hi2).toBeCloseTo(1 - lo, 12);
  });

  it('has no interval for no users', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('narrows like 1/sqrt(n) around the rate', () => {
    const [lo, hi] = wilsonInterval(500_000, 1_000_000)!;
    expect(hi - lo).toBeCloseTo(2 * 1.959963984540054 * Math.sqrt(0.25 / 1_000_000), 6);
  });
});

describe("Newcombe's hybrid score interval (method 10)", () => {
  it.each([
    ['a', 56, 70, 48, 80, 0.0524, 0.3339],
    ['b', 9, 10, 3, 10, 0.1705, 0.809],
    ['c', 6, 7, 2, 7, 0.0582, 0.8062],
    ['d', 5, 56, 0, 29, -0.0381, 0.1926],
    ['e', 0, 10, 0, 20, -0.1611, 0.2775],
    ['f', 0, 10, 0, 10, -0.2775, 0.2775],
    ['g', 10, 10, 0, 20, 0.6791, 1],
    ['h', 10, 10, 0, 10, 0.6075, 1],
  ])('example (%s) %i/%i - %i/%i gives [%f, %f] (Newcombe 1998b, Table II)', (_, x1, n1, x2, n2, lo, hi) => {
    const r = newcombeInterval(x1, n1, x2, n2)!;
    expect(r.diff).toBeCloseTo(x1 / n1 - x2 / n2, 15);
    expect(round4(r.ci)).toEqual([lo, hi]);
  });

  it('is antisymmetric: swapping the samples negates the interval', () => {
    const ab = newcombeInterval(56, 70, 48, 80)!;
    const ba = newcombeInterval(48, 80, 56, 70)!;
    expect(ba.diff).toBeCloseTo(-ab.diff, 15);
    expect(ba.ci[0]).toBeCloseTo(-ab.ci[1], 12);
    expect(ba.ci[1]).toBeCloseTo(-ab.ci[0], 12);
  });

  it('has no interval when either sample is empty (an arm without users, a missing baseline)', () => {
    expect(newcombeInterval(0, 0, 3, 10)).toBeNull();
    expect(newcombeInterval(3, 10, 0, 0)).toBeNull();
  });
});

describe('chi-square p-values', () => {
  it.each([
    [3.841, 1, 0.05],
    [5.991, 2, 0.05],
    [7.815, 3, 0.05],
    [6.635, 1, 0.01],
    [9.21, 2, 0.01],
    [11.345, 3, 0.01],
    [10.828, 1, 0.001],
    [13.816, 2, 0.001],
    [16.266, 3, 0.001],
    [18.307, 10, 0.05],
    [43.773, 30, 0.05],
  ])('chi² %f with df %i is at p %f (critical-value table)', (x, df, p) => {
    expect(chiSquarePValue(x, df)).toBeCloseTo(p, p >= 0.01 ? 4 : 5);
  });

  it.each([
    [1e-8, 1, 0.9999202115440526],
    [100, 1, 1.5239706048320995e-23],
    [500, 2, 2.6691902155412655e-109],
    [0.5, 10, 0.999993388289439],
    [20, 50, 0.9999530506185732],
    [2000, 1000, 4.1436785914539184e-69],
  ])('chi² %f with df %i matches scipy (%e), far into both tails', (x, df, p) => {
    expect(Math.abs(chiSquarePValue(x, df) - p) / p).toBeLessThan(1e-9);
  });

  it('agrees with the closed forms: df 2 is exp(-x/2); Q(1, x) is exp(-x)', () => {
    for (const x of [0.01, 0.5, 1, 2.5, 7, 30, 120]) {
      expect(chiSquarePValue(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
      expect(gammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
    }
  });

  it('has its limits: p = 1 at 0, 0 at infinity, NaN outside the domain', () => {
    expect(chiSquarePValue(0, 3)).toBe(1);
    expect(chiSquarePValue(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(gammaQ(0, 1)).toBeNaN();
    expect(gammaQ(1, -1)).toBeNaN();
  });

  it('ln Γ matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
  });
});

describe('chi-square goodness of fit (the sample-ratio check)', () => {
  it('is 0 with p 1 for a perfect split, whatever the weights', () => {
    expect(chiSquareGoodnessOfFit([100, 450, 450], [10, 45, 45])).toEqual({ chiSquare: 0, df: 2, pValue: 1 });
  });

  it('computes the textbook statistic: 20/30 against 50/50 is chi² 2 (p 0.1573)', () => {
    const r = chiSquareGoodnessOfFit([20, 30], [1, 1]);
    expect(r.chiSquare).toBeCloseTo(2, 12);
    expect(r.pValue).toBeCloseTo(0.1573, 4);
  });

  it('flags a 50.5/49.5 split of a million users as far beyond p 0.001', () => {
    const r = chiSquareGoodnessOfFit([505_000, 495_000], [1, 1]);
    expect(r.chiSquare).toBeCloseTo(100, 9);
    expect(r.pValue!).toBeLessThan(1e-20);
  });

  it('has nothing to test with no users (p 1) or with one arm (p null)', () => {
    expect(chiSquareGoodnessOfFit([0, 0, 0], [10, 45, 45])).toEqual({ chiSquare: 0, df: 2, pValue: 1 });
    expect(chiSquareGoodnessOfFit([42], [1])).toEqual({ chiSquare: 0, df: 0, pValue: null });
  });

  it('refuses counts and weights of different lengths', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2], [1])).toThrow(RangeError);
  });
});
