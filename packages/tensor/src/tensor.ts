import { backward } from './autograd/backward.js';
import type { GradNode } from './autograd/gradient-registry.js';
import type { ConvertibleArray, DataArray, DType } from './dtype.js';
import { isStorage } from './dtype.js';
import { DTypeError, ShapeError, ValueError } from './errors.js';
import { checkShape, formatShape } from './shape.js';
import { checkBoolean } from './validation/check-boolean.js';
import { checkTensor } from './validation/check-tensor.js';
import { isDetached } from './validation/detached.js';
import { describeValue } from './validation/describe-value.js';
import { registerTensorClass } from './validation/is-tensor.js';
import { fromValues } from './creation/from-values.js';

// Set by trustedTensor for the one constructor call that follows: results the library builds from
// shapes it already checked skip the constructor's checks (each op makes several tensors).
let trusted = false;

/**
 * @internal A tensor over storage and a shape the caller has already checked (an op's result):
 * `data.length` must equal the shape's size. Skips the public constructor's O(rank) checks.
 */
export function trustedTensor(data: DataArray, shape: readonly number[]): Tensor {
  trusted = true;
  return new Tensor(data, shape);
}

/** Values accepted where a tensor is expected: a Tensor, a number, nested arrays or a typed array. */
export type TensorLike = Tensor | number | NestedArray | DataArray | ConvertibleArray;
export type NestedArray = number[] | NestedArray[];

/**
 * An n-dimensional array with a dtype, stored as a contiguous, row-major typed array owned by
 * JavaScript (no `dispose()`: memory belongs to the garbage collector). Ops are available both as
 * functions (`add(a, b)`) and as methods (`a.add(b)`, installed by install-ops.ts); when an input
 * requires gradients the op is recorded and `backward()` fills `.grad` of the leaves.
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
  /**
   * Number of elements. Stored rather than read from `data`, so storage whose buffer was later
   * detached (and now reads as empty) is told apart from an empty tensor.
   */
  readonly size: number;
  /** Whether gradients flow to this tensor (set on leaves by the user; on results by recording). */
  requiresGrad: boolean;
  /** Accumulated gradient of a leaf after `backward()`. */
  grad: Tensor | null = null;
  /** @internal The recorded op that produced this tensor, or null for a leaf. */
  gradNode: GradNode | null = null;
  /** @internal Which output of `gradNode` this tensor is. */
  outputIndex = 0;

  /**
   * Wraps existing storage (no copy): a Float32Array, Float64Array or Int32Array (which sets the
   * dtype) of exactly the shape's size. Prefer {@link tensor} and the creation functions, which
   * also convert other arrays.
   */
  constructor(data: DataArray, shape: readonly number[], requiresGrad = false) {
    if (trusted) {
      trusted = false;
      this.data = data;
      this.shape = Object.freeze([...shape]);
      this.size = data.length;
      this.dtype =
        data instanceof Float32Array
          ? 'float32'
          : data instanceof Float64Array
            ? 'float64'
            : 'int32';
      this.requiresGrad = false;
      return;
    }
    const op = 'Tensor';
    if (!isStorage(data))
      throw new DTypeError(
        op,
        'data to be a Float32Array, Float64Array or Int32Array (tensor() converts other arrays)',
        describeValue(data),
      );
    if (data.length === 0 && isDetached(data))
      throw new ValueError(op, 'data with live storage', describeValue(data));
    const checked = checkShape(op, shape);
    let size = 1;
    for (const dimension of checked) size *= dimension;
    if (data.length !== size) {
      throw new ShapeError(
        op,
        `${size} values for shape ${formatShape(checked)}`,
        `${data.length}`,
      );
    }
    const dtype =
      data instanceof Float32Array ? 'float32' : data instanceof Float64Array ? 'float64' : 'int32';
    if (checkBoolean(op, 'requiresGrad', requiresGrad, false) && dtype === 'int32')
      throw new DTypeError(op, 'a float32 or float64 tensor with requiresGrad', 'int32 data');
    this.data = data;
    this.shape = Object.freeze(checked);
    this.size = size;
    this.dtype = dtype;
    this.requiresGrad = requiresGrad;
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** The values as nested arrays (a number for a scalar). */
  toArray(): NestedArray | number {
    checkTensor('toArray', 'tensor', this);
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
    checkTensor('item', 'tensor', this);
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
    checkTensor('backward', 'tensor', this);
    let seed: Tensor | undefined;
    if (gradient instanceof Tensor) seed = checkTensor('backward', 'gradient', gradient);
    else if (gradient !== undefined) {
      // Values (nested or flat) for this tensor's shape, in its dtype.
      const { data } = fromValues('backward', 'gradient', gradient, this.dtype);
      if (data.length !== this.size)
        throw new ShapeError(
          'backward',
          `a gradient of ${this.size} values (shape ${formatShape(this.shape)})`,
          `${data.length} values`,
        );
      seed = new Tensor(data, this.shape);
    }
    backward(this, seed);
  }

  /** The same storage, cut from the graph: no gradient flows through the result. */
  detach(): Tensor {
    checkTensor('detach', 'tensor', this);
    return new Tensor(this.data, this.shape);
  }

  /** Clears `.grad`. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** A copy with its own storage. */
  clone(): Tensor {
    checkTensor('clone', 'tensor', this);
    return new Tensor(this.data.slice(), this.shape);
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype}${this.requiresGrad ? ', requiresGrad' : ''})`;
  }
}

registerTensorClass(Tensor);
