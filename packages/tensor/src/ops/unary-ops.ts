import { record } from '../autograd/tape.js';
import { registerGradient, registerNonDifferentiable } from '../autograd/gradient-registry.js';
import type { UnaryAttributes, UnaryOp } from '../backend/backend.js';
import { currentBackend } from '../backend/current-backend.js';
import { ValueError } from '../errors.js';
import type { FloatArray } from '../dtype.js';
import type { Tensor, TensorLike } from '../tensor.js';
import { checkNumber } from '../validation/check-number.js';
import { output, requireFloat, tensorArgument } from './operands.js';

// Ops that are also defined on int32 (their results are exact integers).
const INTEGER_OPS = new Set<UnaryOp>(['neg', 'abs', 'square', 'sign', 'relu', 'linear', 'clip']);

/** Runs an element-wise op through the current backend and records it. */
function unaryOp(op: UnaryOp, x: TensorLike, attributes: UnaryAttributes = {}): Tensor {
  const input = tensorArgument(op, 'x', x);
  if (!INTEGER_OPS.has(op)) requireFloat(op, input, 'x');
  const out = output(input.dtype, input.shape, op);
  currentBackend().unary(op, input.data, out.data, attributes);
  record(op, [input], [out], { attributes });
  return out;
}

const DIFFERENTIABLE: UnaryOp[] = [
  'neg',
  'exp',
  'log',
  'sqrt',
  'abs',
  'square',
  'sigmoid',
  'logSigmoid',
  'tanh',
  'relu',
  'elu',
  'selu',
  'gelu',
  'swish',
  'softplus',
  'softsign',
  'hardSigmoid',
  'leakyRelu',
  'linear',
  'clip',
];
for (const op of DIFFERENTIABLE) {
  registerGradient(op, ([dy], node) => {
    const [x] = node.inputs;
    const [y] = node.outputs;
    const dx = output(x.dtype, x.shape);
    currentBackend().unaryGrad(
      op,
      x.data as FloatArray,
      y.data as FloatArray,
      dy!.data as FloatArray,
      dx.data as FloatArray,
      node.saved.attributes as UnaryAttributes,
    );
    return [dx];
  });
}
registerNonDifferentiable('sign');

/** `-x`. @example `neg(tensor([1, -2])).toArray(); // [-1, 2]` */
export function neg(x: TensorLike): Tensor {
  return unaryOp('neg', x);
}
/** `e^x` (overflows to Infinity, never NaN, for large finite x). @example `exp(tensor([0, 1]))` */
export function exp(x: TensorLike): Tensor {
  return unaryOp('exp', x);
}
/** Natural logarithm. @example `log(tensor([1, Math.E])).toArray(); // [0, 1]` */
export function log(x: TensorLike): Tensor {
  return unaryOp('log', x);
}
/** Square root. @example `sqrt(tensor([4, 9])).toArray(); // [2, 3]` */
export function sqrt(x: TensorLike): Tensor {
  return unaryOp('sqrt', x);
}
/** `|x|`. @example `abs(tensor([-3, 2])).toArray(); // [3, 2]` */
export function abs(x: TensorLike): Tensor {
  return unaryOp('abs', x);
}
/** `x * x`. @example `square(tensor([3])).toArray(); // [9]` */
export function square(x: TensorLike): Tensor {
  return unaryOp('square', x);
}
/** -1, 0 or 1 (no gradient). @example `sign(tensor([-2, 0, 5])).toArray(); // [-1, 0, 1]` */
export function sign(x: TensorLike): Tensor {
  return unaryOp('sign', x);
}
/**
 * Clamps to `[min, max]`; the gradient passes where `min <= x <= max`.
 * @example `clip(tensor([-5, 0.5, 5]), 0, 1).toArray(); // [0, 0.5, 1]`
 */
export function clip(x: TensorLike, min: number, max: number): Tensor {
  checkNumber('clip', 'min', min, { infinite: true });
  checkNumber('clip', 'max', max, { infinite: true });
  if (!(min <= max)) throw new ValueError('clip', 'min <= max', `min ${min}, max ${max}`);
  return unaryOp('clip', x, { min, max });
}
/** Logistic sigmoid `1 / (1 + e^-x)`, stable for any magnitude. @example `sigmoid(tensor([0])).toArray(); // [0.5]` */
export function sigmoid(x: TensorLike): Tensor {
  return unaryOp('sigmoid', x);
}
/** `log(sigmoid(x))` without underflow (for binary cross-entropy from logits). @example `logSigmoid(tensor([-1000]))` */
export function logSigmoid(x: TensorLike): Tensor {
  return unaryOp('logSigmoid', x);
}
/** Hyperbolic tangent. @example `tanh(tensor([0])).toArray(); // [0]` */
export function tanh(x: TensorLike): Tensor {
  return unaryOp('tanh', x);
}
/** `max(x, 0)`. @example `relu(tensor([-1, 2])).toArray(); // [0, 2]` */
export function relu(x: TensorLike): Tensor {
  return unaryOp('relu', x);
}
/** `x > 0 ? x : alpha (e^x - 1)` (Keras default alpha 1). @example `elu(tensor([-1, 1]))` */
export function elu(x: TensorLike, alpha = 1): Tensor {
  return unaryOp('elu', x, { alpha: checkNumber('elu', 'alpha', alpha) });
}
/** Scaled ELU with the self-normalising constants (alpha 1.6733, scale 1.0507). @example `selu(tensor([-1, 1]))` */
export function selu(x: TensorLike): Tensor {
  return unaryOp('selu', x);
}
/** Exact GELU `x * Phi(x)` (Keras' default, approximate = false). @example `gelu(tensor([1]))` */
export function gelu(x: TensorLike): Tensor {
  return unaryOp('gelu', x);
}
/** Swish / SiLU `x * sigmoid(x)`. @example `swish(tensor([1]))` */
export function swish(x: TensorLike): Tensor {
  return unaryOp('swish', x);
}
/** `log(1 + e^x)`, stable. @example `softplus(tensor([0])).toArray(); // [Math.LN2]` */
export function softplus(x: TensorLike): Tensor {
  return unaryOp('softplus', x);
}
/** `x / (1 + |x|)`. @example `softsign(tensor([1])).toArray(); // [0.5]` */
export function softsign(x: TensorLike): Tensor {
  return unaryOp('softsign', x);
}
/** Keras 3 hard sigmoid `relu6(x + 3) / 6`. @example `hardSigmoid(tensor([0])).toArray(); // [0.5]` */
export function hardSigmoid(x: TensorLike): Tensor {
  return unaryOp('hardSigmoid', x);
}
/** `x > 0 ? x : alpha x` (Keras 3 default negative slope 0.2). @example `leakyRelu(tensor([-1]), 0.1)` */
export function leakyRelu(x: TensorLike, alpha = 0.2): Tensor {
  return unaryOp('leakyRelu', x, { alpha: checkNumber('leakyRelu', 'alpha', alpha) });
}
/** Identity (Keras' `linear` activation). @example `linear(tensor([3])).toArray(); // [3]` */
export function linear(x: TensorLike): Tensor {
  return unaryOp('linear', x);
}
