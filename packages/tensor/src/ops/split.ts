import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { backendFor } from '../backend/current-backend.js';
import { ShapeError } from '../errors.js';
import { formatShape, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { concat } from './concat.js';
import { output } from './operands.js';
import { zeros } from '../creation/zeros.js';

/**
 * Splits along `axis` into `sizes.length` parts of the given sizes, or into `sizes` equal parts.
 *
 * @example
 * ```ts
 * import { arange, split } from '@recur/tensor';
 * split(arange(6), 3).map((t) => t.toArray()); // [[0, 1], [2, 3], [4, 5]]
 * split(arange(6).reshape([2, 3]), [1, 2], 1).map((t) => t.shape); // [[2, 1], [2, 2]]
 * ```
 */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  const at = normalizeAxis('split', axis, x.rank);
  const length = x.shape[at];
  let parts: number[];
  if (typeof sizes === 'number') {
    if (!Number.isInteger(sizes) || sizes <= 0 || length % sizes !== 0) {
      throw new ShapeError(
        'split',
        `a number of parts dividing axis ${at} (length ${length})`,
        String(sizes),
      );
    }
    parts = new Array<number>(sizes).fill(length / sizes);
  } else {
    parts = [...sizes];
    if (
      parts.some((p) => !Number.isInteger(p) || p < 0) ||
      parts.reduce((a, b) => a + b, 0) !== length
    ) {
      throw new ShapeError(
        'split',
        `sizes summing to ${length} (axis ${at} of ${formatShape(x.shape)})`,
        `[${parts.join(', ')}]`,
      );
    }
  }
  const begin = new Array<number>(x.rank).fill(0);
  const kernel = backendFor('slice', x.dtype);
  const outputs = parts.map((part) => {
    const shape = [...x.shape];
    shape[at] = part;
    const out = output(x.dtype, shape);
    kernel.slice(x.data, x.shape, begin, out.data, shape);
    begin[at] += part;
    return out;
  });
  record('split', [x], outputs, { axis: at });
  return outputs;
}

registerGradient('split', (dys, { outputs, saved }) => [
  concat(
    dys.map((dy, i) => dy ?? zeros(outputs[i].shape, { dtype: outputs[i].dtype })),
    saved.axis as number,
  ),
]);
