// Judging a Monte Carlo rate (coverage, false positives) against a goal band, for `bench:stats`.

/** Wilson's 95% score interval for hits out of n. */
export function wilson(hits: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = hits / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export type Verdict = "met" | "missed" | "unclear";
/** Met: the estimate inside the band; missed: the whole interval outside it; else unclear. */
export function verdict(hits: number, n: number, [low, high]: readonly [number, number]): Verdict {
  const rate = hits / n;
  if (rate >= low && rate <= high) return "met";
  const interval = wilson(hits, n);
  return interval.high < low || interval.low > high ? "missed" : "unclear";
}

/** The chance that a binomial(n, p) rate falls inside the band: an exactly calibrated estimator's chance of "met". */
export function chanceInBand(n: number, p: number, [low, high]: readonly [number, number]): number {
  let total = 0;
  let logChoose = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logChoose += Math.log(n - k + 1) - Math.log(k);
    if (k / n >= low - 1e-12 && k / n <= high + 1e-12)
      total += Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }
  return total;
}
