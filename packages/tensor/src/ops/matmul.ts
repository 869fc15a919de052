import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import type { FloatArray } from '../dtype.js';
import { DTypeError, ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkBoolean } from '../validation/check-boolean.js';
import { checkOptions } from '../validation/check-options.js';
import { checkTensor } from '../validation/check-tensor.js';
import { output, requireFloat } from './operands.js';

export interface MatmulOptions {
  /** Multiply by the transpose of `a`'s last two axes. */
  transposeA?: boolean;
  /** Multiply by the transpose of `b`'s last two axes. */
  transposeB?: boolean;
}

/**
 * Matrix product over the last two axes: `[m, k] x [k, n]`, `[..., m, k] x [k, n]` (one GEMM over
 * all leading rows: a dense layer on a sequence) and batched `[b, m, k] x [b, k, n]`.
 *
 * @example
 * ```ts
 * import { matmul, tensor } from '@recur/tensor';
 * matmul(tensor([[1, 2]]), tensor([[3], [4]])).toArray(); // [[11]]
 * const x = tensor(new Float32Array(2 * 5 * 3), [2, 5, 3]); // [batch, time, features]
 * matmul(x, tensor(new Float32Array(3 * 4), [3, 4])).shape; // [2, 5, 4]
 * ```
 */
export function matmul(a: Tensor, b: Tensor, options?: MatmulOptions): Tensor {
  checkTensor('matmul', 'a', a);
  checkTensor('matmul', 'b', b);
  const checked = checkOptions('matmul', 'options', options, ['transposeA', 'transposeB']);
  const transposeA = checkBoolean('matmul', 'transposeA', checked.transposeA, false);
  const transposeB = checkBoolean('matmul', 'transposeB', checked.transposeB, false);
  requireFloat('matmul', a, 'a');
  if (a.dtype !== b.dtype)
    throw new DTypeError('matmul', 'operands of one dtype', `${a.dtype} and ${b.dtype}`);
  if (a.rank < 2 || b.rank < 2 || (b.rank > 2 && b.rank !== a.rank) || b.rank > 3) {
    throw new ShapeError(
      'matmul',
      '[m, k] x [k, n], [..., m, k] x [k, n] or [b, m, k] x [b, k, n]',
      `${formatShape(a.shape)} x ${formatShape(b.shape)}`,
    );
  }
  const [m, k] = lastTwo(a.shape, transposeA);
  const [kb, n] = lastTwo(b.shape, transposeB);
  const batched = b.rank === 3;
  if (
    k !== kb ||
    (batched && a.shape[0] !== b.shape[0]) ||
    (transposeA && a.rank > 2 && !batched)
  ) {
    throw new ShapeError(
      'matmul',
      `inner dimensions that agree${batched ? ' and equal batch sizes' : ''}`,
      `${formatShape(a.shape)}${transposeA ? 'ᵀ' : ''} x ${formatShape(b.shape)}${transposeB ? 'ᵀ' : ''}`,
    );
  }
  const lead = a.shape.slice(0, -2);
  const out = output(a.dtype, [...lead, m, n], 'matmul');
  if (batched) {
    for (let i = 0; i < a.shape[0]; i++) {
      gemmInto(
        a.data.subarray(i * m * k, (i + 1) * m * k) as FloatArray,
        b.data.subarray(i * k * n, (i + 1) * k * n) as FloatArray,
        out.data.subarray(i * m * n, (i + 1) * m * n) as FloatArray,
        m,
        n,
        k,
        transposeA,
        transposeB,
      );
    }
  } else {
    // [..., m, k] x [k, n]: all leading rows in one GEMM.
    const rows = a.shape.slice(0, -1).reduce((product, d) => product * d, 1);
    gemmInto(
      a.data as FloatArray,
      b.data as FloatArray,
      out.data as FloatArray,
      transposeA ? m : rows,
      n,
      k,
      transposeA,
      transposeB,
    );
  }
  record('matmul', [a, b], [out], { transposeA, transposeB });
  return out;
}

function lastTwo(shape: readonly number[], transposed: boolean): [number, number] {
  const rows = shape[shape.length - 2];
  const cols = shape[shape.length - 1];
  return transposed ? [cols, rows] : [rows, cols];
}

function gemmInto(
  a: FloatArray,
  b: FloatArray,
  c: FloatArray,
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
  transposeB: boolean,
): void {
  currentBackend().gemm({ transposeA, transposeB, m, n, k, alpha: 1, a, b, beta: 0, c });
}

// For Y = op(A) op(B): with tA/tB the transpose flags,
//   dA = dY op(B)^T            (no tA)   or  op(B) dY^T   (tA)
//   dB = op(A)^T dY            (no tB)   or  dY^T op(A)   (tB)
// each one GEMM with the right flags; leading axes of A fold into the row count.
registerGradient('matmul', ([dy], { inputs: [a, b], saved }) => {
  const tA = saved.transposeA as boolean;
  const tB = saved.transposeB as boolean;
  const g = dy!;
  let da: Tensor | null = null;
  let db: Tensor | null = null;
  if (a.requiresGrad) {
    da = tA
      ? matmul(b, g, { transposeA: tB, transposeB: true })
      : matmul(g, b, { transposeB: !tB });
  }
  if (b.requiresGrad) {
    if (b.rank === 3) {
      db = tB
        ? matmul(g, a, { transposeA: true, transposeB: tA })
        : matmul(a, g, { transposeA: !tA });
    } else {
      // Fold leading axes: A as [rows, k] (or [k, m] when transposed, which only 2-D allows).
      const k = a.shape[a.rank - 1];
      const a2 = a.rank > 2 ? a.reshape([-1, k]) : a;
      const g2 = g.rank > 2 ? g.reshape([-1, g.shape[g.rank - 1]]) : g;
      db = tB
        ? matmul(g2, a2, { transposeA: true, transposeB: tA })
        : matmul(a2, g2, { transposeA: !tA });
    }
  }
  return [da, db];
});
