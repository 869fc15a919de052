import { registerGradient } from '../autograd/gradient-registry.js';
import type { Tensor, TensorLike } from '../tensor.js';
import { binaryOp } from './binary-op.js';
import { asOperands, requireFloat } from './operands.js';
import { greaterEqual, lessEqual } from './comparison-ops.js';
import { log } from './unary-ops.js';
import { where } from './where.js';

// Input gradients may keep the broadcast shape: the engine sums them back to each input's shape.
registerGradient('add', ([dy]) => [dy, dy]);
registerGradient('sub', ([dy], { inputs: [, b] }) => [dy, b.requiresGrad ? neg(dy!) : null]);
registerGradient('mul', ([dy], { inputs: [a, b] }) => [
  a.requiresGrad ? mul(dy!, b) : null,
  b.requiresGrad ? mul(dy!, a) : null,
]);
// d(a/b)/db = -a/b^2 = -(a/b)/b
registerGradient('div', ([dy], { inputs: [a, b], outputs: [y] }) => [
  a.requiresGrad ? div(dy!, b) : null,
  b.requiresGrad ? neg(mul(dy!, div(y, b))) : null,
]);
// d(a^b)/da = b a^(b-1); d(a^b)/db = a^b ln a, taken as 0 where a <= 0 (ln undefined there).
registerGradient('pow', ([dy], { inputs: [a, b], outputs: [y] }) => [
  a.requiresGrad ? mul(dy!, mul(b, pow(a, sub(b, 1)))) : null,
  b.requiresGrad ? mul(dy!, mul(y, log(where(a.greater(0), a, 1)))) : null,
]);
// Ties go to the first operand, as in TensorFlow.
registerGradient('maximum', ([dy], { inputs: [a, b] }) => {
  const mask = greaterEqual(a, b);
  return [mul(dy!, mask), mul(dy!, sub(1, mask))];
});
registerGradient('minimum', ([dy], { inputs: [a, b] }) => {
  const mask = lessEqual(a, b);
  return [mul(dy!, mask), mul(dy!, sub(1, mask))];
});

function neg(x: Tensor): Tensor {
  return mul(x, -1);
}

/** Element-wise `a + b` with NumPy broadcasting. @example `add(tensor([[1], [2]]), tensor([10, 20])).toArray(); // [[11, 21], [12, 22]]` */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('add', a, b);
}
/** Element-wise `a - b` with broadcasting. @example `sub(tensor([3, 4]), 1).toArray(); // [2, 3]` */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('sub', a, b);
}
/** Element-wise `a * b` with broadcasting. @example `mul(tensor([1, 2]), tensor([3, 4])).toArray(); // [3, 8]` */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('mul', a, b);
}
/** Element-wise `a / b` with broadcasting. @example `div(tensor([1, 2]), 2).toArray(); // [0.5, 1]` */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('div', a, b);
}
/** Element-wise `a ** b` with broadcasting. @example `pow(tensor([2, 3]), 2).toArray(); // [4, 9]` */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = asOperands('pow', a, b);
  requireFloat('pow', x, 'a');
  return binaryOp('pow', x, y);
}
/** Element-wise maximum (NaN propagates). @example `maximum(tensor([1, 5]), 3).toArray(); // [3, 5]` */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('maximum', a, b);
}
/** Element-wise minimum (NaN propagates). @example `minimum(tensor([1, 5]), 3).toArray(); // [1, 3]` */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('minimum', a, b);
}
