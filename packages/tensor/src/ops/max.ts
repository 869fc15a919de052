import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import type { Tensor } from '../tensor.js';
import { checkBoolean } from '../validation/check-boolean.js';
import { checkTensor } from '../validation/check-tensor.js';
import { div, mul } from './binary-ops.js';
import { equal } from './comparison-ops.js';
import { requireFloat } from './operands.js';
import { reduceAxes, reducedShape, reductionAxes } from './reduction.js';
import { reshape } from './reshape.js';
import { sum } from './sum.js';

/**
 * Maximum over `axis` (all axes when omitted); NaN propagates; a size-0 axis gives -Infinity.
 * The gradient is shared equally among tied maxima (as in TensorFlow).
 *
 * @example
 * ```ts
 * import { max, tensor } from '@recur/tensor';
 * max(tensor([[1, 5], [7, 2]]), 1).toArray(); // [5, 7]
 * ```
 */
export function max(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  return extremum('max', x, axis, keepDims);
}

/**
 * Minimum over `axis`; the mirror of {@link max}.
 *
 * @example
 * ```ts
 * import { min, tensor } from '@recur/tensor';
 * min(tensor([[1, 5], [7, 2]]), 1).toArray(); // [1, 2]
 * ```
 */
export function min(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  return extremum('min', x, axis, keepDims);
}

function extremum(
  op: 'max' | 'min',
  x: Tensor,
  axis: number | readonly number[] | undefined,
  keepDims: boolean,
): Tensor {
  checkTensor(op, 'x', x);
  requireFloat(op, x, 'x');
  const axes = reductionAxes(op, x, axis);
  const out = reduceAxes(op, x, axes, checkBoolean(op, 'keepDims', keepDims, false));
  record(op, [x], [out], { axes });
  return out;
}

for (const op of ['max', 'min']) {
  registerGradient(op, ([dy], { inputs: [x], outputs: [y], saved }) => {
    const axes = saved.axes as number[];
    const kept = reducedShape(x.shape, axes, true);
    const mask = equal(x, reshape(y, kept));
    const ties = sum(mask, axes, true);
    return [mul(mask, div(reshape(dy!, kept), ties))];
  });
}
