import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import { DTypeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { output, padRank, tensorArgument } from './operands.js';
import { zerosLike } from '../creation/zeros.js';

/**
 * `condition ? a : b` element-wise with broadcasting (any non-zero condition counts as true).
 * Gradients flow to `a` where the condition holds and to `b` elsewhere.
 *
 * @example
 * ```ts
 * import { tensor, where } from '@recur/tensor';
 * const x = tensor([-1, 2, -3]);
 * where(x.greater(0), x, 0).toArray(); // [0, 2, 0]
 * ```
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const cond = tensorArgument('where', 'condition', condition);
  const dtype = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : 'float32';
  const x = tensorArgument('where', 'a', a, dtype);
  const y = tensorArgument('where', 'b', b, dtype);
  if (x.dtype !== y.dtype)
    throw new DTypeError('where', 'a and b of one dtype', `${x.dtype} and ${y.dtype}`);
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, x.shape), y.shape);
  const rank = shape.length;
  const out = output(x.dtype, shape, 'where');
  currentBackend().where(
    cond.data,
    padRank(cond.shape, rank),
    x.data,
    padRank(x.shape, rank),
    y.data,
    padRank(y.shape, rank),
    out.data,
    shape,
  );
  record('where', [cond, x, y], [out]);
  return out;
}

registerGradient('where', ([dy], { inputs: [cond, a, b] }) => {
  const zero = zerosLike(dy!);
  return [
    null,
    a.requiresGrad ? where(cond, dy!, zero) : null,
    b.requiresGrad ? where(cond, zero, dy!) : null,
  ];
});
