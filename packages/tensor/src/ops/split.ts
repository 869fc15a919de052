import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import { ShapeError } from '../errors.js';
import { formatShape, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { describeValue } from '../validation/describe-value.js';
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
  checkTensor('split', 'x', x);
  const at = normalizeAxis('split', axis, x.rank);
  const length = x.shape[at];
  let parts: number[];
  if (typeof sizes === 'number') {
    // At most one part per element (one for an empty axis): a count of 1e9 parts of an empty axis
    // would otherwise build a billion tensors.
    if (
      !Number.isSafeInteger(sizes) ||
      sizes <= 0 ||
      sizes > Math.max(length, 1) ||
      length % sizes !== 0
    ) {
      throw new ShapeError(
        'split',
        `sizes to be a number of parts dividing axis ${at} (length ${length})`,
        describeValue(sizes),
      );
    }
    parts = new Array<number>(sizes).fill(length / sizes);
  } else {
    if (!Array.isArray(sizes))
      throw new ShapeError(
        'split',
        'sizes to be a number of parts or a list of part sizes',
        describeValue(sizes),
      );
    parts = [...sizes];
    if (
      parts.some((p) => typeof p !== 'number' || !Number.isSafeInteger(p) || p < 0) ||
      parts.reduce((a, b) => a + b, 0) !== length
    ) {
      throw new ShapeError(
        'split',
        `sizes summing to ${length} (axis ${at} of ${formatShape(x.shape)})`,
        describeValue(sizes),
      );
    }
  }
  const begin = new Array<number>(x.rank).fill(0);
  const backend = currentBackend();
  const outputs = parts.map((part) => {
    const shape = [...x.shape];
    shape[at] = part;
    const out = output(x.dtype, shape, 'split');
    backend.slice(x.data, x.shape, begin, out.data, shape);
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
