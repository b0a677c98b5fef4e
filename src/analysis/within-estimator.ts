import { solveLinear } from "./linear-solve.ts";

/**
 * The fixed-effects ("within") least-squares estimator: y and the regressors are demeaned within each
 * group (an item), so everything fixed about the group drops out, and the coefficients are fitted on
 * what varies inside groups. Each group adds its own X'X and X'y, so resampling groups (the bootstrap)
 * only re-adds precomputed pieces.
 */
export interface GroupMoments {
  /** X'X of the demeaned rows, row-major p x p. */
  xtx: Float64Array;
  /** X'y of the demeaned rows. */
  xty: Float64Array;
}

/**
 * The moments of one group: `x` rows of p regressors and their `y`, demeaned within the group (the
 * fixed-effects estimator) or, with `demean: false`, as they are (ordinary least squares; put an
 * intercept column in x).
 */
export function groupMoments(
  x: readonly (readonly number[])[],
  y: readonly number[],
  p: number,
  demean = true,
): GroupMoments {
  const n = y.length;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  if (demean && n < 2) return { xtx, xty };
  const meanY = demean ? y.reduce((a, b) => a + b, 0) / n : 0;
  const meanX = new Float64Array(p);
  if (demean) for (const row of x) for (let j = 0; j < p; j++) meanX[j]! += row[j]! / n;
  for (let i = 0; i < n; i++) {
    const row = x[i]!;
    const dy = y[i]! - meanY;
    for (let j = 0; j < p; j++) {
      const dj = row[j]! - meanX[j]!;
      if (dj === 0) continue;
      xty[j]! += dj * dy;
      for (let k = 0; k < p; k++) xtx[j * p + k]! += dj * (row[k]! - meanX[k]!);
    }
  }
  return { xtx, xty };
}

/** Adds `weight` copies of a group's moments into the running totals. */
export function addMoments(total: GroupMoments, group: GroupMoments, weight = 1): void {
  for (let i = 0; i < total.xtx.length; i++) total.xtx[i]! += weight * group.xtx[i]!;
  for (let i = 0; i < total.xty.length; i++) total.xty[i]! += weight * group.xty[i]!;
}

export function emptyMoments(p: number): GroupMoments {
  return { xtx: new Float64Array(p * p), xty: new Float64Array(p) };
}

/** The coefficients from summed moments, or undefined when they are not identified. */
export function solveMoments(total: GroupMoments): number[] | undefined {
  const p = total.xty.length;
  const a: number[][] = [];
  for (let j = 0; j < p; j++) a.push(Array.from(total.xtx.subarray(j * p, (j + 1) * p)));
  return solveLinear(a, Array.from(total.xty));
}
