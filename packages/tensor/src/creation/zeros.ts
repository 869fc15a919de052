import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { fillTensor } from './fill-tensor.js';
import type { TensorOptions } from './tensor.js';

/**
 * A tensor of zeros.
 *
 * @example
 * ```ts
 * import { zeros } from '@recur/tensor';
 * zeros([2, 3]).toArray(); // [[0, 0, 0], [0, 0, 0]]
 * ```
 */
export function zeros(shape: readonly number[], options?: TensorOptions): Tensor {
  return fillTensor('zeros', shape, 0, options);
}

/**
 * Zeros with the shape and dtype of `like`.
 *
 * @example
 * ```ts
 * import { ones, zerosLike } from '@recur/tensor';
 * zerosLike(ones([2])).toArray(); // [0, 0]
 * ```
 */
export function zerosLike(like: Tensor): Tensor {
  const source = checkTensor('zerosLike', 'like', like);
  return fillTensor('zerosLike', source.shape, 0, { dtype: source.dtype });
}
