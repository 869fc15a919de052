import { allocate, checkDType, type DType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { checkAllocation } from '../validation/check-allocation.js';
import { checkInteger } from '../validation/check-integer.js';
import { checkOptions } from '../validation/check-options.js';
import { tensorArgument } from './operands.js';

/**
 * One-hot encoding of int32 indices: shape `[...indices.shape, depth]`. An index of -1 gives an
 * all-zero row (useful for padding); anything else outside `[0, depth)` is an error.
 *
 * @example
 * ```ts
 * import { oneHot, tensor } from '@recur/tensor';
 * oneHot(tensor([0, 2], undefined, { dtype: 'int32' }), 3).toArray(); // [[1, 0, 0], [0, 0, 1]]
 * ```
 */
export function oneHot(indices: TensorLike, depth: number, options?: { dtype?: DType }): Tensor {
  const op = 'oneHot';
  const index = tensorArgument(op, 'indices', indices, 'int32');
  if (index.dtype !== 'int32') throw new DTypeError(op, 'int32 indices', index.dtype);
  checkInteger(op, 'depth', depth, 1);
  const checked = checkOptions(op, 'options', options, ['dtype']);
  const dtype = checked.dtype === undefined ? 'float32' : checkDType(op, 'dtype', checked.dtype);
  const shape = [...index.shape, depth];
  const data = allocate(dtype, checkAllocation(op, 'depth', shape, dtype));
  for (let i = 0; i < index.size; i++) {
    const k = index.data[i];
    if (k === -1) continue;
    if (k < 0 || k >= depth)
      throw new ValueError(op, `indices in [0, ${depth}) or -1`, `${k} at flat position ${i}`);
    data[i * depth + k] = 1;
  }
  return new Tensor(data, shape);
}
