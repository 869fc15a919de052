import { registerNonDifferentiable } from '../autograd/gradient-registry.js';
import type { Tensor, TensorLike } from '../tensor.js';
import { binaryOp } from './binary-op.js';

// Comparisons return 1 or 0 in the operands' dtype (so a mean of them is an accuracy), and carry
// no gradient.
for (const op of ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'])
  registerNonDifferentiable(op);

/** `a == b` as 1/0, broadcasting. @example `equal(tensor([1, 2]), 2).toArray(); // [0, 1]` */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('equal', a, b, false);
}
/** `a != b` as 1/0. @example `notEqual(tensor([1, 2]), 2).toArray(); // [1, 0]` */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('notEqual', a, b, false);
}
/** `a < b` as 1/0. @example `less(tensor([1, 2]), 2).toArray(); // [1, 0]` */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('less', a, b, false);
}
/** `a <= b` as 1/0. @example `lessEqual(tensor([1, 2]), 2).toArray(); // [1, 1]` */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('lessEqual', a, b, false);
}
/** `a > b` as 1/0. @example `greater(tensor([1, 2]), 1).toArray(); // [0, 1]` */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('greater', a, b, false);
}
/** `a >= b` as 1/0. @example `greaterEqual(tensor([1, 2]), 2).toArray(); // [0, 1]` */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('greaterEqual', a, b, false);
}
