import type { Tensor } from '../tensor.js';
import { checkBoolean } from '../validation/check-boolean.js';
import { checkTensor } from '../validation/check-tensor.js';
import { div } from './binary-ops.js';
import { reductionAxes } from './reduction.js';
import { sum } from './sum.js';

/**
 * Mean over `axis` (all axes when omitted): a sum divided by the count, so its gradient is the
 * sum's. A size-0 axis gives NaN (0 / 0).
 *
 * @example
 * ```ts
 * import { mean, tensor } from '@recur/tensor';
 * mean(tensor([[1, 2], [3, 4]]), 1).toArray(); // [1.5, 3.5]
 * ```
 */
export function mean(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  checkTensor('mean', 'x', x);
  checkBoolean('mean', 'keepDims', keepDims, false);
  const axes = reductionAxes('mean', x, axis);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  return div(sum(x, axes, keepDims), count);
}
