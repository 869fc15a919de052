import { backward } from './autograd/backward.js';
import type { GradNode } from './autograd/gradient-registry.js';
import type { DataArray, DType } from './dtype.js';
import { dtypeOf } from './dtype.js';
import { ShapeError, ValueError } from './errors.js';
import { formatShape, sizeOf } from './shape.js';
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
import { tensor } from './creation/tensor.js';

/** Values accepted where a tensor is expected: a Tensor, a number, nested arrays or a typed array. */
export type TensorLike = Tensor | number | NestedArray | DataArray;
export type NestedArray = number[] | NestedArray[];

/**
 * An n-dimensional array with a dtype, stored as a contiguous, row-major typed array owned by
 * JavaScript (no `dispose()`: memory belongs to the garbage collector). Ops are available both as
 * functions (`add(a, b)`) and as methods (`a.add(b)`); when an input requires gradients the op is
 * recorded and `backward()` fills `.grad` of the leaves.
 *
 * @example
 * ```ts
 * import { tensor } from '@recur/tensor';
 * const w = tensor([[1, 2], [3, 4]], undefined, { requiresGrad: true });
 * const loss = w.mul(w).sum();
 * loss.backward();
 * console.log(w.grad?.toArray()); // [[2, 4], [6, 8]]
 * ```
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: DataArray;
  /** Whether gradients flow to this tensor (set on leaves by the user; on results by recording). */
  requiresGrad: boolean;
  /** Accumulated gradient of a leaf after `backward()`. */
  grad: Tensor | null = null;
  /** @internal The recorded op that produced this tensor, or null for a leaf. */
  gradNode: GradNode | null = null;
  /** @internal Which output of `gradNode` this tensor is. */
  outputIndex = 0;

  /** Wraps existing storage (no copy). Prefer {@link tensor} and the creation functions. */
  constructor(data: DataArray, shape: readonly number[], requiresGrad = false) {
    if (data.length !== sizeOf(shape)) {
      throw new ShapeError(
        'Tensor',
        `${sizeOf(shape)} values for shape ${formatShape(shape)}`,
        `${data.length}`,
      );
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtypeOf(data);
    this.requiresGrad = requiresGrad;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** The values as nested arrays (a number for a scalar). */
  toArray(): NestedArray | number {
    if (this.shape.length === 0) return this.data[0];
    const build = (axis: number, offset: number, stride: number): NestedArray => {
      const length = this.shape[axis];
      const inner = stride / length;
      const result: NestedArray = [];
      for (let i = 0; i < length; i++) {
        if (axis === this.shape.length - 1) (result as number[]).push(this.data[offset + i]);
        else (result as NestedArray[]).push(build(axis + 1, offset + i * inner, inner));
      }
      return result;
    };
    return build(0, 0, this.size);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1)
      throw new ValueError(
        'item',
        'a tensor with exactly one element',
        `shape ${formatShape(this.shape)}`,
      );
    return this.data[0];
  }

  /** Back-propagates from this tensor; a non-scalar needs a seed gradient of its shape. */
  backward(gradient?: TensorLike): void {
    backward(
      this,
      gradient === undefined
        ? undefined
        : gradient instanceof Tensor
          ? gradient
          : tensor(gradient, this.shape, { dtype: this.dtype }),
    );
  }

  /** The same storage, cut from the graph: no gradient flows through the result. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** Clears `.grad`. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** A copy with its own storage. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype}${this.requiresGrad ? ', requiresGrad' : ''})`;
  }

  // Method forms of the ops.
  add(other: TensorLike): Tensor {
    return add(this, other);
  }
  sub(other: TensorLike): Tensor {
    return sub(this, other);
  }
  mul(other: TensorLike): Tensor {
    return mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return div(this, other);
  }
  pow(exponent: TensorLike): Tensor {
    return pow(this, exponent);
  }
  maximum(other: TensorLike): Tensor {
    return maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return minimum(this, other);
  }
  equal(other: TensorLike): Tensor {
    return equal(this, other);
  }
  notEqual(other: TensorLike): Tensor {
    return notEqual(this, other);
  }
  less(other: TensorLike): Tensor {
    return less(this, other);
  }
  lessEqual(other: TensorLike): Tensor {
    return lessEqual(this, other);
  }
  greater(other: TensorLike): Tensor {
    return greater(this, other);
  }
  greaterEqual(other: TensorLike): Tensor {
    return greaterEqual(this, other);
  }
  neg(): Tensor {
    return neg(this);
  }
  exp(): Tensor {
    return exp(this);
  }
  log(): Tensor {
    return log(this);
  }
  sqrt(): Tensor {
    return sqrt(this);
  }
  abs(): Tensor {
    return abs(this);
  }
  square(): Tensor {
    return square(this);
  }
  sign(): Tensor {
    return sign(this);
  }
  clip(min: number, max: number): Tensor {
    return clip(this, min, max);
  }
  sigmoid(): Tensor {
    return sigmoid(this);
  }
  logSigmoid(): Tensor {
    return logSigmoid(this);
  }
  tanh(): Tensor {
    return tanh(this);
  }
  relu(): Tensor {
    return relu(this);
  }
  elu(alpha?: number): Tensor {
    return elu(this, alpha);
  }
  selu(): Tensor {
    return selu(this);
  }
  gelu(): Tensor {
    return gelu(this);
  }
  swish(): Tensor {
    return swish(this);
  }
  softplus(): Tensor {
    return softplus(this);
  }
  softsign(): Tensor {
    return softsign(this);
  }
  hardSigmoid(): Tensor {
    return hardSigmoid(this);
  }
  leakyRelu(alpha?: number): Tensor {
    return leakyRelu(this, alpha);
  }
  linear(): Tensor {
    return linear(this);
  }
  matmul(other: Tensor, options?: MatmulOptions): Tensor {
    return matmul(this, other, options);
  }
  reshape(shape: readonly number[]): Tensor {
    return reshape(this, shape);
  }
  flatten(): Tensor {
    return flatten(this);
  }
  expandDims(axis: number): Tensor {
    return expandDims(this, axis);
  }
  squeeze(axis?: number | number[]): Tensor {
    return squeeze(this, axis);
  }
  transpose(perm?: readonly number[]): Tensor {
    return transpose(this, perm);
  }
  slice(begin: readonly number[], size?: readonly number[]): Tensor {
    return slice(this, begin, size);
  }
  split(sizes: number | readonly number[], axis?: number): Tensor[] {
    return split(this, sizes, axis);
  }
  gather(indices: TensorLike): Tensor {
    return gather(this, indices);
  }
  sum(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return sum(this, axis, keepDims);
  }
  mean(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return mean(this, axis, keepDims);
  }
  max(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return max(this, axis, keepDims);
  }
  min(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return min(this, axis, keepDims);
  }
  argMax(axis?: number): Tensor {
    return argMax(this, axis);
  }
  softmax(axis?: number): Tensor {
    return softmax(this, axis);
  }
  logSoftmax(axis?: number): Tensor {
    return logSoftmax(this, axis);
  }
  cast(dtype: DType): Tensor {
    return cast(this, dtype);
  }
  broadcastTo(shape: readonly number[]): Tensor {
    return broadcastTo(this, shape);
  }
  reverse(axis: number): Tensor {
    return reverse(this, axis);
  }
  dropout(rate: number, seed?: number, training?: boolean): Tensor {
    return dropout(this, rate, seed, training);
  }
}
