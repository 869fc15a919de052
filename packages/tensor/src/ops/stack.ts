import { DTypeError, ShapeError } from '../errors.js';
import { formatShape, normalizeAxis, sameShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { concat } from './concat.js';
import { expandDims } from './reshape.js';
import { checkTensorList } from './tensor-list.js';

/**
 * Joins tensors of one shape along a new axis (composed of expandDims and concat, so its gradient
 * is theirs).
 *
 * @example
 * ```ts
 * import { ones, stack } from '@recur/tensor';
 * stack([ones([3]), ones([3])]).shape; // [2, 3]
 * stack([ones([3]), ones([3])], 1).shape; // [3, 2]
 * ```
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  checkTensorList('stack', tensors);
  const [first] = tensors;
  tensors.forEach((t, i) => {
    if (!sameShape(t.shape, first.shape))
      throw new ShapeError(
        'stack',
        `tensors of one shape (${formatShape(first.shape)})`,
        `${formatShape(t.shape)} at tensors[${i}]`,
      );
    if (t.dtype !== first.dtype)
      throw new DTypeError(
        'stack',
        `tensors of one dtype (${first.dtype})`,
        `${t.dtype} at tensors[${i}]`,
      );
  });
  const at = normalizeAxis('stack', axis, first.rank + 1);
  return concat(
    tensors.map((t) => expandDims(t, at)),
    at,
  );
}
