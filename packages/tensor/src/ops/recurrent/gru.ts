import type { Tensor } from '../../tensor.js';
import {
  type GruOptions,
  type RecurrentResult,
  type RecurrentStates,
  runRecurrent,
} from './recurrent-op.js';

/**
 * A whole GRU layer pass in one fused kernel call. Keras 3 layouts: `kernel [D, 3H]`,
 * `recurrentKernel [H, 3H]`, gate order z, r, h; `h_t = z * h_{t-1} + (1 - z) * candidate`. With
 * `resetAfter: true` (default) `bias` is `[2, 3H]` (input and recurrent bias) and the candidate is
 * `act(x W_h + b_h + r * (h U_h + b_rh))`; with `resetAfter: false` (Cho et al.) `bias` is `[3H]` and
 * the candidate is `act(x W_h + (r * h) U_h + b_h)`.
 *
 * @example
 * ```ts
 * import { gru, randomNormal, zeros } from '@recur/tensor';
 * const x = randomNormal([2, 5, 3], { seed: 1 });
 * const W = randomNormal([3, 3 * 4], { stddev: 0.3, seed: 2 });
 * const U = randomNormal([4, 3 * 4], { stddev: 0.3, seed: 3 });
 * const { h } = gru(x, W, U, zeros([2, 12]));
 * console.log(h.shape); // [2, 4]
 * ```
 */
export function gru(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options: GruOptions & { sequence: false },
): RecurrentStates;
export function gru(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: GruOptions & { sequence?: true },
): RecurrentResult;
export function gru(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: GruOptions,
): RecurrentResult | RecurrentStates;
export function gru(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: GruOptions,
): RecurrentResult | RecurrentStates {
  return runRecurrent('gru', x, kernel, recurrentKernel, bias, options);
}
