import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import type { Tensor } from '../tensor.js';
import { checkBoolean } from '../validation/check-boolean.js';
import { checkTensor } from '../validation/check-tensor.js';
import { broadcastTo } from './broadcast-to.js';
import { reduceAxes, reducedShape, reductionAxes } from './reduction.js';
import { reshape } from './reshape.js';

/**
 * Sum over `axis` (a number, a list, or all axes when omitted); `keepDims` keeps reduced axes as 1.
 * A size-0 axis sums to 0.
 *
 * @example
 * ```ts
 * import { sum, tensor } from '@recur/tensor';
 * const x = tensor([[1, 2], [3, 4]]);
 * sum(x).item(); // 10
 * sum(x, 0).toArray(); // [4, 6]
 * sum(x, -1, true).toArray(); // [[3], [7]]
 * ```
 */
export function sum(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  checkTensor('sum', 'x', x);
  const axes = reductionAxes('sum', x, axis);
  const out = reduceAxes('sum', x, axes, checkBoolean('sum', 'keepDims', keepDims, false));
  record('sum', [x], [out], { axes });
  return out;
}

registerGradient('sum', ([dy], { inputs: [x], saved }) => {
  const kept = reducedShape(x.shape, saved.axes as number[], true);
  return [broadcastTo(reshape(dy!, kept), x.shape)];
});
