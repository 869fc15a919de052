import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { ShapeError } from '../errors.js';
import { listAxes } from './reduction.js';
import { checkIntegerList, formatShape, normalizeAxis } from '../shape.js';
import { type Tensor, trustedTensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { describeValue } from '../validation/describe-value.js';

/**
 * The same values in a new shape (no copy: the result shares storage). One dimension may be -1
 * and is inferred.
 *
 * @example
 * ```ts
 * import { arange, reshape } from '@recur/tensor';
 * reshape(arange(6), [2, -1]).shape; // [2, 3]
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', 'x', x);
  const resolved = resolveShape(x, shape);
  const out = trustedTensor(x.data, resolved);
  record('reshape', [x], [out]);
  return out;
}

registerGradient('reshape', ([dy], { inputs: [x] }) => [reshape(dy!, x.shape)]);

function resolveShape(x: Tensor, requested: readonly number[]): number[] {
  const shape = checkIntegerList('reshape', 'shape', requested, -1);
  const inferred = shape.filter((d) => d === -1).length;
  // Exact while it stays at most x.size; beyond that it can only mismatch.
  let known = 1;
  for (const d of shape) if (d !== -1) known *= d;
  if (
    inferred > 1 ||
    (inferred === 0 && known !== x.size) ||
    (inferred === 1 && (known === 0 || x.size % known !== 0))
  ) {
    throw new ShapeError(
      'reshape',
      `a shape with ${x.size} elements (at most one -1)`,
      `${describeValue(requested)} for input ${formatShape(x.shape)}`,
    );
  }
  return shape.map((d) => (d === -1 ? x.size / known : d));
}

/**
 * Flattens to one axis.
 *
 * @example
 * ```ts
 * import { flatten, ones } from '@recur/tensor';
 * flatten(ones([2, 3])).shape; // [6]
 * ```
 */
export function flatten(x: Tensor): Tensor {
  checkTensor('flatten', 'x', x);
  return reshape(x, [x.size]);
}

/**
 * Inserts an axis of length 1 at `axis` (negative counts from the end of the result).
 *
 * @example
 * ```ts
 * import { expandDims, ones } from '@recur/tensor';
 * expandDims(ones([2, 3]), 1).shape; // [2, 1, 3]
 * ```
 */
export function expandDims(x: Tensor, axis: number): Tensor {
  checkTensor('expandDims', 'x', x);
  const at = normalizeAxis('expandDims', axis, x.rank + 1);
  const shape = [...x.shape];
  shape.splice(at, 0, 1);
  return reshape(x, shape);
}

/**
 * Removes axes of length 1 (all of them, or the given ones).
 *
 * @example
 * ```ts
 * import { ones, squeeze } from '@recur/tensor';
 * squeeze(ones([2, 1, 3])).shape; // [2, 3]
 * ```
 */
export function squeeze(x: Tensor, axis?: number | number[]): Tensor {
  checkTensor('squeeze', 'x', x);
  const axes =
    axis === undefined
      ? x.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)
      : listAxes('squeeze', axis).map((a) => normalizeAxis('squeeze', a, x.rank));
  for (const a of axes) {
    if (x.shape[a] !== 1)
      throw new ShapeError('squeeze', `axis ${a} of length 1`, `shape ${formatShape(x.shape)}`);
  }
  return reshape(
    x,
    x.shape.filter((_, i) => !axes.includes(i)),
  );
}
