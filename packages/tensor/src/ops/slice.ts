import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { backendFor } from '../backend/current-backend.js';
import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
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
  if (begin.length > x.rank || (size && size.length > x.rank)) {
    throw new ShapeError(
      'slice',
      `at most ${x.rank} begin/size entries for shape ${formatShape(x.shape)}`,
      `begin [${begin}], size [${size ?? ''}]`,
    );
  }
  const start = x.shape.map((_, i) => begin[i] ?? 0);
  const extent = x.shape.map((d, i) => {
    const s = size?.[i] ?? -1;
    return s === -1 ? d - start[i] : s;
  });
  const valid = start.every(
    (b, i) =>
      Number.isInteger(b) &&
      Number.isInteger(extent[i]) &&
      b >= 0 &&
      extent[i] >= 0 &&
      b + extent[i] <= x.shape[i],
  );
  if (!valid)
    throw new ShapeError(
      'slice',
      `a box inside ${formatShape(x.shape)}`,
      `begin [${start}], size [${extent}]`,
    );
  const out = output(x.dtype, extent);
  backendFor('slice', x.dtype).slice(x.data, x.shape, start, out.data, extent);
  record('slice', [x], [out], { begin: start });
  return out;
}

// The gradient is dy written back into a zero tensor of the input's shape.
registerGradient('slice', ([dy], { inputs: [x], saved }) => {
  const dx = output(x.dtype, x.shape);
  backendFor('insertSlice', x.dtype).insertSlice(
    dx.data,
    x.shape,
    saved.begin as number[],
    dy!.data,
    dy!.shape,
  );
  return [dx];
});
