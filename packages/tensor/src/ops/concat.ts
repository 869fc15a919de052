import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import { DTypeError, ShapeError } from '../errors.js';
import { formatShape, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensorList } from './tensor-list.js';
import { output } from './operands.js';
import { slice } from './slice.js';

/**
 * Joins tensors along an existing axis; all other axes must agree.
 *
 * @example
 * ```ts
 * import { concat, ones, zeros } from '@recur/tensor';
 * concat([ones([2, 1]), zeros([2, 3])], 1).shape; // [2, 4]
 * ```
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  checkTensorList('concat', tensors);
  const first = tensors[0];
  if (first.rank === 0)
    throw new ShapeError('concat', 'tensors of rank >= 1 (use stack for scalars)', 'a scalar');
  const at = normalizeAxis('concat', axis, first.rank);
  let total = 0;
  for (const t of tensors) {
    if (t.dtype !== first.dtype)
      throw new DTypeError('concat', `tensors of one dtype (${first.dtype})`, t.dtype);
    const agrees =
      t.rank === first.rank && t.shape.every((d, i) => i === at || d === first.shape[i]);
    if (!agrees)
      throw new ShapeError(
        'concat',
        `shapes equal to ${formatShape(first.shape)} except on axis ${at}`,
        formatShape(t.shape),
      );
    total += t.shape[at];
  }
  const shape = [...first.shape];
  shape[at] = total;
  const out = output(first.dtype, shape, 'concat');
  const begin = new Array<number>(shape.length).fill(0);
  const backend = currentBackend();
  for (const t of tensors) {
    backend.insertSlice(out.data, shape, begin, t.data, t.shape);
    begin[at] += t.shape[at];
  }
  record('concat', [...tensors], [out], { axis: at });
  return out;
}

registerGradient('concat', ([dy], { inputs, saved }) => {
  const axis = saved.axis as number;
  const begin = new Array<number>(dy!.rank).fill(0);
  return inputs.map((input) => {
    const part = input.requiresGrad ? slice(dy!, begin, input.shape) : null;
    begin[axis] += input.shape[axis];
    return part;
  });
});
