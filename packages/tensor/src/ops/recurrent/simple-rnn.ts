import type { Tensor } from '../../tensor.js';
import {
  type RecurrentOptions,
  type RecurrentResult,
  type RecurrentStates,
  runRecurrent,
} from './recurrent-op.js';

/**
 * A whole SimpleRNN layer pass in one fused kernel call: `h_t = act(x_t W + h_{t-1} U + b)` with
 * `kernel [D, H]`, `recurrentKernel [H, H]`, `bias [H]`.
 *
 * @example
 * ```ts
 * import { randomNormal, simpleRnn } from '@recur/tensor';
 * const x = randomNormal([2, 5, 3], { seed: 1 });
 * const { sequence } = simpleRnn(x, randomNormal([3, 4], { seed: 2 }), randomNormal([4, 4], { stddev: 0.3, seed: 3 }), null, { activation: 'relu' });
 * console.log(sequence.shape); // [2, 5, 4]
 * ```
 */
export function simpleRnn(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options: RecurrentOptions & { sequence: false },
): RecurrentStates;
export function simpleRnn(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: RecurrentOptions & { sequence?: true },
): RecurrentResult;
export function simpleRnn(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: RecurrentOptions,
): RecurrentResult | RecurrentStates;
export function simpleRnn(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options?: RecurrentOptions,
): RecurrentResult | RecurrentStates {
  return runRecurrent('simpleRnn', x, kernel, recurrentKernel, bias, options);
}
