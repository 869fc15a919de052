import type { Tensor } from '../../tensor.js';
import {
  type RecurrentOptions,
  type RecurrentResult,
  type RecurrentStates,
  runRecurrent,
} from './recurrent-op.js';

/**
 * A whole LSTM layer pass in one fused kernel call (forward and, when recorded, backward through
 * time). Keras 3 layouts: `kernel [D, 4H]`, `recurrentKernel [H, 4H]`, `bias [4H]` (or null), gate
 * order i, f, c, o; `c_t = f * c_{t-1} + i * g`, `h_t = o * tanh(c_t)`.
 *
 * @example
 * ```ts
 * import { lstm, randomNormal } from '@recur/tensor';
 * const x = randomNormal([2, 5, 3], { seed: 1 }); // [batch, steps, features]
 * const W = randomNormal([3, 4 * 8], { stddev: 0.3, seed: 2 });
 * const U = randomNormal([8, 4 * 8], { stddev: 0.3, seed: 3 });
 * const { sequence, h, c } = lstm(x, W, U, null);
 * console.log(sequence.shape, h.shape, c?.shape); // [2, 5, 8] [2, 8] [2, 8]
 * const states = lstm(x, W, U, null, { sequence: false }); // final states only
 * console.log(states.sequence, states.h.shape); // null [2, 8]
 * ```
 */
export function lstm(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options: RecurrentOptions & { sequence: false },
): RecurrentStates;
export function lstm(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: RecurrentOptions & { sequence?: true },
): RecurrentResult;
export function lstm(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: RecurrentOptions,
): RecurrentResult | RecurrentStates;
export function lstm(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: RecurrentOptions,
): RecurrentResult | RecurrentStates {
  return runRecurrent('lstm', x, kernel, recurrentKernel, bias, options);
}
