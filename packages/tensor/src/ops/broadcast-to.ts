import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import { allocate } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { broadcastShapes, checkShape, formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { output, padRank } from './operands.js';

/**
 * Repeats `x` along axes of length 1 (and new leading axes) to reach `shape`. Its gradient is
 * summed back by the autograd engine, like any broadcast.
 *
 * @example
 * ```ts
 * import { broadcastTo, tensor } from '@recur/tensor';
 * broadcastTo(tensor([1, 2]), [2, 2]).toArray(); // [[1, 2], [1, 2]]
 * ```
 */
export function broadcastTo(x: Tensor, target: readonly number[]): Tensor {
  checkTensor('broadcastTo', 'x', x);
  const shape = checkShape('broadcastTo', target);
  if (shape.length < x.rank || !sameShape(broadcastShapes('broadcastTo', x.shape, shape), shape)) {
    throw new ShapeError(
      'broadcastTo',
      `shape to be one that ${formatShape(x.shape)} broadcasts to`,
      formatShape(shape),
    );
  }
  const out = output(x.dtype, shape, 'broadcastTo');
  // x + 0 iterated over the target shape: the binary kernel already knows broadcast strides.
  const zero = allocate(x.dtype, 1);
  const ones = new Array<number>(shape.length).fill(1);
  currentBackend().binary(
    'add',
    x.data,
    padRank(x.shape, shape.length),
    zero,
    ones,
    out.data,
    shape,
  );
  record('broadcastTo', [x], [out]);
  return out;
}

registerGradient('broadcastTo', ([dy]) => [dy]);
