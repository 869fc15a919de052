import { allocate } from '../dtype.js';
import { checkShape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import type { TensorOptions } from './tensor.js';

/**
 * A tensor of `shape` filled with `value`.
 *
 * @example
 * ```ts
 * import { full } from '@recur/tensor';
 * full([2, 2], 7).toArray(); // [[7, 7], [7, 7]]
 * ```
 */
export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  const checked = checkShape('full', shape);
  const data = allocate(options.dtype ?? 'float32', sizeOf(checked));
  if (value !== 0) data.fill(value);
  return new Tensor(data, checked, options.requiresGrad ?? false);
}
