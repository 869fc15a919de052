import type { FloatArray } from '../../dtype.js';
import { gemmStrided } from './gemm.js';
import { BLOCK } from './cholesky-qr-tasks.js';
import { parallelAvailable, runJob } from '../../parallel/task-pool.js';

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
// From m n^2 = 2^27 multiply-adds (~50 ms on one thread here; 1024 x 256, an LSTM(256)'s kernel,
// stays on one) the Gram matrix and the solve run on the pool's threads: a worker's first start
// costs ~30 ms, its share of an LSTM(1024)'s 4 s is half of it on two cores.
const PARALLEL_WORK = 2 ** 27;

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
  const shared = m * n * n >= PARALLEL_WORK && parallelAvailable();
  const float64 = (length: number) =>
    new Float64Array(shared ? new SharedArrayBuffer(length * 8) : new ArrayBuffer(length * 8));
  // W starts as a float64 copy of A: the Gram matrix reads it, then the solve turns it into Q.
  const w = float64(m * n);
  w.set(a);
  const factor = float64(n * n);
  runJob({ kind: 'gram', a: w, m, n, out: factor }, shared);
  if (!choleskyUpper(factor, n)) return false;
  if (conditionEstimate(factor, n) > MAXIMUM_CONDITION) return false;
  const inverses = float64(Math.ceil(n / BLOCK) * BLOCK * BLOCK);
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    invertDiagonalBlock(factor, n, j0, Math.min(BLOCK, n - j0), inverses.subarray(j0 * BLOCK));
  }
  runJob({ kind: 'solve', w, m, n, r: factor, inverses }, shared);
  q.set(w);
  r.set(factor);
  return true;
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
