/**
 * Intervals for the red team's rates and means. Rates use Wilson's score interval, which stays inside
 * [0, 1] and is honest at 0 of n and n of n, where the red team's numbers mostly sit (0 breaches in 40
 * trials is not "0%, certainly": it is 0% to 8.8%).
 */

export interface Rate {
  /** Successes (breaches, leaks, crashes, ...). */
  count: number;
  /** Trials. */
  n: number;
  /** count / n, or 0 for no trials. */
  rate: number;
  /** Wilson 95% interval. */
  low: number;
  high: number;
}

/**
 * Wilson's score interval for a binomial proportion (95% by default).
 * @example wilson(0, 40) // { count: 0, n: 40, rate: 0, low: 0, high: 0.0876... }
 */
export function wilson(count: number, n: number, z = 1.959963984540054): Rate {
  if (n <= 0) return { count, n: 0, rate: 0, low: 0, high: 1 };
  const p = count / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return {
    count,
    n,
    rate: p,
    low: count === 0 ? 0 : Math.max(0, centre - half),
    high: count === n ? 1 : Math.min(1, centre + half),
  };
}

export interface MeanInterval {
  mean: number;
  n: number;
  /** Normal-approximation 95% interval; absent below 2 values. */
  low?: number;
  high?: number;
}

/** The mean with a normal-approximation 95% interval (t would be wider for a handful: say so where shown). */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, n: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, n };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const half = 1.96 * Math.sqrt(variance / n);
  return { mean, n, low: mean - half, high: mean + half };
}
