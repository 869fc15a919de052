import type { FloatArray } from '../../dtype.js';
import { gemmStrided } from './gemm.js';

// CholeskyQR in float64: R = chol(A^T A), Q = A R^-1. At 4096 x 1024 (an LSTM(1024)'s recurrent
// kernel) it is ~10 GFLOP of GEMM against the Householder QR's ~16, which is what building that
// layer on the TS backend costs.
//
// Its loss of orthogonality grows like eps * cond(A)^2 (Householder's does not grow with cond),
// so it is only tried where that cannot show: float32 results, and an R whose estimated 1-norm
// condition number is at most MAXIMUM_CONDITION (a loss around 1e-10 in float64, far under
// float32's 6e-8; a Gaussian 4096 x 1024 matrix has cond ~3). Otherwise, or when A^T A is not
// numerically positive definite, it declines and the caller runs Householder. R's diagonal comes
// out positive: the unique factorisation of a full-rank A.
const MAXIMUM_CONDITION = 1e3;
// Column blocks of the Gram matrix, the Cholesky factorization and the solve for Q.
const BLOCK = 64;

/**
 * Reduced QR of the row-major `[m, n]` `a` into `q` `[m, n]` and `r` `[n, n]` (row-major) when it
 * is safe in float32 (see above); returns false, leaving `q` and `r` unspecified, when it is not.
 */
export function choleskyQr(
  a: FloatArray,
  m: number,
  n: number,
  q: FloatArray,
  r: FloatArray,
): boolean {
  const factor = new Float64Array(n * n);
  gram(a, m, n, factor);
  if (!choleskyUpper(factor, n)) return false;
  if (conditionEstimate(factor, n) > MAXIMUM_CONDITION) return false;
  // The constructor, not Float64Array.from: from() goes through the iterator (0.2 s at 4M).
  const w = new Float64Array(a);
  rightDivide(w, m, n, factor);
  q.set(w);
  r.set(factor);
  return true;
}

/** The upper triangle of A^T A (block rows against the blocks on and right of the diagonal). */
function gram(a: FloatArray, m: number, n: number, out: Float64Array): void {
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const rows = Math.min(BLOCK, n - i0);
    gemmStrided({
      transposeA: true,
      transposeB: false,
      m: rows,
      n: n - i0,
      k: m,
      alpha: 1,
      a,
      aOffset: i0,
      lda: n,
      b: a,
      bOffset: i0,
      ldb: n,
      beta: 0,
      c: out,
      cOffset: i0 * n + i0,
      ldc: n,
    });
  }
}

/**
 * In place, the upper triangular R with R^T R = G from G's upper triangle (row-major), a block
 * row at a time: the block's rows are finished by substitution, then the trailing upper blocks
 * lose their product with it. Zeroes the strict lower triangle. False if a pivot is not positive.
 */
function choleskyUpper(g: Float64Array, n: number): boolean {
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = Math.min(n, k0 + BLOCK);
    for (let j = k0; j < k1; j++) {
      const row = j * n;
      for (let p = k0; p < j; p++) {
        const coefficient = g[p * n + j];
        const source = p * n;
        for (let c = j; c < n; c++) g[row + c] -= coefficient * g[source + c];
      }
      const pivot = g[row + j];
      if (!(pivot > 0) || !Number.isFinite(pivot)) return false;
      const inverse = 1 / Math.sqrt(pivot);
      for (let c = j; c < n; c++) g[row + c] *= inverse;
    }
    for (let i0 = k1; i0 < n; i0 += BLOCK) {
      gemmStrided({
        transposeA: true,
        transposeB: false,
        m: Math.min(BLOCK, n - i0),
        n: n - i0,
        k: k1 - k0,
        alpha: -1,
        a: g,
        aOffset: k0 * n + i0,
        lda: n,
        b: g,
        bOffset: k0 * n + i0,
        ldb: n,
        beta: 1,
        c: g,
        cOffset: i0 * n + i0,
        ldc: n,
      });
    }
  }
  for (let i = 1; i < n; i++) g.fill(0, i * n, i * n + i);
  return true;
}

/**
 * cond_1(R) = ||R||_1 ||R^-1||_1 with ||R^-1||_1 from Hager's estimator as LAPACK's dlacon runs
 * it (a few O(n^2) triangular solves; a lower bound, in practice within a small factor).
 */
function conditionEstimate(r: Float64Array, n: number): number {
  let norm = 0;
  for (let c = 0; c < n; c++) {
    let column = 0;
    for (let i = 0; i <= c; i++) column += Math.abs(r[i * n + c]);
    norm = Math.max(norm, column);
  }
  let x = new Float64Array(n).fill(1 / n);
  let estimate = 0;
  for (let iteration = 0; iteration < 5; iteration++) {
    const y = solveUpper(r, n, x);
    const next = y.reduce((sum, value) => sum + Math.abs(value), 0);
    if (!Number.isFinite(next)) return Number.POSITIVE_INFINITY;
    if (iteration > 0 && next <= estimate) break;
    estimate = next;
    const z = solveUpperTransposed(
      r,
      n,
      y.map((value) => (value >= 0 ? 1 : -1)),
    );
    let largest = 0;
    for (let i = 1; i < n; i++) if (Math.abs(z[i]) > Math.abs(z[largest])) largest = i;
    let dot = 0;
    for (let i = 0; i < n; i++) dot += z[i] * x[i];
    if (Math.abs(z[largest]) <= dot) break;
    x = new Float64Array(n);
    x[largest] = 1;
  }
  return norm * estimate;
}

/** R^-1 x by back substitution. */
function solveUpper(r: Float64Array, n: number, x: Float64Array): Float64Array {
  const y = Float64Array.from(x);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let c = i + 1; c < n; c++) sum -= r[i * n + c] * y[c];
    y[i] = sum / r[i * n + i];
  }
  return y;
}

/** R^-T x by forward substitution (R^T is lower triangular). */
function solveUpperTransposed(r: Float64Array, n: number, x: Float64Array): Float64Array {
  const y = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    const value = y[i] / r[i * n + i];
    y[i] = value;
    for (let c = i + 1; c < n; c++) y[c] -= r[i * n + c] * value;
  }
  return y;
}

/**
 * W = W R^-1 in place (W row-major [m, n]), a column block at a time: each block first loses its
 * product with the finished blocks on its left (one GEMM), then is multiplied by its diagonal
 * block's inverse (a small triangular inverse and one GEMM through a scratch copy).
 */
function rightDivide(w: Float64Array, m: number, n: number, r: Float64Array): void {
  const scratch = new Float64Array(m * BLOCK);
  const inverse = new Float64Array(BLOCK * BLOCK);
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const width = Math.min(BLOCK, n - j0);
    if (j0 > 0) {
      gemmStrided({
        transposeA: false,
        transposeB: false,
        m,
        n: width,
        k: j0,
        alpha: -1,
        a: w,
        aOffset: 0,
        lda: n,
        b: r,
        bOffset: j0,
        ldb: n,
        beta: 1,
        c: w,
        cOffset: j0,
        ldc: n,
      });
    }
    invertDiagonalBlock(r, n, j0, width, inverse);
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < width; c++) scratch[i * width + c] = w[i * n + j0 + c];
    }
    gemmStrided({
      transposeA: false,
      transposeB: false,
      m,
      n: width,
      k: width,
      alpha: 1,
      a: scratch,
      aOffset: 0,
      lda: width,
      b: inverse,
      bOffset: 0,
      ldb: width,
      beta: 0,
      c: w,
      cOffset: j0,
      ldc: n,
    });
  }
}

/** `out` (row-major [width, width]) = the inverse of R's upper triangular diagonal block at j0. */
function invertDiagonalBlock(
  r: Float64Array,
  n: number,
  j0: number,
  width: number,
  out: Float64Array,
): void {
  out.fill(0, 0, width * width);
  // Column by column: R_jj X = I, solved by back substitution for each unit vector.
  for (let c = 0; c < width; c++) {
    out[c * width + c] = 1 / r[(j0 + c) * n + j0 + c];
    for (let i = c - 1; i >= 0; i--) {
      let sum = 0;
      for (let p = i + 1; p <= c; p++) sum += r[(j0 + i) * n + j0 + p] * out[p * width + c];
      out[i * width + c] = -sum / r[(j0 + i) * n + j0 + i];
    }
  }
}
