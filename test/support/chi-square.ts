/**
 * Chi-square tests for the assignment tests: goodness of fit (users per arm against the
 * weights) and independence (arms of two experiments), with the p-value from the
 * regularized upper incomplete gamma function (Numerical Recipes, 3rd ed., section 6.2:
 * series below a + 1, Lentz's continued fraction above). Checked against a printed table in
 * test/experiments/assign.test.ts.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function. */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * lead;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return lead * h;
}

/**
 * P(X ≥ x) for X chi-square distributed with `df` degrees of freedom.
 *
 * @example
 * chiSquarePValue(3.841, 1); // 0.05
 */
export function chiSquarePValue(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** Pearson's statistic of observed counts against expected ones. */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  let x = 0;
  observed.forEach((o, i) => {
    const e = expected[i] as number;
    x += ((o - e) * (o - e)) / e;
  });
  return x;
}

/** Pearson's statistic of independence of a contingency table, with its degrees of freedom. */
export function independence(table: readonly (readonly number[])[]): { x: number; df: number } {
  const rows = table.map((r) => r.reduce((s, v) => s + v, 0));
  const cols = (table[0] ?? []).map((_, j) => table.reduce((s, r) => s + (r[j] as number), 0));
  const n = rows.reduce((s, v) => s + v, 0);
  let x = 0;
  table.forEach((r, i) => {
    r.forEach((o, j) => {
      const e = ((rows[i] as number) * (cols[j] as number)) / n;
      x += ((o - e) * (o - e)) / e;
    });
  });
  return { x, df: (rows.length - 1) * (cols.length - 1) };
}
