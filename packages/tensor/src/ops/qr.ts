import { registerNonDifferentiable } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { FloatArray } from '../dtype.js';
import type { Tensor, TensorLike } from '../tensor.js';
import { output, requireFloat, tensorArgument } from './operands.js';

// The factors are returned as constants: recur has no gradient for them (Keras has none either).
registerNonDifferentiable('qr');

/**
 * Reduced QR factorisation of a float32 or float64 matrix `x` `[m, n]` with `m >= n >= 1` (Keras'
 * `keras.ops.qr(x)`, numpy's `linalg.qr(x, mode='reduced')`; nested arrays are float32):
 * `x = q r` with `q` `[m, n]` of orthonormal columns and `r` `[n, n]` upper triangular, both of
 * `x`'s dtype, and `diag(r) >= 0`: the factorisation that is unique for a full-rank `x`, so every
 * backend gives the same factors up to rounding (LAPACK's, and numpy's, may have negative entries
 * on R's diagonal; they differ from these by the signs of q's columns and r's rows). On both
 * backends a well-conditioned float32 matrix takes a float64 CholeskyQR (the backends then agree
 * to float32 rounding); everything else a Householder QR (LAPACK's on the native backend, a
 * blocked float64 one in TypeScript). Not differentiable: `q` and `r` are constants for autograd.
 *
 * @example
 * ```ts
 * import { matmul, qr, tensor } from '@recur/tensor';
 * const x = tensor([[3, 1], [4, 2], [0, 5]], undefined, { dtype: 'float64' });
 * const { q, r } = qr(x); // q: [3, 2], r: [2, 2]
 * console.log(matmul(q, r).toArray()); // [[3, 1], [4, 2], [0, 5]], up to rounding
 * ```
 */
export function qr(x: TensorLike): { q: Tensor; r: Tensor } {
  const matrix = tensorArgument('qr', 'x', x);
  if (matrix.rank !== 2)
    throw new ShapeError(
      'qr',
      'x to be a matrix (rank 2)',
      `a tensor of shape ${formatShape(matrix.shape)}`,
    );
  requireFloat('qr', matrix, 'x');
  const [m, n] = matrix.shape;
  if (n === 0)
    throw new ShapeError(
      'qr',
      'x to be a non-empty matrix',
      `a matrix of shape ${formatShape(matrix.shape)}`,
    );
  if (m < n)
    throw new ShapeError(
      'qr',
      'x to have at least as many rows as columns (reduced QR of a tall or square matrix)',
      `a matrix of shape ${formatShape(matrix.shape)}`,
    );
  const q = output(matrix.dtype, [m, n], 'qr');
  const r = output(matrix.dtype, [n, n], 'qr');
  const data = (t: Tensor) => t.data as FloatArray;
  currentBackend().qr(data(matrix), m, n, data(q), data(r));
  makeDiagonalNonNegative(data(q), data(r), m, n);
  return { q, r };
}

/** Flips the sign of row j of `r` and column j of `q` wherever r[j, j] < 0 (q r is unchanged). */
function makeDiagonalNonNegative(q: FloatArray, r: FloatArray, m: number, n: number): void {
  for (let j = 0; j < n; j++) {
    if (!(r[j * n + j] < 0)) continue;
    for (let c = j; c < n; c++) r[j * n + c] = -r[j * n + c];
    for (let i = 0; i < m; i++) q[i * n + j] = -q[i * n + j];
  }
}
