import { registerNonDifferentiable } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import { ShapeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { output } from './operands.js';

registerNonDifferentiable('argMax');

/**
 * Index (int32) of the first maximum along `axis` (default: the last).
 *
 * @example
 * ```ts
 * import { argMax, tensor } from '@recur/tensor';
 * argMax(tensor([[0.1, 0.7, 0.2], [0.5, 0.4, 0.1]])).toArray(); // [1, 0]
 * ```
 */
export function argMax(x: Tensor, axis = -1): Tensor {
  checkTensor('argMax', 'x', x);
  if (x.rank === 0) throw new ShapeError('argMax', 'x of rank >= 1', 'a scalar');
  const at = normalizeAxis('argMax', axis, x.rank);
  const outer = x.shape.slice(0, at).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(at + 1).reduce((a, b) => a * b, 1);
  const out = output(
    'int32',
    x.shape.filter((_, i) => i !== at),
    'argMax',
  );
  currentBackend().argMax(x.data, outer, x.shape[at], inner, out.data as Int32Array);
  return out;
}
