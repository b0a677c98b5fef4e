import { mean, median, quantileSorted, sampleCorrelation, sampleRankCorrelation } from "simple-statistics";
import type { Rng } from "../domain/random.ts";

/** A point estimate with its 95% interval (bounds absent when too few data to resample). */
export interface Interval {
  estimate: number;
  low?: number;
  high?: number;
}

/** The mean, or undefined for no values. */
export function meanOf(values: readonly number[]): number | undefined {
  return values.length > 0 ? mean(values as number[]) : undefined;
}

/** The 2.5% and 97.5% percentiles of bootstrap replicates, or nothing when there are fewer than 20. */
export function percentileInterval(replicates: readonly number[]): { low?: number; high?: number } {
  const finite = replicates.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length < 20) return {};
  return { low: quantileSorted(finite, 0.025), high: quantileSorted(finite, 0.975) };
}

/** A standard normal draw (Box-Muller) from a seeded generator, for synthetic data in tests. */
export function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * The mean of values grouped into clusters, with a 95% interval from resampling whole clusters
 * (bootstrap percentile). Clusters are e.g. items, so repeated sales of one item count once.
 */
export function clusteredMean(
  clusters: readonly (readonly number[])[],
  rng: Rng,
  replicates: number,
): Interval & { n: number } {
  const usable = clusters.filter((cluster) => cluster.length > 0);
  const sums = usable.map((cluster) => cluster.reduce((a, b) => a + b, 0));
  const counts = usable.map((cluster) => cluster.length);
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return { estimate: Number.NaN, n: 0 };
  const estimate = sums.reduce((a, b) => a + b, 0) / n;
  if (usable.length < 2) return { estimate, n };
  const draws: number[] = [];
  for (let b = 0; b < replicates; b++) {
    let total = 0;
    let count = 0;
    for (let k = 0; k < usable.length; k++) {
      const pick = Math.floor(rng.next() * usable.length);
      total += sums[pick]!;
      count += counts[pick]!;
    }
    draws.push(total / count);
  }
  return { estimate, n, ...percentileInterval(draws) };
}

/** Pearson and Spearman correlation, or undefined with fewer than 3 pairs or no variation. */
export function correlations(
  x: readonly number[],
  y: readonly number[],
): { pearson?: number; spearman?: number; n: number } {
  const n = Math.min(x.length, y.length);
  if (n < 3) return { n };
  const constant = (values: readonly number[]) => values.every((value) => value === values[0]);
  if (constant(x) || constant(y)) return { n };
  return {
    n,
    pearson: sampleCorrelation(x as number[], y as number[]),
    spearman: sampleRankCorrelation(x as number[], y as number[]),
  };
}

/** Groups values by a key, keeping first-seen key order. */
export function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    let group = groups.get(k);
    if (!group) {
      group = [];
      groups.set(k, group);
    }
    group.push(value);
  }
  return groups;
}

/** Sorted unique strings. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The median of amounts in cents, as whole cents (the middle of an even count can fall on half a cent). */
export function medianCents(values: readonly number[]): number {
  return Math.round(median([...values]));
}

/**
 * The 97.5% quantile of Student's t with `df` degrees of freedom (Cornish-Fisher expansion around the
 * normal's 1.96; within 0.03 of the exact value from 3 degrees of freedom up).
 */
export function tQuantile975(df: number): number {
  const z = 1.959964;
  const v = Math.max(df, 1);
  if (v < 3) return v < 2 ? 12.706 : 4.303;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * v) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * v ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v ** 3)
  );
}
