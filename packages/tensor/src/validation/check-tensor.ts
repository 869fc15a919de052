import { isStorage } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { isDetached } from './detached.js';
import { describeValue } from './describe-value.js';
import { isTensor } from './is-tensor.js';

/**
 * Checks a tensor argument: a {@link Tensor} whose storage is still there. A tensor whose buffer was
 * transferred or detached (its typed array now reads as empty) is refused on every backend, where
 * the TypeScript kernels would otherwise compute with NaN. O(1): the stored size is compared with
 * the storage's length.
 *
 * @example
 * ```ts
 * import { checkTensor, ones } from '@recur/tensor';
 * const x = checkTensor('myOp', 'x', ones([2])); // the tensor
 * // checkTensor('myOp', 'x', [1, 2]) throws "myOp: expected x to be a Tensor, received [1, 2]"
 * ```
 */
export function checkTensor(op: string, name: string, value: unknown): Tensor {
  if (!isTensor(value)) throw new DTypeError(op, `${name} to be a Tensor`, describeValue(value));
  const data = value.data as unknown;
  if (!isStorage(data) || data.length !== value.size || (data.length === 0 && isDetached(data)))
    throw new ValueError(
      op,
      `${name} to be a Tensor with live storage`,
      `a Tensor of shape [${value.shape?.join(', ')}] whose buffer was detached (transferred)`,
    );
  return value;
}
