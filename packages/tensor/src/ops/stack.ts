import { ValueError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { concat } from './concat.js';
import { expandDims } from './reshape.js';

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
  if (tensors.length === 0) throw new ValueError('stack', 'at least one tensor', 'an empty list');
  const at = normalizeAxis('stack', axis, tensors[0].rank + 1);
  return concat(
    tensors.map((t) => expandDims(t, at)),
    at,
  );
}
