import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { output } from './operands.js';

/**
 * Reverses the order of elements along `axis` (a flip; Bidirectional uses it on the time axis).
 * Its gradient is the same reversal.
 *
 * @example
 * ```ts
 * import { reverse, tensor } from '@recur/tensor';
 * reverse(tensor([[1, 2, 3]]), 1).toArray(); // [[3, 2, 1]]
 * ```
 */
export function reverse(x: Tensor, axis: number): Tensor {
  checkTensor('reverse', 'x', x);
  const at = normalizeAxis('reverse', axis, x.rank);
  const outer = x.shape.slice(0, at).reduce((a, b) => a * b, 1);
  const length = x.shape[at];
  const inner = x.shape.slice(at + 1).reduce((a, b) => a * b, 1);
  const out = output(x.dtype, x.shape, 'reverse');
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < length; i++) {
      const from = (o * length + i) * inner;
      out.data.set(x.data.subarray(from, from + inner), (o * length + (length - 1 - i)) * inner);
    }
  }
  record('reverse', [x], [out], { axis: at });
  return out;
}

registerGradient('reverse', ([dy], { saved }) => [reverse(dy!, saved.axis as number)]);
