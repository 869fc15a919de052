import type { FloatArray } from '../../../dtype.js';
import { gemm } from '../gemm.js';

export interface ProductOptions {
  /** `c += ...` instead of `c = ...`. */
  accumulate?: boolean;
  transposeA?: boolean;
  transposeB?: boolean;
}

/**
 * `c[m, n] = op(a)[m, k] . op(b)[k, n]` (or `+=`): the recurrent kernels' one GEMM shape, with
 * alpha 1, so each call site reads as the product it computes.
 */
export function multiply(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  options: ProductOptions = {},
): void {
  const { accumulate = false, transposeA = false, transposeB = false } = options;
  gemm({ transposeA, transposeB, m, n, k, alpha: 1, a, b, beta: accumulate ? 1 : 0, c });
}
