/**
 * Completes two modules with the ops they use but cannot import, since every op imports Tensor:
 * the Tensor class gets its method forms (`x.add(y)` is `add(x, y)`), and backward gets the ops
 * it builds gradients with. The package index imports this module once, for these effects, so the
 * methods are there for anyone who imports `@recur/tensor` (as tfjs-core installs its chained ops).
 */
import { setBackwardOps } from './autograd/backward.js';
import { ones } from './creation/ones.js';
import type { DType } from './dtype.js';
import {
  abs,
  clip,
  elu,
  exp,
  gelu,
  hardSigmoid,
  leakyRelu,
  linear,
  log,
  logSigmoid,
  neg,
  relu,
  selu,
  sigmoid,
  sign,
  softplus,
  softsign,
  sqrt,
  square,
  swish,
  tanh,
} from './ops/unary-ops.js';
import { add, div, maximum, minimum, mul, pow, sub } from './ops/binary-ops.js';
import { equal, greater, greaterEqual, less, lessEqual, notEqual } from './ops/comparison-ops.js';
import { type MatmulOptions, matmul } from './ops/matmul.js';
import { expandDims, flatten, reshape, squeeze } from './ops/reshape.js';
import { transpose } from './ops/transpose.js';
import { slice } from './ops/slice.js';
import { split } from './ops/split.js';
import { gather } from './ops/gather.js';
import { sum } from './ops/sum.js';
import { mean } from './ops/mean.js';
import { max, min } from './ops/max.js';
import { argMax } from './ops/arg-max.js';
import { logSoftmax, softmax } from './ops/softmax.js';
import { cast } from './ops/cast.js';
import { broadcastTo } from './ops/broadcast-to.js';
import { dropout } from './ops/dropout.js';
import { reverse } from './ops/reverse.js';
import { Tensor, type TensorLike } from './tensor.js';

// The method forms' types, merged into the class: to TypeScript they are Tensor's own methods.
declare module './tensor.js' {
  interface Tensor {
    add(other: TensorLike): Tensor;
    sub(other: TensorLike): Tensor;
    mul(other: TensorLike): Tensor;
    div(other: TensorLike): Tensor;
    pow(exponent: TensorLike): Tensor;
    maximum(other: TensorLike): Tensor;
    minimum(other: TensorLike): Tensor;
    equal(other: TensorLike): Tensor;
    notEqual(other: TensorLike): Tensor;
    less(other: TensorLike): Tensor;
    lessEqual(other: TensorLike): Tensor;
    greater(other: TensorLike): Tensor;
    greaterEqual(other: TensorLike): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    abs(): Tensor;
    square(): Tensor;
    sign(): Tensor;
    clip(min: number, max: number): Tensor;
    sigmoid(): Tensor;
    logSigmoid(): Tensor;
    tanh(): Tensor;
    relu(): Tensor;
    elu(alpha?: number): Tensor;
    selu(): Tensor;
    gelu(): Tensor;
    swish(): Tensor;
    softplus(): Tensor;
    softsign(): Tensor;
    hardSigmoid(): Tensor;
    leakyRelu(alpha?: number): Tensor;
    linear(): Tensor;
    matmul(other: Tensor, options?: MatmulOptions): Tensor;
    reshape(shape: readonly number[]): Tensor;
    flatten(): Tensor;
    expandDims(axis: number): Tensor;
    squeeze(axis?: number | number[]): Tensor;
    transpose(perm?: readonly number[]): Tensor;
    slice(begin: readonly number[], size?: readonly number[]): Tensor;
    split(sizes: number | readonly number[], axis?: number): Tensor[];
    gather(indices: TensorLike): Tensor;
    sum(axis?: number | readonly number[], keepDims?: boolean): Tensor;
    mean(axis?: number | readonly number[], keepDims?: boolean): Tensor;
    max(axis?: number | readonly number[], keepDims?: boolean): Tensor;
    min(axis?: number | readonly number[], keepDims?: boolean): Tensor;
    argMax(axis?: number): Tensor;
    softmax(axis?: number): Tensor;
    logSoftmax(axis?: number): Tensor;
    cast(dtype: DType): Tensor;
    broadcastTo(shape: readonly number[]): Tensor;
    reverse(axis: number): Tensor;
    dropout(rate: number, seed?: number, training?: boolean): Tensor;
  }
}

const methodForms: ThisType<Tensor> & Partial<Tensor> = {
  add(other: TensorLike): Tensor {
    return add(this, other);
  },
  sub(other: TensorLike): Tensor {
    return sub(this, other);
  },
  mul(other: TensorLike): Tensor {
    return mul(this, other);
  },
  div(other: TensorLike): Tensor {
    return div(this, other);
  },
  pow(exponent: TensorLike): Tensor {
    return pow(this, exponent);
  },
  maximum(other: TensorLike): Tensor {
    return maximum(this, other);
  },
  minimum(other: TensorLike): Tensor {
    return minimum(this, other);
  },
  equal(other: TensorLike): Tensor {
    return equal(this, other);
  },
  notEqual(other: TensorLike): Tensor {
    return notEqual(this, other);
  },
  less(other: TensorLike): Tensor {
    return less(this, other);
  },
  lessEqual(other: TensorLike): Tensor {
    return lessEqual(this, other);
  },
  greater(other: TensorLike): Tensor {
    return greater(this, other);
  },
  greaterEqual(other: TensorLike): Tensor {
    return greaterEqual(this, other);
  },
  neg(): Tensor {
    return neg(this);
  },
  exp(): Tensor {
    return exp(this);
  },
  log(): Tensor {
    return log(this);
  },
  sqrt(): Tensor {
    return sqrt(this);
  },
  abs(): Tensor {
    return abs(this);
  },
  square(): Tensor {
    return square(this);
  },
  sign(): Tensor {
    return sign(this);
  },
  clip(min: number, max: number): Tensor {
    return clip(this, min, max);
  },
  sigmoid(): Tensor {
    return sigmoid(this);
  },
  logSigmoid(): Tensor {
    return logSigmoid(this);
  },
  tanh(): Tensor {
    return tanh(this);
  },
  relu(): Tensor {
    return relu(this);
  },
  elu(alpha?: number): Tensor {
    return elu(this, alpha);
  },
  selu(): Tensor {
    return selu(this);
  },
  gelu(): Tensor {
    return gelu(this);
  },
  swish(): Tensor {
    return swish(this);
  },
  softplus(): Tensor {
    return softplus(this);
  },
  softsign(): Tensor {
    return softsign(this);
  },
  hardSigmoid(): Tensor {
    return hardSigmoid(this);
  },
  leakyRelu(alpha?: number): Tensor {
    return leakyRelu(this, alpha);
  },
  linear(): Tensor {
    return linear(this);
  },
  matmul(other: Tensor, options?: MatmulOptions): Tensor {
    return matmul(this, other, options);
  },
  reshape(shape: readonly number[]): Tensor {
    return reshape(this, shape);
  },
  flatten(): Tensor {
    return flatten(this);
  },
  expandDims(axis: number): Tensor {
    return expandDims(this, axis);
  },
  squeeze(axis?: number | number[]): Tensor {
    return squeeze(this, axis);
  },
  transpose(perm?: readonly number[]): Tensor {
    return transpose(this, perm);
  },
  slice(begin: readonly number[], size?: readonly number[]): Tensor {
    return slice(this, begin, size);
  },
  split(sizes: number | readonly number[], axis?: number): Tensor[] {
    return split(this, sizes, axis);
  },
  gather(indices: TensorLike): Tensor {
    return gather(this, indices);
  },
  sum(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return sum(this, axis, keepDims);
  },
  mean(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return mean(this, axis, keepDims);
  },
  max(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return max(this, axis, keepDims);
  },
  min(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return min(this, axis, keepDims);
  },
  argMax(axis?: number): Tensor {
    return argMax(this, axis);
  },
  softmax(axis?: number): Tensor {
    return softmax(this, axis);
  },
  logSoftmax(axis?: number): Tensor {
    return logSoftmax(this, axis);
  },
  cast(dtype: DType): Tensor {
    return cast(this, dtype);
  },
  broadcastTo(shape: readonly number[]): Tensor {
    return broadcastTo(this, shape);
  },
  reverse(axis: number): Tensor {
    return reverse(this, axis);
  },
  dropout(rate: number, seed?: number, training?: boolean): Tensor {
    return dropout(this, rate, seed, training);
  },
};

// Defined as a class defines its methods: non-enumerable, so a tensor's keys stay its fields.
for (const [name, method] of Object.entries(methodForms))
  Object.defineProperty(Tensor.prototype, name, {
    value: method,
    writable: true,
    enumerable: false,
    configurable: true,
  });

setBackwardOps({ add, ones, sum, reshape });
