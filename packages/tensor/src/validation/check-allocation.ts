import type { DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import { activeAllocationLimit } from './allocation-limit.js';
import { describeValue } from './describe-value.js';

/**
 * The number of elements of a tensor of `shape` and `dtype`, refused with a `ValueError` naming
 * `name` when it exceeds the allocation limit (see `setAllocationLimit`). The product is checked
 * for exactness, so dimensions whose product overflows 2^53 are refused rather than rounded. For
 * code that allocates storage itself; the creation functions and ops already call it.
 *
 * @example
 * ```ts
 * import { checkAllocation } from '@recur/tensor';
 * checkAllocation('myOp', 'shape', [2, 3], 'float32'); // 6
 * // checkAllocation('myOp', 'shape', [1e6, 1e6, 1e6], 'float32') throws a ValueError naming shape
 * ```
 */
export function checkAllocation(
  op: string,
  name: string,
  shape: readonly number[],
  dtype: DType,
): number {
  if (!Array.isArray(shape))
    throw new ValueError(op, `${name} to be a list of dimensions`, describeValue(shape));
  let size = 1;
  let empty = false;
  for (const dimension of shape) {
    // Checked separately: Infinity * 0 is NaN, and an empty tensor needs no memory at all.
    if (dimension === 0) empty = true;
    size *= dimension;
  }
  if (empty) return 0;
  const limit = activeAllocationLimit();
  const bytes = size * (dtype === 'float64' ? 8 : 4);
  if (Number.isSafeInteger(size) && size <= limit.maxElements && bytes <= limit.maxBytes)
    return size;
  throw new ValueError(
    op,
    `${name} to give a tensor within the allocation limit (at most ${limit.maxElements} elements and ${limit.maxBytes} bytes; see setAllocationLimit)`,
    `[${shape.join(', ')}]: ${size} ${dtype} elements (${bytes} bytes)`,
  );
}
