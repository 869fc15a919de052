import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import { ShapeError } from '../errors.js';
import { checkIntegerList } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { describeValue } from '../validation/describe-value.js';
import { output } from './operands.js';

/**
 * Permutes axes (default: reverses them). The result is a contiguous copy.
 *
 * @example
 * ```ts
 * import { tensor, transpose } from '@recur/tensor';
 * transpose(tensor([[1, 2, 3]])).toArray(); // [[1], [2], [3]]
 * transpose(tensor(new Float32Array(24), [2, 3, 4]), [1, 0, 2]).shape; // [3, 2, 4]
 * ```
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  checkTensor('transpose', 'x', x);
  const axes =
    perm === undefined
      ? x.shape.map((_, i) => x.rank - 1 - i)
      : checkIntegerList('transpose', 'perm', perm, 0);
  const valid =
    axes.length === x.rank && [...axes].sort((p, q) => p - q).every((axis, i) => axis === i);
  if (!valid)
    throw new ShapeError(
      'transpose',
      `perm to be a permutation of 0..${x.rank - 1}`,
      describeValue(perm),
    );
  const out = output(
    x.dtype,
    axes.map((axis) => x.shape[axis]),
    'transpose',
  );
  currentBackend().transpose(x.data, x.shape, axes, out.data);
  record('transpose', [x], [out], { perm: axes });
  return out;
}

registerGradient('transpose', ([dy], { saved }) => {
  const perm = saved.perm as number[];
  const inverse = new Array<number>(perm.length);
  perm.forEach((axis, i) => {
    inverse[axis] = i;
  });
  return [transpose(dy!, inverse)];
});
