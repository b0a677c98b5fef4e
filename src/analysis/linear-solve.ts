/**
 * Solves A x = b for a small symmetric positive semi-definite A (Gaussian elimination with partial
 * pivoting). Returns undefined when A is singular to working precision: a coefficient is not
 * identified by the data.
 */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] | undefined {
  const n = b.length;
  if (n === 0) return [];
  const m = a.map((row, i) => [...row, b[i]!]);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(m[i]![i]!));
  if (scale === 0) return undefined;
  const tolerance = scale * 1e-10;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    if (Math.abs(m[pivot]![col]!) <= tolerance) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]!;
    for (let row = col + 1; row < n; row++) {
      const r = m[row]!;
      const factor = r[col]! / p[col]!;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) r[k]! -= factor * p[k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    const r = m[row]!;
    let sum = r[n]!;
    for (let k = row + 1; k < n; k++) sum -= r[k]! * x[k]!;
    x[row] = sum / r[row]!;
  }
  return x;
}
