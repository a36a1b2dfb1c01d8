/**
 * The simulator's generator: a pure function of (seed, user, stream), uniform in [0, 1).
 */
import { describe, expect, it } from 'vitest';
import { geometric, pick, poisson, STREAMS, userRng } from '../../src/authoring/simulate/prng.js';

const draws = (seed: number, user: number, stream: number, n: number): number[] => {
  const r = userRng(seed, user, stream);
  return Array.from({ length: n }, () => r.next());
};

describe('userRng', () => {
  it('gives the same numbers for the same (seed, user, stream), and other numbers otherwise', () => {
    expect(draws(7, 3, STREAMS.life, 50)).toEqual(draws(7, 3, STREAMS.life, 50));
    const base = draws(7, 3, STREAMS.life, 8).join();
    for (const [s, u, st] of [
      [8, 3, STREAMS.life],
      [7, 4, STREAMS.life],
      [7, 3, STREAMS.responses],
      [-7, 3, STREAMS.life],
    ] as const)
      expect(draws(s, u, st, 8).join()).not.toBe(base);
  });

  it('is uniform: mean, variance and deciles of 100,000 draws within sampling error', () => {
    const xs = draws(42, 9, STREAMS.responses, 100_000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005); // sd of the mean: 0.0009
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    const deciles = new Array(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    // chi-square with 9 degrees of freedom; 27.9 is its 0.999 quantile
    const chi = deciles.reduce((a, n) => a + (n - 10_000) ** 2 / 10_000, 0);
    expect(chi).toBeLessThan(27.9);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('draws discrete, Poisson and geometric values with the right means', () => {
    const r = userRng(5, 5, STREAMS.life);
    const n = 50_000;
    const picks = [0, 0, 0];
    let p = 0;
    let g = 0;
    for (let i = 0; i < n; i++) {
      const k = pick(r, [0.5, 0.8, 1]);
      picks[k] = (picks[k] ?? 0) + 1;
      p += poisson(r, 1.5);
      g += geometric(r, 0.25, 1000);
    }
    expect(picks.map((c) => Math.round((c / n) * 100))).toEqual([50, 30, 20]);
    expect(Math.abs(p / n - 1.5)).toBeLessThan(0.03);
    expect(Math.abs(g / n - 3)).toBeLessThan(0.08); // (1 - p) / p
    expect(geometric(r, 0, 60)).toBe(60);
    expect(poisson(r, 0)).toBe(0);
  });
});
