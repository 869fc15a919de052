import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import type { FloatArray } from '../dtype.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { output, requireFloat } from './operands.js';

function softmaxOp(op: 'softmax' | 'logSoftmax', x: Tensor, axis: number): Tensor {
  checkTensor(op, 'x', x);
  requireFloat(op, x, 'x');
  const at = normalizeAxis(op, axis, x.rank);
  const outer = x.shape.slice(0, at).reduce((a, b) => a * b, 1);
  const size = x.rank === 0 ? 1 : x.shape[at];
  const inner = x.shape.slice(at + 1).reduce((a, b) => a * b, 1);
  const out = output(x.dtype, x.shape, op);
  currentBackend().softmax(
    x.data as FloatArray,
    outer,
    size,
    inner,
    out.data as FloatArray,
    op === 'logSoftmax',
  );
  record(op, [x], [out], { outer, size, inner });
  return out;
}

for (const op of ['softmax', 'logSoftmax'] as const) {
  registerGradient(op, ([dy], { inputs: [x], outputs: [y], saved }) => {
    const dx = output(x.dtype, x.shape);
    const { outer, size, inner } = saved as { outer: number; size: number; inner: number };
    currentBackend().softmaxGrad(
      y.data as FloatArray,
      dy!.data as FloatArray,
      outer,
      size,
      inner,
      dx.data as FloatArray,
      op === 'logSoftmax',
    );
    return [dx];
  });
}

/**
 * Softmax along `axis` (default: the last), shifted by the maximum so it never overflows.
 *
 * @example
 * ```ts
 * import { softmax, tensor } from '@recur/tensor';
 * softmax(tensor([1000, 1000])).toArray(); // [0.5, 0.5]
 * ```
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return softmaxOp('softmax', x, axis);
}

/**
 * `log(softmax(x))` computed directly (`x - max - log(sum(exp(x - max)))`): finite where the
 * composition would give -Infinity. Use it for cross-entropy.
 *
 * @example
 * ```ts
 * import { logSoftmax, tensor } from '@recur/tensor';
 * logSoftmax(tensor([0, 1000])).toArray(); // [-1000, 0]
 * ```
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return softmaxOp('logSoftmax', x, axis);
}
