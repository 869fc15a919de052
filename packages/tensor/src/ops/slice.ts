import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import { ShapeError } from '../errors.js';
import { checkIntegerList, formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { output } from './operands.js';

/**
 * The box starting at `begin` with `size` (-1, or a missing entry, means "to the end"), as a
 * contiguous copy.
 *
 * @example
 * ```ts
 * import { slice, tensor } from '@recur/tensor';
 * slice(tensor([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, 2]).toArray(); // [[2, 3], [5, 6]]
 * slice(tensor([[1, 2, 3], [4, 5, 6]]), [1]).toArray(); // [[4, 5, 6]]
 * ```
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  checkTensor('slice', 'x', x);
  const starts = checkIntegerList('slice', 'begin', begin, 0);
  const sizes = size === undefined ? [] : checkIntegerList('slice', 'size', size, -1);
  if (starts.length > x.rank || sizes.length > x.rank) {
    throw new ShapeError(
      'slice',
      `at most ${x.rank} begin/size entries for shape ${formatShape(x.shape)}`,
      `begin [${starts}], size [${sizes}]`,
    );
  }
  const start = x.shape.map((_, i) => starts[i] ?? 0);
  const extent = x.shape.map((d, i) => {
    const s = sizes[i] ?? -1;
    return s === -1 ? d - start[i] : s;
  });
  const valid = start.every((b, i) => extent[i] >= 0 && b + extent[i] <= x.shape[i]);
  if (!valid)
    throw new ShapeError(
      'slice',
      `begin and size to give a box inside ${formatShape(x.shape)}`,
      `begin [${start}], size [${extent}]`,
    );
  const out = output(x.dtype, extent, 'slice');
  currentBackend().slice(x.data, x.shape, start, out.data, extent);
  record('slice', [x], [out], { begin: start });
  return out;
}

// The gradient is dy written back into a zero tensor of the input's shape.
registerGradient('slice', ([dy], { inputs: [x], saved }) => {
  const dx = output(x.dtype, x.shape);
  currentBackend().insertSlice(dx.data, x.shape, saved.begin as number[], dy!.data, dy!.shape);
  return [dx];
});
