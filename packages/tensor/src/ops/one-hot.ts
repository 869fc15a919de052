import { allocate, type DType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { asTensor } from './operands.js';

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
export function oneHot(
  indices: TensorLike,
  depth: number,
  options: { dtype?: DType } = {},
): Tensor {
  const index = asTensor(indices, 'int32');
  if (index.dtype !== 'int32') throw new DTypeError('oneHot', 'int32 indices', index.dtype);
  if (!Number.isInteger(depth) || depth <= 0)
    throw new ValueError('oneHot', 'a positive integer depth', String(depth));
  const data = allocate(options.dtype ?? 'float32', index.size * depth);
  for (let i = 0; i < index.size; i++) {
    const k = index.data[i];
    if (k === -1) continue;
    if (k < 0 || k >= depth)
      throw new ValueError(
        'oneHot',
        `indices in [0, ${depth}) or -1`,
        `${k} at flat position ${i}`,
      );
    data[i * depth + k] = 1;
  }
  return new Tensor(data, [...index.shape, depth]);
}
