import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { fillTensor } from './fill-tensor.js';
import type { TensorOptions } from './tensor.js';

/**
 * A tensor of ones.
 *
 * @example
 * ```ts
 * import { ones } from '@recur/tensor';
 * ones([2]).toArray(); // [1, 1]
 * ```
 */
export function ones(shape: readonly number[], options?: TensorOptions): Tensor {
  return fillTensor('ones', shape, 1, options);
}

/**
 * Ones with the shape and dtype of `like`.
 *
 * @example
 * ```ts
 * import { onesLike, zeros } from '@recur/tensor';
 * onesLike(zeros([2])).toArray(); // [1, 1]
 * ```
 */
export function onesLike(like: Tensor): Tensor {
  const source = checkTensor('onesLike', 'like', like);
  return fillTensor('onesLike', source.shape, 1, { dtype: source.dtype });
}
