/**
 * Eigenvalues and eigenvectors of a small symmetric matrix (n by n, row-major), by cyclic Jacobi
 * rotations: `vectors` holds eigenvector k in column k.
 */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off = Math.max(off, Math.abs(a[i * n + j]!));
    if (off <= 1e-15 * Math.max(scale, 1e-300)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors: v };
}

/**
 * The symmetric inverse square root of a positive semi-definite matrix on its range (the
 * Moore-Penrose sense): eigenvalues below `tolerance` times the largest are left out.
 */
export function inverseSquareRoot(matrix: Float64Array, n: number, tolerance = 1e-10): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  let largest = 0;
  for (const value of values) largest = Math.max(largest, value);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const value = values[k]!;
    if (!(value > tolerance * largest)) continue;
    const w = 1 / Math.sqrt(value);
    for (let i = 0; i < n; i++) {
      const vi = vectors[i * n + k]! * w;
      if (vi === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += vi * vectors[j * n + k]!;
    }
  }
  return out;
}
