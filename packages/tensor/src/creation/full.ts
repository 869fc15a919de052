import type { Tensor } from '../tensor.js';
import { fillTensor } from './fill-tensor.js';
import type { TensorOptions } from './tensor.js';

/**
 * A tensor of `shape` filled with `value` (an int32 fill must be an integer an int32 holds).
 *
 * @example
 * ```ts
 * import { full } from '@recur/tensor';
 * full([2, 2], 7).toArray(); // [[7, 7], [7, 7]]
 * ```
 */
export function full(shape: readonly number[], value: number, options?: TensorOptions): Tensor {
  return fillTensor('full', shape, value, options);
}
